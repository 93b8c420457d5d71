import type { AttemptJournal } from '@pillar/escalation-core';
import { memoryAttemptJournal, memoryIdempotencyStore, type EscalationIdempotencyStore, type RateLimitStore } from '@pillar/escalation-server';

/** The stores one relay instance uses, and how to let go of them. */
export interface RelayStores {
  idempotency: { store: EscalationIdempotencyStore; journal: AttemptJournal };
  /** `undefined`: the handler's in-memory default. */
  rateLimit?: RateLimitStore;
  close(): Promise<void>;
}

/**
 * `memory`: this process's own (what a run shows without a shared store: instances that do
 * not know each other's deliveries). `redis`: `@pillar/escalation-redis` on `redisUrl`, keys
 * under `prefix`, shared by every instance of the run.
 */
export async function relayStores(kind: string, redisUrl: string | undefined, prefix: string): Promise<RelayStores> {
  if (kind === 'memory') {
    return { idempotency: { store: memoryIdempotencyStore(), journal: memoryAttemptJournal() }, close: async () => {} };
  }
  throw new Error(`relay-stores: unknown store "${kind}" (redis: ${redisUrl ?? 'no REDIS_URL'}, prefix ${prefix})`);
}
