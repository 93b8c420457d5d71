export * from './handler';
export * from './node';
export { statusForError, type RelayAnswer } from './answer';
export {
  memoryIdempotencyStore,
  type EscalationIdempotencyStore,
  type IdempotencyClaim,
  type IdempotencyOptions,
  type IdempotencyRecord,
  type MaybePromise,
  type MemoryIdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './idempotency';
export { memoryAttemptJournal, type MemoryAttemptJournalOptions } from './journal';
export { requestFingerprint } from './fingerprint';
export { memoryRateLimitStore, type MemoryRateLimitStore, type MemoryRateLimitStoreOptions, type RateLimitHit, type RateLimitOptions, type RateLimitStore } from './rate-limit';
export type { Identify } from './identity';
