import type { InjectionToken } from 'tsyringe';
import type { EscalationOption } from './option';
import type { Redactor } from './transcript/redact';

/** A source of "now", so gates and tests agree on the time. */
export interface Clock {
  /** The current instant. The registry reads it at most once per `available()` or `escalate()`, so all gates of one call see the same time. */
  now(): Date;
}

/** Where the registry reports what it does; `console` fits. Must not throw. */
export interface Logger {
  /** Detailed tracing, off in most apps. */
  debug(message: string, data?: unknown): void;
  /** Something failed but was handled, e.g. an option's delivery failed (a fallback may follow). */
  warn(message: string, data?: unknown): void;
  /** App code misbehaved and was contained: a gate or an event listener threw (the error is `data`). */
  error(message: string, data?: unknown): void;
}

/** A stored result for an idempotency key (the server relay uses it). */
export interface IdempotencyStore<T = unknown> {
  /** The value stored under `key`, or `undefined` when there is none or it has expired. */
  get(key: string): Promise<T | undefined> | T | undefined;
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing what was there. */
  set(key: string, value: T, ttlMs: number): Promise<void> | void;
}

/**
 * Every option the registry offers: register each {@link EscalationOption} with
 * `container.register(ESCALATION_OPTION, { useValue: option })`; the registry reads them all
 * (`injectAll`). `createRegistry` does this for you. Default: none.
 */
export const ESCALATION_OPTION: InjectionToken<EscalationOption> = Symbol.for('pillar.escalation.option');
/**
 * An axios instance for server adapters: register your own to add proxies, interceptors or
 * default headers (`{ useValue: axios.create({ ... }) }`). Default: a shared `axios.create()`
 * instance (see `resolveHttpClient`). Typed `unknown` so the browser entry does not depend on axios.
 */
export const HTTP_CLIENT: InjectionToken<unknown> = Symbol.for('pillar.escalation.http-client');
/**
 * The source of "now" for the registry's gates (business hours) and for adapters that need the
 * time: register a fixed {@link Clock} in tests. Default: the system clock.
 */
export const CLOCK: InjectionToken<Clock> = Symbol.for('pillar.escalation.clock');
/**
 * Where the registry logs failed deliveries and gates or listeners that threw: register
 * `console` or your own {@link Logger}. Default: silent.
 */
export const LOGGER: InjectionToken<Logger> = Symbol.for('pillar.escalation.logger');
/**
 * A token for sharing an {@link IdempotencyStore} through the container. Nothing in core or
 * `@pillar/escalation-server` resolves it today: give the server relay its store with
 * `createEscalationHandler({ idempotency: { store } })`. Default: none registered.
 */
export const IDEMPOTENCY_STORE: InjectionToken<IdempotencyStore> = Symbol.for('pillar.escalation.idempotency-store');
/**
 * The {@link Redactor} applied to the messages, page and string metadata of every context
 * before any adapter sees it (`escalate` and `preview`). Register `createRedactor({ ... })` to
 * add rules, or `(text) => text` to switch redaction off. Default: `defaultRedactor` (payment
 * cards and well-known secrets).
 */
export const REDACTOR: InjectionToken<Redactor> = Symbol.for('pillar.escalation.redactor');
