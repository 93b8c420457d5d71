import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ProviderName } from './emulator/truth';

/** What every relay instance of a run shares. */
export interface RelaySettings {
  baseUrls: Record<ProviderName, string>;
  /** `redis` (shared) or `memory` (each instance its own). */
  store: 'redis' | 'memory';
  redisUrl?: string;
  /** Key prefix in Redis, unique per run. */
  prefix: string;
  adapterTimeoutMs: number;
  leaseMs: number;
  trustIntercomSearch: boolean;
}

/** One relay process: it can be killed with SIGKILL and started again on the same port. */
export interface RelayInstance {
  readonly name: string;
  /** The port it listens on (the same after a restart). */
  readonly port: number;
  /** Whether its process is running. */
  readonly up: boolean;
  /** The process's stderr so far (its crash report, if any). */
  stderr(): string;
  /** SIGKILL, no warning: claims, journal entries and deliveries in flight are left as they are. */
  kill(): Promise<void>;
  /** Starts a new process on the same port. */
  restart(): Promise<void>;
  /** Ends it (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

const REPO = join(__dirname, '..', '..');
const ENTRY = join(__dirname, 'relay-process.ts');
const START_TIMEOUT_MS = 30_000;

/** Starts a relay process (TypeScript through tsx) and resolves once it listens. */
export async function startRelayInstance(name: string, settings: RelaySettings): Promise<RelayInstance> {
  let child: ChildProcess | undefined;
  let port = 0;
  let errors = '';

  const launch = async (): Promise<void> => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      CHAOS_BASE_URLS: JSON.stringify(settings.baseUrls),
      CHAOS_STORE: settings.store,
      CHAOS_PREFIX: settings.prefix,
      CHAOS_ADAPTER_TIMEOUT_MS: String(settings.adapterTimeoutMs),
      CHAOS_LEASE_MS: String(settings.leaseMs),
      CHAOS_TRUST_INTERCOM_SEARCH: settings.trustIntercomSearch ? '1' : '0',
      CHAOS_PORT: String(port),
      CHAOS_INSTANCE: name,
    };
    if (settings.redisUrl) env.REDIS_URL = settings.redisUrl;
    const started = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stderr!.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-20_000);
    });
    port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`relay ${name} did not start within ${START_TIMEOUT_MS} ms: ${errors}`)), START_TIMEOUT_MS);
      started.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /ready (\d+)/.exec(out);
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]));
        }
      });
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`relay ${name} exited (${code ?? signal}) before it listened: ${errors}`));
      });
    });
  };

  const ended = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  await launch();
  return {
    name,
    get port() {
      return port;
    },
    get up() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    stderr: () => errors,
    async kill() {
      if (!child) return;
      const proc = child;
      proc.kill('SIGKILL');
      await ended(proc);
    },
    restart: launch,
    async stop() {
      if (!child) return;
      const proc = child;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 3_000);
      await ended(proc);
      clearTimeout(timer);
    },
  };
}
