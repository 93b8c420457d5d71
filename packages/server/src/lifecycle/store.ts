import { EscalationError } from '@pillar/escalation-core';
import type { MaybePromise } from '../idempotency';
import type { LifecycleState } from './states';

/** Where the provider keeps what the escalation created (`result.reference`). */
export interface LifecycleReference {
  /** The provider's id, e.g. a Zendesk ticket id or an Intercom conversation id. */
  id?: string;
  /** A link to it. */
  url?: string;
}

/** What the relay knows about one escalation it delivered: kept with its lifecycle. */
export interface LifecycleRecord {
  /** The escalation's key, as the browser knows it (`result.idempotencyKey`). */
  key: string;
  /** The option that delivered (a fallback when the first one failed). */
  optionId: string;
  /** That option's adapter `kind`, e.g. `zendesk-ticket`. */
  kind: string;
  /** When the relay delivered it, in ms since the epoch. */
  createdAt: number;
  /** The provider's reference (`result.reference`), when the adapter gave one. */
  reference?: LifecycleReference;
}

/** One step of a lifecycle as stored and streamed. */
export interface LifecycleEntry {
  /** Position in the lifecycle, from 1 (the relay's own `created`): the SSE `id:`. */
  seq: number;
  /** The state reached. */
  state: LifecycleState;
  /** When it happened by the provider's clock (the relay's for `created`), in ms since the epoch. */
  at: number;
  /** Who said so: `relay`, `zendesk`, `intercom`, `freshdesk` or `calendly`. */
  provider: string;
  /** The agent's public reply as plain text, bounded; only when `lifecycle.replyText` is on. */
  text?: string;
}

/** A verified provider event, as the store applies it. */
export interface LifecycleChange {
  /** The provider's event id (or a digest of the body when it has none): applied once. */
  eventId: string;
  /** The state it means. */
  state: LifecycleState;
  /** The provider's timestamp, in ms since the epoch (the arrival time when it gives none). */
  at: number;
  /** The provider's name. */
  provider: string;
  /** The agent's reply text, when kept. */
  text?: string;
}

/**
 * What {@link EscalationLifecycleStore.apply} did: `applied` (a new entry), `unchanged` (the
 * same state again, nothing new to show), `duplicate` (this event id was applied before),
 * `stale` (older than the latest state, by the provider's timestamp) or `unknown` (no such
 * lifecycle: it expired).
 */
export type LifecycleApplyResult = LifecycleApplied | LifecycleNotApplied;

/** {@link EscalationLifecycleStore.apply}: the change made a new entry. */
export interface LifecycleApplied {
  /** `applied`. */
  outcome: 'applied';
  /** The new entry. */
  entry: LifecycleEntry;
  /** The state before it. */
  previous: LifecycleState;
}

/** {@link EscalationLifecycleStore.apply}: the change made no entry, and why. */
export interface LifecycleNotApplied {
  /** `unchanged`, `duplicate`, `stale` or `unknown` (see {@link LifecycleApplyResult}). */
  outcome: 'unchanged' | 'duplicate' | 'stale' | 'unknown';
}

/** A lifecycle read from the store. */
export interface LifecycleSnapshot {
  /** The escalation. */
  record: LifecycleRecord;
  /** The latest entry (the current state). */
  current: LifecycleEntry;
  /** The entries after the `afterSeq` asked for, oldest first (the store keeps the latest `maxEntries`). */
  entries: LifecycleEntry[];
}

/**
 * Where lifecycles live: one per delivered escalation, found by an id the relay derives from the
 * user and the key, plus the provider references (ticket id, stamped key, key token) that lead
 * a webhook to it. Four operations, each atomic on its own, so several relay instances can share
 * one store (`redisStores(...).lifecycle` from `@pillar/escalation-redis`).
 */
export interface EscalationLifecycleStore {
  /**
   * Records a delivered escalation with its first entry (`created`, seq 1), unless `id` exists
   * (a replayed delivery keeps its lifecycle), and points each of `references` at `id`. Kept
   * `ttlMs` after its last change.
   */
  open(id: string, record: LifecycleRecord, references: readonly string[], ttlMs: number): MaybePromise<void>;
  /** The lifecycle id a provider reference points at, or `null`. */
  find(reference: string): MaybePromise<string | null>;
  /**
   * Atomically: ignores an event id seen before on this lifecycle (`duplicate`); ignores an
   * event older than the latest provider timestamp applied (`stale`; the relay's own `created`
   * never counts as newer than a provider's event); ignores the same state without new text
   * (`unchanged`); else appends the entry with the next `seq`.
   */
  apply(id: string, change: LifecycleChange, ttlMs: number): MaybePromise<LifecycleApplyResult>;
  /** The lifecycle with its entries after `afterSeq` (0 for all kept), or `null` when none. */
  read(id: string, afterSeq: number): MaybePromise<LifecycleSnapshot | null>;
}

