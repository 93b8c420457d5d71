import type { DependencyContainer } from 'tsyringe';
import { inject, injectable, injectAll } from './tsyringe';
import type { AdapterPayloads, DeliverOptions, PayloadOf } from '../adapter';
import type { EscalationContext } from '../context/types';
import { EscalationError, toEscalationError } from '../errors';
import type { EscalationOption, SidebarTab } from '../option';
import { CLOCK, ESCALATION_OPTION, LOGGER, REDACTOR, type Clock, type Logger } from '../tokens';
import { defaultRedactor, type Redactor } from '../transcript';
import { redactForAdapters } from '../transcript/redact';
import { escalationKey } from './escalation-key';
import type { EscalationAttempt, EscalationEventName, EscalationEvents, EscalationListener, EscalationResult } from './events';
import { validateOption } from './validate-option';

/** The container the registry lives in, handed to adapters so they can resolve `HTTP_CLIENT`. */
export const REGISTRY_CONTAINER = Symbol.for('pillar.escalation.registry-container');

/** What `escalate` accepts besides the option and the context. */
export interface EscalateOptions {
  /** Cancels the escalation (passed to the adapter's `deliver`): it rejects with `ABORTED` and no fallback is tried. */
  signal?: AbortSignal;
  /** Overrides the derived key (e.g. the relay forwards the browser's). */
  idempotencyKey?: string;
}

/** A dry run: what an option would send for this context. */
export interface EscalationPreview<P = unknown> {
  /** The option previewed. */
  optionId: string;
  /** Its adapter's `kind`, e.g. `zendesk-ticket`. */
  kind: string;
  /** What `toPayload` built from the redacted context: exactly what `escalate` would deliver (fallbacks aside). */
  payload: P;
}

/** Failures after which the next option in `fallback` takes over. */
const FALLBACK_CODES = new Set<EscalationError['code']>(['PROVIDER_UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT']);

const systemClock: Clock = { now: () => new Date() };
const silentLogger: Logger = { debug() {}, warn() {}, error() {} };

/**
 * The app's escalation options: which ones a user may use now, what each would send, and the
 * delivery itself with fallback. Build it with `createRegistry`, or resolve it from your own
 * tsyringe container after registering options under `ESCALATION_OPTION`.
 */
@injectable()
export class EscalationRegistry {
  private readonly options = new Map<string, { option: EscalationOption; index: number }>();
  private readonly listeners = new Map<EscalationEventName, Set<(event: never) => void>>();
  /** Deliveries under way by idempotency key; an entry removes itself when its delivery settles. */
  private readonly inFlight = new Map<string, InFlight>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly redactor: Redactor;
  private readonly container: DependencyContainer | undefined;

  constructor(
    @injectAll(ESCALATION_OPTION, { isOptional: true }) options: EscalationOption[] | undefined,
    @inject(CLOCK, { isOptional: true }) clock?: Clock,
    @inject(LOGGER, { isOptional: true }) logger?: Logger,
    @inject(REDACTOR, { isOptional: true }) redactor?: Redactor,
    @inject(REGISTRY_CONTAINER, { isOptional: true }) container?: DependencyContainer,
  ) {
    this.clock = clock ?? systemClock;
    this.logger = logger ?? silentLogger;
    this.redactor = redactor ?? defaultRedactor;
    this.container = container;
    for (const option of options ?? []) this.register(option);
  }

  /** Adds an option. A malformed option or a duplicate id is a `CONFIGURATION` error. */
  register(option: EscalationOption): this {
    validateOption(option);
    if (this.options.has(option.id)) {
      throw new EscalationError('CONFIGURATION', `An option with id "${option.id}" is already registered`, { optionId: option.id });
    }
    this.options.set(option.id, { option, index: this.options.size });
    return this;
  }

  /**
   * The registry's "now": its `CLOCK` service, else the system clock. `connectPillar` and
   * `watchSidebarTabs` read the time here unless given their own `clock`, so one registered
   * clock drives every gate.
   */
  now(): Date {
    return this.clock.now();
  }

  /** The option with this id, or `undefined`. */
  get(optionId: string): EscalationOption | undefined {
    return this.options.get(optionId)?.option;
  }

  /** Every registered option, in display order, gates not applied. */
  all(): EscalationOption[] {
    return [...this.options.values()].sort(byOrder).map((entry) => entry.option);
  }

  /** The options this user may use at `at` (default: the clock's now), in display order. */
  async available(context: EscalationContext, at: Date = this.clock.now()): Promise<EscalationOption[]> {
    const entries = [...this.options.values()];
    const allowed = await Promise.all(entries.map((entry) => this.allows(entry.option, context, at)));
    return entries.filter((_, i) => allowed[i]).sort(byOrder).map((entry) => entry.option);
  }

  /** Pillar's `sidebarTabs` config for this user: the available options, in order. */
  async sidebarTabs(context: EscalationContext, at?: Date): Promise<SidebarTab[]> {
    const options = await this.available(context, at);
    return options.map((option, position) => ({
      id: option.id,
      label: option.label,
      enabled: true,
      order: option.order ?? position,
      ...(option.icon ? { icon: option.icon } : {}),
    }));
  }

