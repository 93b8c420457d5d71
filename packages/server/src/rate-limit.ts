import { int, optionValue } from '@pillar/escalation-core';
import { evictOldest } from './idempotency';

/** Where the rate limiter counts. The in-memory default fits one process; share one (Redis) across instances. */
export interface RateLimitStore {
  /**
   * Counts one request for `key` in the current window and returns the count so far and when
   * the window ends (ms since the epoch). Redis: `INCR key` then `PEXPIRE key windowMs NX`, and
   * `PTTL key` for the end.
   */
  hit(key: string, windowMs: number): RateLimitHit | Promise<RateLimitHit>;
}

/** One counted request. */
export interface RateLimitHit {
  /** Requests counted for the key in the current window, this one included; over `limit`, the handler answers 429. */
  count: number;
  /** When the current window ends, in ms since the epoch; the 429's `Retry-After` counts down to it. */
  resetAt: number;
}

/** `createEscalationHandler({ rateLimit })`. */
export interface RateLimitOptions {
  /** Escalation requests (`POST …/escalations`) one user (or one client address, when anonymous) may make per window. @defaultValue 10 */
  limit?: number;
  /** The window, in ms. @defaultValue 60000 */
  windowMs?: number;
  /** Where to count. @defaultValue `memoryRateLimitStore()` */
  store?: RateLimitStore;
}

/** Options of {@link memoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /**
   * Most keys kept at once; when full, the oldest windows go first. Bounds the memory a flood
   * of addresses can take. @defaultValue 10000
   */
  maxKeys?: number;
  /** The clock, in ms since the epoch. @defaultValue `Date.now` */
  now?: () => number;
}

/** The in-memory rate limit store: synchronous. */
export interface MemoryRateLimitStore extends RateLimitStore {
  hit(key: string, windowMs: number): RateLimitHit;
}

/** Fixed windows in a `Map`, bounded by `maxKeys`. */
export function memoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): MemoryRateLimitStore {
  const maxKeys = optionValue('memoryRateLimitStore', 'maxKeys', int({ default: 10_000 }), options.maxKeys);
  const now = options.now ?? Date.now;
  const windows = new Map<string, RateLimitHit>();
  // Full: drop the oldest windows (a Map keeps insertion order, and a window is re-inserted when
  // it starts again, so the oldest are also the first to expire).
  const evict = () => {
    if (windows.size >= maxKeys) evictOldest(windows, maxKeys);
  };
  return {
    hit(key, windowMs) {
      const at = now();
      let w = windows.get(key);
      if (w && w.resetAt > at) {
        w.count += 1;
        return { count: w.count, resetAt: w.resetAt };
      }
      if (w) windows.delete(key);
      else evict();
      w = { count: 1, resetAt: at + windowMs };
      windows.set(key, w);
      return { count: 1, resetAt: w.resetAt };
    },
  };
}

/** The checked rate limit of a handler. */
export interface RateLimiter {
  /** `undefined` when the request may go on, else the seconds to wait. */
  check(key: string): Promise<number | undefined> | number | undefined;
}

export function rateLimiter(options: RateLimitOptions | false | undefined, now: () => number = Date.now): RateLimiter | undefined {
  if (options === false) return undefined;
  const limit = optionValue('createEscalationHandler', 'rateLimit.limit', int({ default: 10 }), options?.limit);
  const windowMs = optionValue('createEscalationHandler', 'rateLimit.windowMs', int({ default: 60_000 }), options?.windowMs);
  const store = options?.store ?? memoryRateLimitStore();
  const verdict = (hit: RateLimitHit): number | undefined =>
    hit.count <= limit ? undefined : Math.max(1, Math.ceil((hit.resetAt - now()) / 1000));
  return {
    check(key) {
      const hit = store.hit(key, windowMs);
      return isThenable(hit) ? Promise.resolve(hit).then(verdict) : verdict(hit);
    },
  };
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}
