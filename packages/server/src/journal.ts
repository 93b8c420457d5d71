import { EscalationError, type AttemptJournal, type AttemptRecord } from '@pillar/escalation-core';

/** Options of {@link memoryAttemptJournal}. */
export interface MemoryAttemptJournalOptions {
  /** Most keys kept; when full, the oldest go first. @defaultValue 10000 */
  maxKeys?: number;
  /** How long a key's attempts are kept, in ms. @defaultValue 86400000 (24 hours) */
  ttlMs?: number;
  /** The clock, in ms since the epoch. @defaultValue `Date.now` */
  now?: () => number;
}

/**
 * The attempt journal of one process: a bounded `Map` of attempts by escalation key. It lets
 * a retry on the same instance reconcile (`adapter.find`) before it sends again; it does not
 * survive a restart and is not seen by other instances (use `redisStores(...).journal` there).
 */
export function memoryAttemptJournal(options: MemoryAttemptJournalOptions = {}): AttemptJournal {
  const maxKeys = positive(options.maxKeys, 10_000, 'maxKeys');
  const ttlMs = positive(options.ttlMs, 86_400_000, 'ttlMs');
  const now = options.now ?? Date.now;
  const keys = new Map<string, { records: AttemptRecord[]; expiresAt: number }>();
  return {
    read(key) {
      const entry = keys.get(key);
      if (!entry) return NONE;
      if (entry.expiresAt <= now()) {
        keys.delete(key);
        return NONE;
      }
      return Promise.resolve(entry.records.slice());
    },
    append(key, record) {
      let entry = keys.get(key);
      if (!entry || entry.expiresAt <= now()) {
        keys.delete(key);
        if (keys.size >= maxKeys) {
          let drop = keys.size - maxKeys + 1 + Math.floor(maxKeys / 10);
          for (const old of keys.keys()) {
            if (drop-- <= 0) break;
            keys.delete(old);
          }
        }
        entry = { records: [], expiresAt: now() + ttlMs };
        keys.set(key, entry);
      }
      entry.records.push({ ...record });
      return DONE;
    },
  };
}

/** The answers most calls get, shared: nothing recorded yet (a frozen list), and a write done. */
const NONE: Promise<readonly AttemptRecord[]> = Promise.resolve(Object.freeze([]));
const DONE: Promise<void> = Promise.resolve();

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new EscalationError('CONFIGURATION', `memoryAttemptJournal: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
