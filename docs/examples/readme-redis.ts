import { createClient } from 'redis';
import { createRegistry } from '@pillar/escalation-core';
import { createEscalationHandler } from '@pillar/escalation-server';
import { redisStores } from '@pillar/escalation-redis';

declare const registry: ReturnType<typeof createRegistry>;

const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();
const stores = redisStores({ client: redis, prefix: 'acme:escalation:' });

export const handler = createEscalationHandler({
  registry,
  idempotency: { store: stores.idempotency, journal: stores.journal },
  rateLimit: { limit: 10, windowMs: 60_000, store: stores.rateLimit },
});