  /** What the option would send for this context (redacted, as `escalate` would), without sending it. */
  preview<K extends keyof AdapterPayloads>(optionId: string, context: EscalationContext, kind: K): EscalationPreview<PayloadOf<K>>;
  preview(optionId: string, context: EscalationContext): EscalationPreview;
  preview(optionId: string, context: EscalationContext, kind?: string): EscalationPreview {
    const option = this.require(optionId);
    if (kind !== undefined && option.adapter.kind !== kind) {
      throw new EscalationError('CONFIGURATION', `Option "${optionId}" uses a "${option.adapter.kind}" adapter, not "${kind}"`, { optionId });
    }
    const payload = this.payloadFor(option, redactForAdapters(context, this.redactor));
    return { optionId, kind: option.adapter.kind, payload };
  }

  /**
   * Delivers the context through the option, re-checking its gate. When the delivery fails
   * with `PROVIDER_UNAVAILABLE`, `RATE_LIMITED` or `TIMEOUT` (and is not ambiguous), the
   * options in `fallback` are tried in order with the same context. Concurrent calls with the
   * same idempotency key share one delivery.
   *
   * Never throws: every failure is a rejection with an `EscalationError`. `UNKNOWN_OPTION` (no
   * such option), `INVALID_CONTEXT` (no `conversationId` or `messages`) and a bad
   * `idempotencyKey` (`CONFIGURATION`) reject before any event is emitted.
   */
  escalate(optionId: string, context: EscalationContext, options: EscalateOptions = {}): Promise<EscalationResult> {
    try {
      const option = this.require(optionId);
      assertContextShape(context);
      const idempotencyKey = options.idempotencyKey ?? escalationKey(context, optionId);
      if (typeof idempotencyKey !== 'string' || idempotencyKey === '') {
        throw new EscalationError('CONFIGURATION', `escalate: idempotencyKey must be a non-empty string, got ${JSON.stringify(idempotencyKey)}`, { optionId });
      }
      const running = this.inFlight.get(idempotencyKey);
      if (running) return running.delivery;
      // Redacted before anything sees it: listeners, adapters, and the logs they write.
      const redacted = redactForAdapters(context, this.redactor);
      // In the map before `run` starts: a delivery that settles at once still finds its entry to remove.
      const entry: InFlight = { delivery: undefined as unknown as Promise<EscalationResult> };
      this.inFlight.set(idempotencyKey, entry);
      entry.delivery = this.run(option, context, redacted, idempotencyKey, options.signal, entry);
      return entry.delivery;
    } catch (error) {
      return Promise.reject(toEscalationError(error, 'INVALID_CONTEXT', 'The escalation could not start'));
    }
  }

