import { EscalationError, type IdempotencyStore } from '@pillar/escalation-core';
import type { RelayAnswer } from './answer';

/**
 * Where the relay keeps the answer of each escalation by key, so a retried or doubled POST
 * answers the first result without delivering twice. Core's `IdempotencyStore` (`get`, `set`)
 * plus an optional claim for several server instances: without `claim`, two instances that get
 * the same request at the same moment could both deliver (within one instance, in-flight
 * requests are always shared).
 */
export interface EscalationIdempotencyStore extends IdempotencyStore<RelayAnswer> {
  /**
   * Marks `key` as being delivered, if nothing (no answer, no live claim) is there yet, and
   * says whether this caller got it. Must be atomic across instances: Redis
   * `SET key pending NX PX ttlMs`. The claim expires after `ttlMs` (a crashed instance).
   */
  claim?(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Drops this caller's claim when the delivery failed in a way worth retrying. */
  release?(key: string): void | Promise<void>;
}

/** `createEscalationHandler({ idempotency })`. */
export interface IdempotencyOptions {
  /** Where answers are kept. @defaultValue `memoryIdempotencyStore()` */
  store?: EscalationIdempotencyStore;
  /** How long an answer is replayed. @defaultValue 86400000 (24 hours) */
  ttlMs?: number;
  /**
   * How long another instance's claim blocks the key (longer than a delivery with retries can
   * take). @defaultValue 60000
   */
  claimTtlMs?: number;
  /**
   * How long a request waits for another instance that holds the claim to store its answer,
   * before answering 503 (retryable). @defaultValue 20000
   */
  waitMs?: number;
}

/** Options of {@link memoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most keys kept; when full, the oldest entries go first. @defaultValue 10000 */
  maxEntries?: number;
  /** The clock, in ms since the epoch. @defaultValue `Date.now` */
  now?: () => number;
}

/** The in-memory store: synchronous, with `claim` and `release`. */
export interface MemoryIdempotencyStore extends EscalationIdempotencyStore {
  /** The answer stored under `key`, or `undefined` when there is none, it expired, or the key is only claimed. */
  get(key: string): RelayAnswer | undefined;
  /** Stores `value` under `key` for `ttlMs` ms, replacing any answer or claim; evicts the oldest tenth when full. */
  set(key: string, value: RelayAnswer, ttlMs: number): void;
  claim(key: string, ttlMs: number): boolean;
  release(key: string): void;
}

interface Entry {
  answer?: RelayAnswer;
  expiresAt: number;
}

/**
 * The default store: a `Map` in this process, bounded by `maxEntries`, entries expire after
 * their TTL. It supports `claim`, so one instance shared by several handlers behaves like a
 * shared store (useful in tests).
 */
export function memoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): MemoryIdempotencyStore {
  const maxEntries = positive(options.maxEntries, 10_000, 'maxEntries');
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const put = (key: string, entry: Entry) => {
    entries.delete(key);
    if (entries.size >= maxEntries) evictOldest(entries, maxEntries);
    entries.set(key, entry);
  };
  return {
    get: (key) => live(key)?.answer,
    set(key, answer, ttlMs) {
      put(key, { answer, expiresAt: now() + ttlMs });
    },
    claim(key, ttlMs) {
      if (live(key)) return false;
      put(key, { expiresAt: now() + ttlMs });
      return true;
    },
    release(key) {
      if (entries.get(key)?.answer === undefined) entries.delete(key);
    },
  };
}

/**
 * Drops the oldest tenth of a full `Map` (it keeps insertion order) in one pass: removing one at a
 * time from the front would make every later scan skip the holes left behind. Expired entries
 * go first this way too, since most entries share one TTL.
 */
export function evictOldest(map: Map<string, unknown>, max: number): void {
  let drop = map.size - max + 1 + Math.floor(max / 10);
  for (const key of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(key);
  }
}

/** The resolved `idempotency` option. */
export interface ResolvedIdempotency {
  store: EscalationIdempotencyStore;
  /** Whether to claim keys before delivering (a store that other instances may share). */
  claims: boolean;
  ttlMs: number;
  claimTtlMs: number;
  waitMs: number;
}

export function resolveIdempotency(options: IdempotencyOptions | false | undefined): ResolvedIdempotency | undefined {
  if (options === false) return undefined;
  const store = options?.store ?? memoryIdempotencyStore();
  if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
    throw new EscalationError('CONFIGURATION', 'createEscalationHandler: idempotency.store must have get and set');
  }
  return {
    store,
    // A store of this handler alone needs no claims: requests in flight are shared in memory.
    claims: options?.store !== undefined && typeof store.claim === 'function',
    ttlMs: positive(options?.ttlMs, 86_400_000, 'idempotency.ttlMs'),
    claimTtlMs: positive(options?.claimTtlMs, 60_000, 'idempotency.claimTtlMs'),
    waitMs: positive(options?.waitMs, 20_000, 'idempotency.waitMs'),
  };
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new EscalationError('CONFIGURATION', `createEscalationHandler: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
