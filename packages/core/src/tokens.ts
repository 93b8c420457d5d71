import type { InjectionToken } from 'tsyringe';
import type { EscalationOption } from './option';
import type { Redactor } from './transcript/redact';

/** A source of "now", so gates and tests agree on the time. */
export interface Clock {
  now(): Date;
}

/** Where the registry reports what it does; `console` fits. */
export interface Logger {
  debug(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** A stored result for an idempotency key (the server relay uses it). */
export interface IdempotencyStore<T = unknown> {
  get(key: string): Promise<T | undefined> | T | undefined;
  set(key: string, value: T, ttlMs: number): Promise<void> | void;
}

/** Every option the registry offers (register many: `injectAll`). */
export const ESCALATION_OPTION: InjectionToken<EscalationOption> = Symbol.for('pillar.escalation.option');
/** An axios instance for server adapters (add proxies and interceptors here). */
export const HTTP_CLIENT: InjectionToken<unknown> = Symbol.for('pillar.escalation.http-client');
export const CLOCK: InjectionToken<Clock> = Symbol.for('pillar.escalation.clock');
export const LOGGER: InjectionToken<Logger> = Symbol.for('pillar.escalation.logger');
export const IDEMPOTENCY_STORE: InjectionToken<IdempotencyStore> = Symbol.for('pillar.escalation.idempotency-store');
/** Applied to every context before any adapter sees it. */
export const REDACTOR: InjectionToken<Redactor> = Symbol.for('pillar.escalation.redactor');
