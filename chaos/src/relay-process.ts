// One relay instance of a chaos run, in its own process so the run can SIGKILL it: the real
// createEscalationHandler + toNodeHandler over node:http, with the real Zendesk, Freshdesk and
// Intercom adapters pointed at the emulator, and its idempotency records, claims and attempt
// journal in the shared store. Configured by environment (see relay-instance.ts); prints
// `ready <port>` once it listens.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistry } from '@pillar/escalation-core';
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

main().catch((error: unknown) => {
  process.stderr.write(`relay-process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