/** Options of {@link memoryLifecycleStore}. */
export interface MemoryLifecycleStoreOptions {
  /** Most lifecycles kept; when full, the oldest go first. @defaultValue 10000 */
  maxLifecycles?: number;
  /** Most entries kept per lifecycle (the latest). @defaultValue 100 */
  maxEntries?: number;
  /** The clock, in ms since the epoch. @defaultValue `Date.now` */
  now?: () => number;
}

/** The in-memory lifecycle store: synchronous. */
export interface MemoryLifecycleStore extends EscalationLifecycleStore {
  open(id: string, record: LifecycleRecord, references: readonly string[], ttlMs: number): void;
  find(reference: string): string | null;
  apply(id: string, change: LifecycleChange, ttlMs: number): LifecycleApplyResult;
  read(id: string, afterSeq: number): LifecycleSnapshot | null;
}

interface Lifecycle {
  record: LifecycleRecord;
  entries: LifecycleEntry[];
  seq: number;
  /** The latest provider timestamp applied; -Infinity until the first. */
  latestAt: number;
  seen: Set<string>;
  expiresAt: number;
}

/** Event ids remembered per lifecycle (the oldest are forgotten first). */
const MAX_SEEN = 1_000;

/**
 * The default lifecycle store: `Map`s in this process, bounded, each lifecycle expiring `ttlMs`
 * after its last change. Fits one instance; several instances need a shared store.
 */
export function memoryLifecycleStore(options: MemoryLifecycleStoreOptions = {}): MemoryLifecycleStore {
  const maxLifecycles = positive(options.maxLifecycles, 10_000, 'maxLifecycles');
  const maxEntries = positive(options.maxEntries, 100, 'maxEntries');
  const now = options.now ?? Date.now;
  const lifecycles = new Map<string, Lifecycle>();
  const references = new Map<string, string>();
  const live = (id: string): Lifecycle | undefined => {
    const lifecycle = lifecycles.get(id);
    if (lifecycle && lifecycle.expiresAt <= now()) {
      lifecycles.delete(id);
      return undefined;
    }
    return lifecycle;
  };
  const trimMap = (map: Map<string, unknown>, max: number) => {
    if (map.size < max) return;
    let drop = map.size - max + 1 + Math.floor(max / 10);
    for (const key of map.keys()) {
      if (drop-- <= 0) break;
      map.delete(key);
    }
  };
  return {
    open(id, record, refs, ttlMs) {
      if (!live(id)) {
        trimMap(lifecycles, maxLifecycles);
        lifecycles.set(id, {
          record: { ...record },
          entries: [{ seq: 1, state: 'created', at: record.createdAt, provider: 'relay' }],
          seq: 1,
          latestAt: Number.NEGATIVE_INFINITY,
          seen: new Set(),
          expiresAt: now() + ttlMs,
        });
      }
      for (const ref of refs) {
        references.delete(ref);
        trimMap(references, maxLifecycles * 4);
        references.set(ref, id);
      }
    },
    find(reference) {
      const id = references.get(reference);
      return id !== undefined && live(id) ? id : null;
    },
    apply(id, change, ttlMs) {
      const lifecycle = live(id);
      if (!lifecycle) return { outcome: 'unknown' };
      if (lifecycle.seen.has(change.eventId)) return { outcome: 'duplicate' };
      if (lifecycle.seen.size >= MAX_SEEN) lifecycle.seen.delete(lifecycle.seen.values().next().value as string);
      lifecycle.seen.add(change.eventId);
      if (change.at < lifecycle.latestAt) return { outcome: 'stale' };
      lifecycle.latestAt = change.at;
      lifecycle.expiresAt = now() + ttlMs;
      const current = lifecycle.entries[lifecycle.entries.length - 1]!;
      if (current.state === change.state && (change.text === undefined || change.text === current.text)) return { outcome: 'unchanged' };
      const entry: LifecycleEntry = { seq: lifecycle.seq + 1, state: change.state, at: change.at, provider: change.provider };
      if (change.text !== undefined) entry.text = change.text;
      lifecycle.seq = entry.seq;
      lifecycle.entries.push(entry);
      if (lifecycle.entries.length > maxEntries) lifecycle.entries.splice(0, lifecycle.entries.length - maxEntries);
      return { outcome: 'applied', entry: { ...entry }, previous: current.state };
    },
    read(id, afterSeq) {
      const lifecycle = live(id);
      if (!lifecycle) return null;
      return {
        record: { ...lifecycle.record },
        current: { ...lifecycle.entries[lifecycle.entries.length - 1]! },
        entries: lifecycle.entries.filter((e) => e.seq > afterSeq).map((e) => ({ ...e })),
      };
    },
  };
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new EscalationError('CONFIGURATION', `memoryLifecycleStore: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
