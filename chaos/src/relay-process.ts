// One relay instance of a chaos run, in its own process so the run can SIGKILL it: the real
// createEscalationHandler + toNodeHandler over node:http, with the real Zendesk, Freshdesk and
// Intercom adapters pointed at the emulator, and its idempotency records, claims and attempt
// journal in the shared store. Configured by environment (see relay-instance.ts); prints
// `ready <port>` once it listens.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistry } from '@pillar/escalation-core';
import { markerIn } from './emulator/truth';
import { createEscalationHandler, toNodeHandler, type IdempotencyOptions, type RateLimitOptions } from '@pillar/escalation-server';
import { chaosServerOptions } from './server-options';
import { relayStores } from './relay-stores';

async function main(): Promise<void> {
  const env = process.env;
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`relay-process: ${name} is not set`);
    return value;
  };
  const baseUrls = JSON.parse(need('CHAOS_BASE_URLS')) as { zendesk: string; freshdesk: string; intercom: string };
  const registry = createRegistry(
    chaosServerOptions({ baseUrls, timeoutMs: Number(need('CHAOS_ADAPTER_TIMEOUT_MS')), trustIntercomSearch: env.CHAOS_TRUST_INTERCOM_SEARCH !== '0' }),
  );
  const logFile = env.CHAOS_RELAY_LOG;
  if (logFile) traceFailures(registry, logFile, env.CHAOS_INSTANCE ?? 'relay');
  const stores = await relayStores(need('CHAOS_STORE'), env.REDIS_URL, need('CHAOS_PREFIX'));
  const idempotency: IdempotencyOptions = { ...stores.idempotency, leaseMs: Number(need('CHAOS_LEASE_MS')) };
  const rateLimit: RateLimitOptions = { limit: 1_000, windowMs: 60_000, ...(stores.rateLimit ? { store: stores.rateLimit } : {}) };
  const handler = createEscalationHandler({
    registry,
    idempotency,
    rateLimit,
    // The browser says who it is in a header: the chaos clients stand for signed-in users.
    identify: (request) => {
      const id = request.headers.get('x-chaos-user');
      return id ? { id, email: `${id.replace('-', '')}@example.com` } : null;
    },
    onError: () => {},
  });
  const server = createServer(toNodeHandler(handler));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(env.CHAOS_PORT ?? 0), '127.0.0.1', resolve);
  });
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
  const stop = () => {
    server.close();
    void stores.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * With `CHAOS_RELAY_LOG`, one line per escalation started and per lookup, naming the escalation's
 * marker: what the server did for the escalations a run counts as lost or unresolved.
 */
function traceFailures(registry: ReturnType<typeof createRegistry>, file: string, instance: string): void {
  const markers = new Map<string, string>();
  const write = (line: string) => appendFileSync(file, `${new Date().toISOString()} ${instance} ${line}\n`);
  registry.on('escalation:start', ({ idempotencyKey, context }) => {
    const marker = markerIn(context.messages.map((m) => m.content).join(' ')) ?? '?';
    markers.set(idempotencyKey, marker);
    write(`${marker} start ${idempotencyKey}`);
  });
  const markerOf = (key: string) => markers.get(key) ?? markers.get(key.split(':')[0]!) ?? '?';
  registry.on('escalation:reconcile', ({ idempotencyKey, optionId, trigger, outcome, error }) => {
    write(`${markerOf(idempotencyKey)} reconcile ${optionId} (${trigger}): ${outcome}${error ? ` ${error.code} ${error.message}` : ''}`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`relay-process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
