export * from './handler';
export * from './node';
export { statusForError, type RelayAnswer } from './answer';
export { memoryIdempotencyStore, type EscalationIdempotencyStore, type IdempotencyOptions, type MemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from './idempotency';
export { memoryRateLimitStore, type MemoryRateLimitStore, type MemoryRateLimitStoreOptions, type RateLimitHit, type RateLimitOptions, type RateLimitStore } from './rate-limit';
export type { Identify } from './identity';