  /** Subscribes to an event; returns the function that unsubscribes. Listener errors are logged, never thrown. */
  on<E extends EscalationEventName>(event: E, listener: EscalationListener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  /** `context` is what gates see (the user as the app knows them); `redacted` is what leaves the registry. */
  private async run(
    first: EscalationOption,
    context: EscalationContext,
    redacted: EscalationContext,
    idempotencyKey: string,
    signal: AbortSignal | undefined,
    entry: InFlight,
  ): Promise<EscalationResult> {
    try {
      if (this.listening('escalation:start')) this.emit('escalation:start', { optionId: first.id, context: redacted, idempotencyKey });
      const attempts: EscalationAttempt[] = [];
      // Gates see the instant of the click; read the clock only when a gate will use it.
      const at = first.when || first.fallback?.length ? this.clock.now() : undefined;

      // No gate, no await: the common case stays on the fast path.
      if (first.when && !(await this.allows(first, context, at!))) {
        this.fail(first, new EscalationError('NOT_ALLOWED', `Option "${first.id}" is not available to this user now`, { optionId: first.id }), attempts);
      }
      const chain = first.fallback?.length ? [first.id, ...first.fallback] : [first.id];
      let lastError: EscalationError | undefined;

      for (let i = 0; i < chain.length; i++) {
        const optionId = chain[i]!;
        const option = i === 0 ? first : this.options.get(optionId)?.option;
        const started = Date.now();
        if (i > 0) {
          const skip = !option
            ? new EscalationError('UNKNOWN_OPTION', `Fallback option "${optionId}" is not registered`, { optionId })
            : (await this.allows(option, context, at!))
              ? undefined
              : new EscalationError('NOT_ALLOWED', `Fallback option "${optionId}" is not available to this user now`, { optionId });
          if (skip) {
            attempts.push({ optionId, ...(option ? { kind: option.adapter.kind } : {}), outcome: 'skipped', error: summary(skip), durationMs: 0 });
            continue;
          }
          this.emit('escalation:fallback', { from: lastError!.optionId!, to: optionId, error: lastError! });
        }
        const { adapter } = option!;
        try {
          const payload = this.payloadFor(option!, redacted);
          const deliverOptions: DeliverOptions = { context: redacted, idempotencyKey: i === 0 ? idempotencyKey : `${idempotencyKey}:${optionId}` };
          if (signal) deliverOptions.signal = signal;
          if (this.container) deliverOptions.container = this.container;
          const delivered = await adapter.deliver(payload, deliverOptions);
          attempts.push({ optionId, kind: adapter.kind, outcome: 'delivered', durationMs: Date.now() - started });
          const result: EscalationResult = { optionId, requestedOptionId: first.id, kind: adapter.kind, status: delivered.status, idempotencyKey, attempts };
          if (delivered.reference) result.reference = delivered.reference;
          if (delivered.data) result.data = delivered.data;
          if (this.listening('escalation:success')) this.emit('escalation:success', { result });
          return result;
        } catch (thrown) {
          const error = toEscalationError(thrown).withOption(optionId);
          attempts.push({ optionId, kind: adapter.kind, outcome: 'failed', error: summary(error), durationMs: Date.now() - started });
          this.logger.warn(`escalation: option "${optionId}" failed with ${error.code}`, { message: error.message });
          if (!this.fallsBack(error, option!)) this.fail(first, error, attempts);
          lastError = error;
        }
      }
      return this.fail(first, lastError ?? new EscalationError('PROVIDER_UNAVAILABLE', `No option could deliver the escalation`, { optionId: first.id }), attempts);
    } finally {
      if (this.inFlight.get(idempotencyKey) === entry) this.inFlight.delete(idempotencyKey);
    }
  }

  /** Reports the failure (with every attempt when there was more than one) and throws it. */
  private fail(first: EscalationOption, error: EscalationError, attempts: EscalationAttempt[]): never {
    const final = attempts.length > 1 ? withAttempts(error, attempts) : error;
    this.emit('escalation:failure', { optionId: first.id, error: final, attempts });
    throw final;
  }

  private fallsBack(error: EscalationError, option: EscalationOption): boolean {
    if (!FALLBACK_CODES.has(error.code)) return false;
    if (error.details?.ambiguous === true) return option.fallbackOnAmbiguous ?? option.adapter.fallbackOnAmbiguous ?? false;
    return true;
  }

  private payloadFor(option: EscalationOption, context: EscalationContext): unknown {
    try {
      return option.adapter.toPayload(context);
    } catch (error) {
      throw toEscalationError(error, 'INVALID_CONTEXT', `Option "${option.id}" could not build its payload`).withOption(option.id);
    }
  }

  private async allows(option: EscalationOption, context: EscalationContext, at: Date): Promise<boolean> {
    if (!option.when) return true;
    try {
      return (await option.when(context, at)) === true;
    } catch (error) {
      // A broken gate closes its option rather than breaking the whole list.
      this.logger.error(`escalation: the gate of option "${option.id}" threw`, error);
      return false;
    }
  }

  private require(optionId: string): EscalationOption {
    const entry = typeof optionId === 'string' ? this.options.get(optionId) : undefined;
    if (!entry) {
      const known = [...this.options.keys()].map((id) => `"${id}"`).join(', ') || 'none';
      throw new EscalationError('UNKNOWN_OPTION', `No option "${String(optionId)}" is registered (known: ${known})`, {
        ...(typeof optionId === 'string' ? { optionId } : {}),
      });
    }
    return entry.option;
  }

  private listening(event: EscalationEventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  private emit<E extends EscalationEventName>(event: E, payload: EscalationEvents[E]): void {
    const listeners = this.listeners.get(event);
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        (listener as EscalationListener<E>)(payload);
      } catch (error) {
        this.logger.error(`escalation: a "${event}" listener threw`, error);
      }
    }
  }

}

/** One delivery under way, shared by every call with its idempotency key. */
interface InFlight {
  delivery: Promise<EscalationResult>;
}

function byOrder(a: { option: EscalationOption; index: number }, b: { option: EscalationOption; index: number }): number {
  return (a.option.order ?? Number.MAX_SAFE_INTEGER) - (b.option.order ?? Number.MAX_SAFE_INTEGER) || a.index - b.index;
}

function summary(error: EscalationError): NonNullable<EscalationAttempt['error']> {
  return {
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    ...(error.details?.ambiguous === true ? { ambiguous: true } : {}),
  };
}

function withAttempts(error: EscalationError, attempts: EscalationAttempt[]): EscalationError {
  return new EscalationError(error.code, error.message, {
    retryable: error.retryable,
    ...(error.optionId ? { optionId: error.optionId } : {}),
    ...(error.status ? { status: error.status } : {}),
    ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}),
    details: { ...error.details, attempts },
    cause: error,
  });
}

/** A cheap guard for callers outside TypeScript; untrusted input goes through `parseContext`. */
function assertContextShape(context: EscalationContext): void {
  const ok =
    typeof context === 'object' && context !== null &&
    (context.conversationId === null || typeof context.conversationId === 'string') &&
    Array.isArray(context.messages);
  if (!ok) {
    throw new EscalationError('INVALID_CONTEXT', 'The context must have conversationId (string or null) and messages (array); validate untrusted input with parseContext');
  }
}
