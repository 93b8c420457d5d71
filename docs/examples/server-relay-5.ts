// Several server instances: share the idempotency answers and the rate limit counts (Redis).
import type { EscalationRegistry } from '@pillar/escalation-core';
import {
  createEscalationHandler,
  type EscalationIdempotencyStore,
  type RateLimitStore,
  type RelayAnswer,
} from '@pillar/escalation-server';

/** The few commands used, as node-redis v4 names them. */
interface Redis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: { PX: number; NX?: boolean }): Promise<string | null>;
  del(key: string): Promise<number>;
  incr(key: string): Promise<number>;
  pExpire(key: string, ms: number, mode?: 'NX'): Promise<boolean | number>;
  pTTL(key: string): Promise<number>;
}

const PENDING = 'pending';

export function redisIdempotencyStore(redis: Redis): EscalationIdempotencyStore {
  return {
    async get(key) {
      const value = await redis.get(`escalation:idem:${key}`);
      return value === null || value === PENDING ? undefined : (JSON.parse(value) as RelayAnswer);
    },
    async set(key, answer, ttlMs) {
      await redis.set(`escalation:idem:${key}`, JSON.stringify(answer), { PX: ttlMs });
    },
    // The in-flight marker across instances: only the instance that sets it delivers.
    async claim(key, ttlMs) {
      return (await redis.set(`escalation:idem:${key}`, PENDING, { PX: ttlMs, NX: true })) === 'OK';
    },
    async release(key) {
      // A real store should delete only its own marker (compare-and-delete in a Lua script).
      if ((await redis.get(`escalation:idem:${key}`)) === PENDING) await redis.del(`escalation:idem:${key}`);
    },
  };
}

export function redisRateLimitStore(redis: Redis): RateLimitStore {
  return {
    async hit(key, windowMs) {
      const name = `escalation:rate:${key}`;
      const count = await redis.incr(name);
      if (count === 1) await redis.pExpire(name, windowMs);
      const ttl = await redis.pTTL(name);
      return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
    },
  };
}

export function sharedHandler(registry: EscalationRegistry, redis: Redis) {
  return createEscalationHandler({
    registry,
    idempotency: { store: redisIdempotencyStore(redis), ttlMs: 24 * 60 * 60_000 },
    rateLimit: { limit: 10, windowMs: 60_000, store: redisRateLimitStore(redis) },
  });
}
