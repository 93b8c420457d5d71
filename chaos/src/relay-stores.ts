import type { AttemptJournal } from '@pillar/escalation-core';
import { redisStores } from '@pillar/escalation-redis';
import { memoryAttemptJournal, memoryIdempotencyStore, type EscalationIdempotencyStore, type RateLimitStore } from '@pillar/escalation-server';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { createClient as CreateClient } from 'redis';

/**
 * The official client (node-redis) as installed for @pillar/escalation-redis: the chaos suite
 * adds no dependency of its own. The relay process runs from the repository root (ESM: no `__dirname`).
 */
function redisClientFactory(): typeof CreateClient {
  return (createRequire(join(process.cwd(), 'packages', 'redis', 'package.json'))('redis') as { createClient: typeof CreateClient }).createClient;
}

/** The stores one relay instance uses, and how to let go of them. */
export interface RelayStores {
  idempotency: { store: EscalationIdempotencyStore; journal: AttemptJournal };
  /** `undefined`: the handler's in-memory default. */
  rateLimit?: RateLimitStore;
  close(): Promise<void>;
}

/**
 * `redis`: `@pillar/escalation-redis` on `redisUrl` with the official client, keys under
 * `prefix`, shared by every instance of the run (idempotency records, claims, the attempt
 * journal and the rate-limit counters). `memory`: this process's own, what a run looks like
 * without a shared store (instances that do not know each other's deliveries).
 */
export async function relayStores(kind: string, redisUrl: string | undefined, prefix: string): Promise<RelayStores> {
  if (kind === 'memory') {
    return { idempotency: { store: memoryIdempotencyStore(), journal: memoryAttemptJournal() }, close: async () => {} };
  }
  if (kind !== 'redis' || !redisUrl) throw new Error(`relay-stores: "${kind}" needs REDIS_URL (or use "memory")`);
  const client = redisClientFactory()({ url: redisUrl });
  client.on('error', () => {});
  await client.connect();
  const stores = redisStores({ client, prefix });
  return {
    idempotency: { store: stores.idempotency, journal: stores.journal },
    rateLimit: stores.rateLimit,
    close: async () => {
      await client.quit().catch(() => {});
    },
  };
}
