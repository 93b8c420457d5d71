// Several server instances: share idempotency records, claims, the attempt journal and the rate limit (Redis).
import { createClient } from 'redis';
import type { EscalationRegistry } from '@pillar/escalation-core';
import { createEscalationHandler } from '@pillar/escalation-server';
import { redisStores } from '@pillar/escalation-redis';

export async function sharedHandler(registry: EscalationRegistry) {
  const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  redis.on('error', (error) => console.error('redis:', error));
  await redis.connect();
  const stores = redisStores({ client: redis, prefix: 'acme:escalation:' });
  return createEscalationHandler({
    registry,
    // The same stores on every instance: one delivery per key across all of them.
    idempotency: { store: stores.idempotency, journal: stores.journal, ttlMs: 24 * 60 * 60_000 },
    rateLimit: { limit: 10, windowMs: 60_000, store: stores.rateLimit },
  });
}
