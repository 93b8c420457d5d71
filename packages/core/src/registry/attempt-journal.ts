/**
 * One attempt recorded before an adapter's `deliver` reached out to its provider: after a
 * crash or a lost answer, it tells a restarted instance which provider may hold the
 * escalation, so it asks that provider (`adapter.find`) instead of sending again or elsewhere.
 */
export interface AttemptRecord {
  /** The option whose adapter was called. */
  optionId: string;
  /** That adapter's `kind`. */
  kind: string;
  /** When the attempt started, in ms since the epoch. */
  at: number;
  /**
   * The key the adapter was given: the escalation key for the option asked for,
   * `<key>:<optionId>` for a fallback. Absent in older records: derived the same way.
   */
  idempotencyKey?: string;
}

/**
 * Where the registry writes each attempt before the provider call, by escalation key. Small on
 * purpose: a `Map`, a Redis list or a SQL table can hold it. Several relay instances must share
 * one (the Redis store in `@pillar/escalation-redis` does).
 */
export interface AttemptJournal {
  /** The attempts recorded for `key`, oldest first (empty when none). */
  read(key: string): Promise<readonly AttemptRecord[]>;
  /** Records an attempt for `key`; must be durable before it resolves, since the provider call follows. */
  append(key: string, record: AttemptRecord): Promise<void>;
}
