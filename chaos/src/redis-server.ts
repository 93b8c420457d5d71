import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Redis the chaos run can use: `REDIS_URL`'s, or one started here (and stopped by its pid). */
export interface ChaosRedis {
  url: string;
  /** Whether this process started it (and `stop` ends it). */
  started: boolean;
  stop(): Promise<void>;
}

/** The one command that installs what the chaos suite needs. */
export const REDIS_INSTALL = 'sudo apt-get install -y redis-server';

/**
 * `REDIS_URL` when set; otherwise starts `redis-server` on a free loopback port, without
 * persistence, daemonized, and stops it by its pid. A machine without `redis-server` fails
 * here with the command that installs it: the suite never skips.
 */
export async function chaosRedis(): Promise<ChaosRedis> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    const { hostname, port } = new URL(fromEnv);
    await waitForPing(hostname || '127.0.0.1', Number(port || 6379), 5_000);
    return { url: fromEnv, started: false, stop: async () => {} };
  }
  if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`The chaos suite needs a real Redis: set REDIS_URL, or install redis-server (Debian: ${REDIS_INSTALL}) and run it again.`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'chaos-redis-'));
  const pidfile = join(dir, 'redis.pid');
  execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', pidfile, '--dir', dir, '--logfile', join(dir, 'redis.log')], { stdio: 'ignore' });
  await waitForPing('127.0.0.1', port, 10_000);
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  return {
    url: `redis://127.0.0.1:${port}`,
    started: true,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const until = Date.now() + 5_000;
      while (Date.now() < until && alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until Redis answers `PING` with `+PONG`. */
async function waitForPing(host: string, port: number, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      await ping(host, port);
      return;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`Redis at ${host}:${port} did not answer PING within ${withinMs} ms: ${String(last)}`);
}

function ping(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => socket.write('PING\r\n'));
    socket.setTimeout(1_000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (data) => {
      socket.destroy();
      if (data.toString().startsWith('+PONG')) resolve();
      else reject(new Error(data.toString().trim()));
    });
    socket.once('error', reject);
  });
}
