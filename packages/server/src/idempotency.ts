import { EscalationError, int, optionValue, type AttemptJournal } from '@pillar/escalation-core';
import type { RelayAnswer } from './answer';
import { memoryAttemptJournal } from './journal';

/**
 * What a store holds for one scoped idempotency key: the fingerprint of the request body that
 * used it first, and either the answer (delivered) or a claim (being delivered).
 */
export interface IdempotencyRecord {
  /** The fingerprint of the first request body with this key (`requestFingerprint`: a hex SHA-256). */
  fingerprint: string;
  /** The answer, once the escalation was delivered. */
  answer?: RelayAnswer;
  /** The claim's holder while the escalation is being delivered (absent once answered). */
  owner?: string;
  /** How long the claim lasts unless its holder renews it, in ms, when the store knows. */
  leaseLeftMs?: number;
}

/** A claim asked of {@link EscalationIdempotencyStore.claim}. */
export interface IdempotencyClaim {
  /** The request body's fingerprint, kept with the claim and with the answer. */
  fingerprint: string;
  /** Who claims: unique per delivery (a random id). */
  owner: string;
  /** How long the claim lasts unless renewed, in ms. */
  leaseMs: number;
}

/** A value, or a promise of it: the in-memory store answers synchronously, a shared store asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where the relay keeps, per scoped idempotency key, the body's fingerprint with either the
 * answer or a claim. Four operations, each atomic on its own, so a Redis (`SET NX PX GET` and
 * small Lua scripts), an HTTP Redis such as Upstash (the same commands over REST), or a SQL table
 * (`INSERT … ON CONFLICT`, conditional `UPDATE`/`DELETE` on `owner`) can hold it. Several relay
 * instances must share one, with a shared {@link AttemptJournal}.
 */
export interface EscalationIdempotencyStore {
  /**
   * Atomically: when `key` holds a record (an answer, or a claim whose lease has not run out),
   * returns it untouched; otherwise records the claim (fingerprint and owner) for
   * `claim.leaseMs` and returns `null`, meaning the caller now delivers.
   */
  claim(key: string, claim: IdempotencyClaim): MaybePromise<IdempotencyRecord | null>;
  /** Extends the claim by `leaseMs` if `owner` still holds it; `false` when it does not (it ran out, or another took it over). */
  renew(key: string, owner: string, leaseMs: number): MaybePromise<boolean>;
  /** Keeps `answer` with `fingerprint` for `ttlMs`, replacing the claim (whoever holds it: the escalation was delivered). */
  complete(key: string, owner: string, record: { fingerprint: string; answer: RelayAnswer }, ttlMs: number): MaybePromise<void>;
  /** Drops the claim if `owner` still holds it, so the next request with the key delivers (after reconciling with the journal). */
  release(key: string, owner: string): MaybePromise<void>;
}

/** `createEscalationHandler({ idempotency })`. */
export interface IdempotencyOptions {
  /**
   * Where fingerprints, claims and answers are kept. Several instances must share one (for
   * example `redisStores(...).idempotency` from `@pillar/escalation-redis`), together with a
   * shared `journal`. @defaultValue `memoryIdempotencyStore()`
   */
  store?: EscalationIdempotencyStore;
  /**
   * Where the registry writes each attempt before it calls a provider. After a lost answer or
   * a crash, the next request with the same key reads it and asks the provider
   * (`adapter.find`) before any re-send. Required with a `store` of your own (it must be as
   * shared as the store). @defaultValue `memoryAttemptJournal()` with the default store
   */
  journal?: AttemptJournal;
  /** How long an answer is replayed. @defaultValue 86400000 (24 hours) */
  ttlMs?: number;
  /**
   * How long a claim lasts unless its holder renews it (it renews every third of this while it
   * delivers). A dead instance's claim is taken over this long after its last renewal; until
   * then the key answers 409. @defaultValue 10000
   */
  leaseMs?: number;
}

/** Options of {@link memoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most keys kept; when full, the oldest entries go first. @defaultValue 10000 */
  maxEntries?: number;
  /** The clock, in ms since the epoch. @defaultValue `Date.now` */
  now?: () => number;
}

/** The in-memory store: synchronous. */
export interface MemoryIdempotencyStore extends EscalationIdempotencyStore {
  claim(key: string, claim: IdempotencyClaim): IdempotencyRecord | null;
  renew(key: string, owner: string, leaseMs: number): boolean;
  complete(key: string, owner: string, record: { fingerprint: string; answer: RelayAnswer }, ttlMs: number): void;
  release(key: string, owner: string): void;
}

interface Entry {
  fingerprint: string;
  answer?: RelayAnswer;
  owner?: string;
  expiresAt: number;
}

/**
 * The default store: a `Map` in this process, bounded by `maxEntries`, entries expire after
 * their TTL or lease. Fits one instance (or several handlers in one process, as in tests).
 */
export function memoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): MemoryIdempotencyStore {
  const maxEntries = optionValue('memoryIdempotencyStore', 'maxEntries', int({ default: 10_000 }), options.maxEntries);
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
    claim(key, claim) {
      const entry = live(key);
      if (entry) {
        const record: IdempotencyRecord = { fingerprint: entry.fingerprint };
        if (entry.answer) record.answer = entry.answer;
        else {
          record.owner = entry.owner!;
          record.leaseLeftMs = entry.expiresAt - now();
        }
        return record;
      }
      put(key, { fingerprint: claim.fingerprint, owner: claim.owner, expiresAt: now() + claim.leaseMs });
      return null;
    },
    renew(key, owner, leaseMs) {
      const entry = live(key);
      if (!entry || entry.answer || entry.owner !== owner) return false;
      entry.expiresAt = now() + leaseMs;
      return true;
    },
    complete(key, _owner, record, ttlMs) {
      const entry = entries.get(key);
      if (entry) {
        // The claim's own entry becomes the answer in place (whoever holds it: it was delivered).
        entry.fingerprint = record.fingerprint;
        entry.answer = record.answer;
        entry.owner = undefined;
        entry.expiresAt = now() + ttlMs;
        return;
      }
      put(key, { fingerprint: record.fingerprint, answer: record.answer, expiresAt: now() + ttlMs });
    },
    release(key, owner) {
      const entry = entries.get(key);
      if (entry && !entry.answer && entry.owner === owner) entries.delete(key);
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
  journal: AttemptJournal;
  ttlMs: number;
  leaseMs: number;
}

export function resolveIdempotency(options: IdempotencyOptions | false | undefined): ResolvedIdempotency | undefined {
  if (options === false) return undefined;
  const store = options?.store ?? memoryIdempotencyStore();
  for (const method of ['claim', 'renew', 'complete', 'release'] as const) {
    if (typeof store?.[method] !== 'function') {
      throw new EscalationError('CONFIGURATION', `createEscalationHandler: idempotency.store must have claim, renew, complete and release (${method} is missing)`);
    }
  }
  const journal = options?.journal ?? (options?.store === undefined ? memoryAttemptJournal() : undefined);
  if (journal === undefined || typeof journal.read !== 'function' || typeof journal.append !== 'function') {
    throw new EscalationError(
      'CONFIGURATION',
      'createEscalationHandler: idempotency.journal (read, append) is required with your own idempotency.store, and must be as shared as the store (redisStores(...).journal)',
    );
  }
  return {
    store,
    journal,
    ttlMs: optionValue('createEscalationHandler', 'idempotency.ttlMs', int({ default: 86_400_000 }), options?.ttlMs),
    leaseMs: optionValue('createEscalationHandler', 'idempotency.leaseMs', int({ default: 10_000 }), options?.leaseMs),
  };
}

