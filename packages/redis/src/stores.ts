import { EscalationError, type AttemptJournal, type AttemptRecord } from '@pillar/escalation-core';
import type { EscalationIdempotencyStore, EscalationLifecycleStore, IdempotencyRecord, RateLimitStore, RelayAnswer } from '@pillar/escalation-server';
import { run, type RedisCommander } from './client';
import { redisLifecycleStore } from './lifecycle';
import { APPEND, CLAIM, HIT, RELEASE, RENEW } from './scripts';

/** Options of {@link redisStores}. */
export interface RedisStoresOptions {
  /** A connected client: node-redis's `createClient({ url })` after `await client.connect()`, or anything with `sendCommand`. */
  client: RedisCommander;
  /** Put before every key, so several apps (or tests) can share one Redis. @defaultValue 'pillar:escalation:' */
  prefix?: string;
  /** How long a key's attempt journal is kept, in ms (at least as long as answers are). @defaultValue 86400000 (24 hours) */
  journalTtlMs?: number;
  /** Most entries kept per lifecycle (the latest). @defaultValue 100 */
  lifecycleMaxEntries?: number;
}

/** The relay's shared state on one Redis: give all three to every instance's `createEscalationHandler`. */
export interface RedisStores {
  /** Fingerprints, claims (with leases) and answers: `idempotency: { store, journal }`. */
  idempotency: EscalationIdempotencyStore;
  /** Each provider attempt, written before the call: `idempotency: { store, journal }`. */
  journal: AttemptJournal;
  /** Fixed-window counters: `rateLimit: { store }`. */
  rateLimit: RateLimitStore;
  /** Escalation lifecycles and the provider references that lead webhooks to them: `lifecycle: { store }`. */
  lifecycle: EscalationLifecycleStore;
}

/**
 * The stores several relay instances share, on Redis (tested against redis-server 7.0 with
 * node-redis 6). One round trip per operation:
 *
 * - idempotency `claim`: `SET key record NX PX lease GET` and `PTTL` in one script (a claim and
 *   its fingerprint land together or not at all); `renew` and `release`: compare-the-owner
 *   scripts; `complete`: `SET key answer PX ttl`.
 * - journal: `RPUSH` and `PEXPIRE` in one script (`append`), `LRANGE` (`read`). An attempt is as
 *   durable as your Redis: with `appendonly yes` and `appendfsync always` it survives a restart
 *   of Redis too.
 * - rate limit: `INCR`, `PEXPIRE` on the first hit, `PTTL`, in one script.
 * - lifecycle: a hash, an entry list and a set of applied event ids per escalation (one hash
 *   tag), each operation one script (`open`, `apply`, `read`); provider references are plain
 *   keys (`SET … PX`, `GET`).
 */
export function redisStores(options: RedisStoresOptions): RedisStores {
  const client = options?.client;
  if (typeof client?.sendCommand !== 'function') {
    throw new EscalationError('CONFIGURATION', 'redisStores: client must be a connected Redis client with sendCommand (node-redis createClient(), after connect())');
  }
  const prefix = options.prefix ?? 'pillar:escalation:';
  if (typeof prefix !== 'string') throw new EscalationError('CONFIGURATION', 'redisStores: prefix must be a string');
  const journalTtlMs = options.journalTtlMs ?? 86_400_000;
  if (!Number.isSafeInteger(journalTtlMs) || journalTtlMs <= 0) {
    throw new EscalationError('CONFIGURATION', `redisStores: journalTtlMs must be a positive integer, got ${String(options.journalTtlMs)}`);
  }
  const idem = (key: string) => `${prefix}idem:${key}`;
  const attempts = (key: string) => `${prefix}journal:${key}`;
  const rate = (key: string) => `${prefix}rate:${key}`;

  const idempotency: EscalationIdempotencyStore = {
    async claim(key, claim) {
      const reply = await run(client, CLAIM, [idem(key)], [JSON.stringify({ f: claim.fingerprint, o: claim.owner }), String(claim.leaseMs)]);
      if (reply === null || reply === undefined) return null;
      const [raw, pttl] = reply as [string, number];
      return recordOf(raw, Number(pttl));
    },
    async renew(key, owner, leaseMs) {
      return Number(await run(client, RENEW, [idem(key)], [owner, String(leaseMs)])) === 1;
    },
    async complete(key, _owner, record, ttlMs) {
      await client.sendCommand(['SET', idem(key), JSON.stringify({ f: record.fingerprint, a: record.answer }), 'PX', String(ttlMs)]);
    },
    async release(key, owner) {
      await run(client, RELEASE, [idem(key)], [owner]);
    },
  };

  const journal: AttemptJournal = {
    async read(key) {
      const items = (await client.sendCommand(['LRANGE', attempts(key), '0', '-1'])) as string[] | null;
      return (items ?? []).map((item) => JSON.parse(item) as AttemptRecord);
    },
    async append(key, record) {
      await run(client, APPEND, [attempts(key)], [JSON.stringify(record), String(journalTtlMs)]);
    },
  };

  const rateLimit: RateLimitStore = {
    async hit(key, windowMs) {
      const [count, pttl] = (await run(client, HIT, [rate(key)], [String(windowMs)])) as [number, number];
      return { count: Number(count), resetAt: Date.now() + Number(pttl) };
    },
  };

  const lifecycleMaxEntries = options.lifecycleMaxEntries ?? 100;
  if (!Number.isSafeInteger(lifecycleMaxEntries) || lifecycleMaxEntries <= 0) {
    throw new EscalationError('CONFIGURATION', `redisStores: lifecycleMaxEntries must be a positive integer, got ${String(options.lifecycleMaxEntries)}`);
  }
  const lifecycle = redisLifecycleStore(client, prefix, lifecycleMaxEntries);

  return { idempotency, journal, rateLimit, lifecycle };
}

/** A stored record (`{ f, o }` claimed, `{ f, a }` answered) as the handler reads it. */
function recordOf(raw: string, pttl: number): IdempotencyRecord {
  const stored = JSON.parse(raw) as { f: string; o?: string; a?: RelayAnswer };
  const record: IdempotencyRecord = { fingerprint: stored.f };
  if (stored.a) record.answer = stored.a;
  else {
    if (stored.o !== undefined) record.owner = stored.o;
    if (pttl >= 0) record.leaseLeftMs = pttl;
  }
  return record;
}
