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
export { LIFECYCLE_STATES, isLifecycleState, type LifecycleState } from './lifecycle/states';
export {
  memoryLifecycleStore,
  type EscalationLifecycleStore,
  type LifecycleApplied,
  type LifecycleApplyResult,
  type LifecycleNotApplied,
  type LifecycleReference,
  type LifecycleChange,
  type LifecycleEntry,
  type LifecycleRecord,
  type LifecycleSnapshot,
  type MemoryLifecycleStore,
  type MemoryLifecycleStoreOptions,
} from './lifecycle/store';
export type { LifecycleEvent, LifecycleOptions, LifecycleStreamOptions, ReplyTextOptions, WebhookOptions } from './lifecycle/options';
export type { LifecycleEventBody, LifecycleStateBody } from './lifecycle/relay-lifecycle';
export type { ZendeskWebhookOptions } from './webhooks/zendesk';
export type { IntercomWebhookOptions } from './webhooks/intercom';
export type { FreshdeskWebhookOptions } from './webhooks/freshdesk';
export type { CalendlyWebhookOptions } from './webhooks/calendly';
