import type { DependencyContainer } from 'tsyringe';
import { inject, injectable, injectAll } from './tsyringe';
import type { AdapterPayloads, DeliverOptions, Delivery, EscalationAdapter, PayloadOf } from '../adapter';
import { droppedFrom, type DroppedValue } from '../context/report';
import type { EscalationContext } from '../context/types';
import { budgetExpired, deadlineSignal, timeLeft, type DeadlineSignal } from '../deadline';
import { EscalationError, mayExist, toEscalationError } from '../errors';
import type { EscalationOption, SidebarTab } from '../option';
import { CLOCK, ESCALATION_OPTION, LOGGER, REDACTOR, type Clock, type Logger } from '../tokens';
import { defaultRedactor, type Redactor } from '../transcript';
import { redactForAdapters } from '../transcript/redact';
import { handoffBrief } from '../brief/handoff-brief';
import { resolveAgentLocale } from '../brief/labels';
import type { HandoffBrief } from '../brief/types';
import { BRIEF_SETTINGS, DEFAULT_SUMMARIZE_TIMEOUT_MS, runSummarize, withAttachedBrief, type AttachedBrief, type BriefOutcome, type BriefSettings } from '../brief/settings';
import type { AttemptJournal } from './attempt-journal';
import { escalationKey } from './escalation-key';
import type { EscalationAttempt, EscalationEventName, EscalationEvents, EscalationListener, EscalationResult } from './events';
import { validateOption } from './validate-option';
import { isLazyAdapter, notLoaded } from '../lazy/lazy-adapter';

/** The container the registry lives in, handed to adapters so they can resolve `HTTP_CLIENT`. */
export const REGISTRY_CONTAINER = Symbol.for('pillar.escalation.registry-container');

/** What `escalate` accepts besides the option and the context. */
export interface EscalateOptions {
  /** Cancels the escalation (passed to the adapter's `deliver`): it rejects with `ABORTED` and no fallback is tried. */
  signal?: AbortSignal;
  /** Overrides the derived key (e.g. the relay forwards the browser's). */
  idempotencyKey?: string;
  /**
   * The whole escalation's time budget, in ms: deliveries, their retries, fallbacks and lookups
   * (`adapter.find`). Adapters see it as a deadline on `DeliverOptions.signal`, which clips
   * `withRetry`, `sendJson` and `postJson` below it; when it runs out the escalation fails with
   * `TIMEOUT` (still "may exist" when a request was out). The server relay passes
   * {@link RELAY_SERVER_BUDGET_MS}. @defaultValue none: each adapter's own bounds
   */
  budgetMs?: number;
  /**
   * Where each attempt is recorded before its provider call, by escalation key. At the start,
   * attempts already recorded for this key (a crash, a restart, another instance) are looked up
   * with their adapters' `find` before anything is sent: found answers `created` with its
   * reference, absent lets the delivery go ahead, anything else fails "may exist"
   * (`details.unresolved`) and sends nothing. Several relay instances must share one.
   */
  journal?: AttemptJournal;
  /**
   * What was dropped from the context while parsing it, to report on the result and in
   * `escalation:start`. @defaultValue what `parseContext`/`fromPillarChat` recorded for this
   * very context object (see `droppedFrom`)
   */
  dropped?: readonly DroppedValue[];
}

/** A dry run: what an option would send for this context. */
export interface EscalationPreview<P = unknown> {
  /** The option previewed. */
  optionId: string;
  /** Its adapter's `kind`, e.g. `zendesk-ticket`. */
  kind: string;
  /** What `toPayload` built from the redacted context: exactly what `escalate` would deliver (fallbacks aside). */
  payload: P;
  /** The handoff brief heading the payload's transcript, and which brief was used (the app's summary or the deterministic one). */
  brief: BriefOutcome & {
    /** The deterministic brief (see `handoffBrief`), from the redacted context. */
    brief: HandoffBrief;
  };
}

/** Failures after which the next option in `fallback` takes over (unless something may exist). */
const FALLBACK_CODES = new Set<EscalationError['code']>(['PROVIDER_UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT', 'INVALID_CONTEXT']);

/** How much of a budget is kept for `adapter.find` after a delivery that may have landed: a fifth, at most 5 s. */
const FIND_RESERVE_MS = 5_000;

/**
 * How long before a delivery's deadline a request timer clipped to it may fire: the adapter's timer
 * and the deadline's own are set apart and can fire in either order (by a few ms, more on a loaded
 * machine). A spent budget reported that close to the deadline is the deadline's.
 */
const CLIPPED_TIMER_SLACK_MS = 100;

/** What `adapter.find` said. */
type Reconciliation =
  | { outcome: 'found'; delivery: Delivery }
  | { outcome: 'absent' }
  | { outcome: 'unresolved'; why: string; error?: EscalationError };

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
  private brief: BriefSettings | undefined;
  /** The app's summaries by redacted context (one per escalation; gone with the context). */
  private readonly summaries = new WeakMap<EscalationContext, BriefOutcome>();

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
    const adapter = isLazyAdapter(option.adapter) ? option.adapter.loaded() : option.adapter;
    if (!adapter) throw notLoaded(option.adapter.kind, optionId);
    const redacted = redactForAdapters(context, this.redactor);
    const payload = this.payloadFor(option, adapter, redacted);
    return { optionId, kind: option.adapter.kind, payload, brief: { source: 'deterministic', brief: handoffBrief(redacted) } };
  }

  /**
   * `preview`, with the app's `summarize` run as `escalate` would run it (within its timeout):
   * `brief.source` says whether the summary or the deterministic brief heads the payload.
   */
  async previewWithSummary(optionId: string, context: EscalationContext): Promise<EscalationPreview> {
    const option = this.require(optionId);
    const adapter = await this.implementation(option);
    const redacted = redactForAdapters(context, this.redactor);
    const outcome = await this.summarize(redacted);
    const payload = this.payloadFor(option, adapter, redacted);
    return { optionId, kind: option.adapter.kind, payload, brief: { ...outcome, brief: handoffBrief(redacted) } };
  }

  /**
   * Loads the code of adapters that load on first use (`lazyAdapter`): the option's and those of
   * its `fallback` chain, or every option's when no id is given. Resolves once they are loaded
   * (at once when none is lazy); then `preview` works for them. Rejects with the first failed
   * load (`PROVIDER_UNAVAILABLE`), or `UNKNOWN_OPTION`. `escalate` does not need it: it loads
   * what it uses. `connectPillar` calls it ahead of the click.
   */
  async prepare(optionId?: string): Promise<void> {
    const ids = optionId === undefined ? [...this.options.keys()] : [optionId, ...(this.require(optionId).fallback ?? [])];
    const loads: Promise<unknown>[] = [];
    for (const id of ids) {
      const adapter = this.options.get(id)?.option.adapter;
      if (isLazyAdapter(adapter) && !adapter.loaded()) loads.push(adapter.load());
    }
    await Promise.all(loads);
  }

  /**
   * Delivers the context through the option, re-checking its gate. When the delivery fails
   * with `PROVIDER_UNAVAILABLE`, `RATE_LIMITED` or `TIMEOUT`, or its adapter cannot build a
   * payload from this context (`INVALID_CONTEXT`, e.g. no requester email), the options in
   * `fallback` are tried in order with the same context. Concurrent calls with the same
   * idempotency key share one delivery.
   *
   * Exactly once: a failure that may have reached the provider (`details.ambiguous`) is never
   * followed by a fallback. The registry asks the adapter's `find` instead: found answers
   * `created` with its reference; absent makes the failure an ordinary one (the same option is
   * sent once more with the same key when the failure is retryable, else the fallback takes
   * over); a failed or missing lookup ends the escalation "may exist" (`details.unresolved:
   * true`), never with a silent success and never with a second send. See `journal` for restarts.
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
      entry.delivery = this.run(option, context, redacted, idempotencyKey, options, entry);
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
    options: EscalateOptions,
    entry: InFlight,
  ): Promise<EscalationResult> {
    const budget = options.budgetMs !== undefined ? deadlineSignal(options.budgetMs, options.signal) : undefined;
    const signal = budget?.signal ?? options.signal;
    const { journal } = options;
    const dropped = options.dropped ?? droppedFrom(context);
    const attempts: EscalationAttempt[] = [];
    const done = (optionId: string, adapter: EscalationAdapter, delivered: Delivery): EscalationResult => {
      const result: EscalationResult = { optionId, requestedOptionId: first.id, kind: adapter.kind, status: delivered.status, idempotencyKey, attempts };
      if (delivered.reference) result.reference = delivered.reference;
      if (delivered.data) result.data = delivered.data;
      if (dropped.length) result.dropped = [...dropped];
      if (this.listening('escalation:success')) this.emit('escalation:success', { result });
      return result;
    };
    const keyOf = (optionId: string) => (optionId === first.id ? idempotencyKey : `${idempotencyKey}:${optionId}`);
    try {
      if (this.listening('escalation:start')) {
        this.emit('escalation:start', { optionId: first.id, context: redacted, idempotencyKey, ...(dropped.length ? { dropped: [...dropped] } : {}) });
      }
      // Gates see the instant of the click; read the clock only when a gate will use it.
      const at = first.when || first.fallback?.length ? this.clock.now() : undefined;

      // No gate, no await: the common case stays on the fast path.
      if (first.when && !(await this.allows(first, context, at!))) {
        this.fail(first, new EscalationError('NOT_ALLOWED', `Option "${first.id}" is not available to this user now`, { optionId: first.id }), attempts);
      }

      // A restart: attempts recorded for this key may have reached their providers. Ask before sending anything.
      if (journal) {
        const prior = await this.journalCall(() => journal.read(idempotencyKey), first.id);
        const seen = new Set<string>();
        for (const record of prior) {
          if (seen.has(record.optionId)) continue;
          seen.add(record.optionId);
          const option = this.options.get(record.optionId)?.option;
          const key = record.idempotencyKey ?? keyOf(record.optionId);
          const started = Date.now();
          const found: Reconciliation = option
            ? await this.reconcile(option, key, redacted, signal, 'journal')
            : { outcome: 'unresolved', why: `option "${record.optionId}" is no longer registered` };
          const attempt: EscalationAttempt = { optionId: record.optionId, kind: record.kind, outcome: found.outcome === 'found' ? 'delivered' : 'failed', reconciliation: found.outcome, durationMs: Date.now() - started };
          if (found.outcome === 'found') {
            attempts.push(attempt);
            return done(record.optionId, option!.adapter, found.delivery);
          }
          if (found.outcome === 'unresolved') {
            const error = new EscalationError('PROVIDER_UNAVAILABLE', `An earlier attempt of this escalation (option "${record.optionId}") may have reached its provider and ${found.why}; nothing was sent again`, {
              optionId: record.optionId,
              details: { ambiguous: true, unresolved: true, reconciliation: { trigger: 'journal', why: found.why } },
              ...(found.error ? { cause: found.error } : {}),
            });
            attempts.push({ ...attempt, error: summary(error) });
            this.fail(first, error, attempts);
          }
          // Absent: that attempt created nothing; it is not reported as an attempt of this run.
        }
      }

      // The app's summary (its LLM), within its timeout; else the deterministic brief heads the payload.
      if (this.briefSettings().summarize) await this.summarize(redacted, signal);
      // The option asked for, then its fallbacks (no array built for them).
      const fallbacks = first.fallback ?? [];
      let lastError: EscalationError | undefined;

      for (let i = 0; i <= fallbacks.length; i++) {
        const optionId = i === 0 ? first.id : fallbacks[i - 1]!;
        const option = i === 0 ? first : this.options.get(optionId)?.option;
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
          // No time left for another provider: the last failure stands.
          if (signal?.aborted) this.fail(first, lastError!, attempts);
          this.emit('escalation:fallback', { from: lastError!.optionId!, to: optionId, error: lastError! });
        }
        const key = keyOf(optionId);
        let payload: unknown;
        let adapter = option!.adapter;
        let started = Date.now();
        try {
          // A lazy adapter's code loads here (at once when prefetched); a failed load is PROVIDER_UNAVAILABLE.
          if (isLazyAdapter(adapter)) adapter = adapter.loaded() ?? (await this.implementation(option!));
          payload = this.payloadFor(option!, adapter, redacted);
        } catch (thrown) {
          // Nothing was sent: the next option may not need what this one lacks.
          const error = toEscalationError(thrown).withOption(optionId);
          attempts.push({ optionId, kind: adapter.kind, outcome: 'failed', error: summary(error), durationMs: Date.now() - started });
          this.logger.warn(`escalation: option "${optionId}" could not build its payload (${error.code})`, { message: error.message });
          if (!this.fallsBack(error, option!)) this.fail(first, error, attempts);
          lastError = error;
          continue;
        }
        // One delivery, and one more with the same key after a lookup showed the first created nothing.
        for (let sends = 1; ; sends++) {
          started = Date.now();
          let error: EscalationError;
          let outOfTime = false;
          const window = this.deliveryWindow(adapter, signal, options.budgetMs);
          try {
            if (journal) await this.journalCall(() => journal.append(idempotencyKey, { optionId, kind: adapter.kind, at: Date.now(), idempotencyKey: key }), optionId);
            const deliverOptions: DeliverOptions = { context: redacted, idempotencyKey: key };
            if (window?.signal ?? signal) deliverOptions.signal = window?.signal ?? signal!;
            if (this.container) deliverOptions.container = this.container;
            const delivered = await adapter.deliver(payload, deliverOptions);
            attempts.push({ optionId, kind: adapter.kind, outcome: 'delivered', durationMs: Date.now() - started });
            return done(optionId, adapter, delivered);
          } catch (thrown) {
            if (thrown instanceof JournalFailure) throw thrown;
            error = timedOut(toEscalationError(thrown), window?.signal ?? signal).withOption(optionId);
            outOfTime = budgetExpired(window?.signal ?? signal) || (spentBudget(error) && timeLeft(window?.signal ?? signal) <= CLIPPED_TIMER_SLACK_MS);
          } finally {
            window?.dispose();
          }
          const attempt: EscalationAttempt = { optionId, kind: adapter.kind, outcome: 'failed', error: summary(error), durationMs: Date.now() - started };
          attempts.push(attempt);
          this.logger.warn(`escalation: option "${optionId}" failed with ${error.code}`, { message: error.message });
          // The caller gave up: no lookup, no fallback (the error still says whether it may exist).
          if (error.code === 'ABORTED') this.fail(first, error, attempts);
          if (mayExist(error)) {
            const found = await this.reconcile(option!, key, redacted, signal, 'ambiguous');
            attempt.reconciliation = found.outcome;
            if (found.outcome === 'found') {
              // The answer was lost, not the delivery: this attempt delivered.
              attempt.outcome = 'delivered';
              delete attempt.error;
              attempt.durationMs = Date.now() - started;
              return done(optionId, adapter, found.delivery);
            }
            if (found.outcome === 'unresolved') {
              error = unresolved(error, found);
              attempt.error = summary(error);
              // Only an explicit opt-in accepts a possible duplicate.
              if (!(option!.fallbackOnAmbiguous ?? adapter.fallbackOnAmbiguous ?? false) || !this.fallsBack(error, option!, true)) this.fail(first, error, attempts);
              lastError = error;
              break;
            }
            // Absent: the provider shows nothing was created, so the failure is an ordinary one.
            error = cleared(error);
            attempt.error = summary(error);
            if (error.retryable && sends < 2 && !outOfTime) continue;
          }
          // The budget is spent (what is left was kept for the lookup): no other provider now.
          if (outOfTime || !this.fallsBack(error, option!)) this.fail(first, error, attempts);
          lastError = error;
          break;
        }
      }
      return this.fail(first, lastError ?? new EscalationError('PROVIDER_UNAVAILABLE', `No option could deliver the escalation`, { optionId: first.id }), attempts);
    } catch (thrown) {
      if (thrown instanceof JournalFailure) this.fail(first, thrown.error, attempts);
      throw thrown;
    } finally {
      budget?.dispose();
      if (this.inFlight.get(idempotencyKey) === entry) this.inFlight.delete(idempotencyKey);
    }
  }

  /** A journal read or append; its failure ends the escalation before anything is sent. */
  private async journalCall<T>(call: () => Promise<T>, optionId: string): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      this.logger.error('escalation: the attempt journal failed', cause);
      throw new JournalFailure(new EscalationError('PROVIDER_UNAVAILABLE', 'The attempt journal failed, so nothing was sent (without a record, a restart could send it twice)', {
        optionId,
        details: { journal: 'unavailable' },
        cause,
      }));
    }
  }

  /**
   * The signal a delivery gets under a budget: the budget less a reserve for `find` when the
   * adapter has one (a lookup after a lost answer needs time too).
   */
  private deliveryWindow(adapter: EscalationAdapter, signal: AbortSignal | undefined, budgetMs: number | undefined): DeadlineSignal | undefined {
    if (budgetMs === undefined || !adapter.find || !signal) return undefined;
    const reserve = Math.min(FIND_RESERVE_MS, budgetMs / 5);
    return deadlineSignal(timeLeft(signal) - reserve, signal);
  }

  /** Asks the adapter whether an attempt that may have landed created something. Never throws. */
  private async reconcile(option: EscalationOption, key: string, redacted: EscalationContext, signal: AbortSignal | undefined, trigger: 'ambiguous' | 'journal'): Promise<Reconciliation> {
    let adapter = option.adapter;
    let found: Reconciliation | undefined;
    if (isLazyAdapter(adapter)) {
      try {
        adapter = await this.implementation(option);
      } catch (thrown) {
        const error = toEscalationError(thrown).withOption(option.id);
        found = { outcome: 'unresolved', why: `its adapter's code could not be loaded to look it up (${error.code}: ${error.message})`, error };
      }
    }
    if (found) {
      // Its code did not load: unresolved, reported below.
    } else if (!adapter.find) found = { outcome: 'unresolved', why: `its adapter (${adapter.kind}) cannot look it up (no find)` };
    else if (signal?.aborted) found = { outcome: 'unresolved', why: 'no time was left to look it up' };
    else {
      try {
        const delivery = await adapter.find(key, redacted, { ...(signal ? { signal } : {}), ...(this.container ? { container: this.container } : {}) });
        if (delivery === null) found = { outcome: 'absent' };
        else if (typeof delivery === 'object' && delivery !== undefined && typeof delivery.status === 'string') found = { outcome: 'found', delivery };
        else found = { outcome: 'unresolved', why: `its lookup answered neither a delivery nor null` };
      } catch (thrown) {
        const error = toEscalationError(thrown).withOption(option.id);
        found = { outcome: 'unresolved', why: `the lookup failed (${error.code}: ${error.message})`, error };
      }
    }
    if (this.listening('escalation:reconcile')) {
      this.emit('escalation:reconcile', {
        optionId: option.id,
        kind: adapter.kind,
        idempotencyKey: key,
        trigger,
        outcome: found.outcome,
        ...(found.outcome === 'unresolved' && found.error ? { error: found.error } : {}),
      });
    }
    return found;
  }

  /** Reports the failure (with every attempt when there was more than one) and throws it. */
  private fail(first: EscalationOption, error: EscalationError, attempts: EscalationAttempt[]): never {
    const final = attempts.length > 1 ? withAttempts(error, attempts) : error;
    this.emit('escalation:failure', { optionId: first.id, error: final, attempts });
    throw final;
  }

  private fallsBack(error: EscalationError, option: EscalationOption, optedIn = false): boolean {
    if (!FALLBACK_CODES.has(error.code)) return false;
    if (mayExist(error)) return optedIn;
    return true;
  }

  /** The registry's brief settings (`createRegistry`'s `brief`, or `BRIEF_SETTINGS` in its container), read once. */
  private briefSettings(): BriefSettings {
    if (this.brief === undefined) {
      const c = this.container;
      this.brief = c?.isRegistered(BRIEF_SETTINGS, true) ? (c.resolve(BRIEF_SETTINGS) as BriefSettings) : {};
    }
    return this.brief;
  }

  /** Runs `summarize` for a redacted context once; its summary then heads every payload built from it. */
  private async summarize(redacted: EscalationContext, signal?: AbortSignal): Promise<BriefOutcome> {
    const settings = this.briefSettings();
    if (!settings.summarize) return { source: 'deterministic' };
    const known = this.summaries.get(redacted);
    if (known) return known;
    const outcome = await runSummarize(settings.summarize, redacted, handoffBrief(redacted), settings.summarizeTimeoutMs ?? DEFAULT_SUMMARIZE_TIMEOUT_MS, this.redactor, signal);
    if (outcome.source === 'deterministic') this.logger.warn(`escalation: summarize gave no summary (${outcome.fallback}); the deterministic brief is used`);
    this.summaries.set(redacted, outcome);
    return outcome;
  }

  /** The adapter that does the work: a lazy adapter's implementation (loaded now if need be), else the option's own. */
  private async implementation(option: EscalationOption): Promise<EscalationAdapter> {
    const { adapter } = option;
    if (!isLazyAdapter(adapter)) return adapter;
    try {
      return adapter.loaded() ?? (await adapter.load());
    } catch (error) {
      throw toEscalationError(error, 'PROVIDER_UNAVAILABLE', `Option "${option.id}" could not load its adapter`).withOption(option.id);
    }
  }

  private payloadFor(option: EscalationOption, adapter: EscalationAdapter, context: EscalationContext): unknown {
    try {
      const settings = this.briefSettings();
      const agentLocale = option.agentLocale ?? settings.agentLocale;
      if (option.agentLocale !== undefined) resolveAgentLocale(option.agentLocale, `Option "${option.id}"`);
      const summary = settings.summarize ? this.summaries.get(context)?.summary : undefined;
      // Built field by field: this runs on every escalation, and spreads allocate.
      const attached: AttachedBrief = {};
      if (settings.enabled === false) attached.enabled = false;
      if (agentLocale !== undefined) attached.agentLocale = agentLocale;
      if (summary !== undefined) attached.summary = summary;
      context = withAttachedBrief(context, attached);
      return adapter.toPayload(context);
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

/** Thrown inside `run` when the journal failed; `run` turns it into the failure. */
class JournalFailure {
  constructor(readonly error: EscalationError) {}
}

/** Whether the error says a time budget ran out (`sendJson` and `postJson` say so when their timeout was clipped to a deadline). */
function spentBudget(error: EscalationError): boolean {
  return error.code === 'TIMEOUT' && error.details?.budget === true;
}

/** A budget that ran out shows as `TIMEOUT`, not `ABORTED` (the caller did not cancel). */
function timedOut(error: EscalationError, signal: AbortSignal | undefined): EscalationError {
  if (error.code !== 'ABORTED' || !budgetExpired(signal)) return error;
  return new EscalationError('TIMEOUT', `The time budget ran out while delivering: ${error.message}`, {
    retryable: false,
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}

/** The failure once a lookup could not tell whether it created something: still "may exist", and says so. */
function unresolved(error: EscalationError, found: { why: string }): EscalationError {
  return new EscalationError(error.code, `${error.message}. It may have reached the provider and ${found.why}, so it was neither sent again nor elsewhere`, {
    retryable: error.retryable,
    ...(error.optionId ? { optionId: error.optionId } : {}),
    ...(error.status ? { status: error.status } : {}),
    ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}),
    details: { ...error.details, ambiguous: true, unresolved: true, reconciliation: { trigger: 'ambiguous', why: found.why } },
    cause: error,
  });
}

/** The failure once a lookup showed nothing was created: no longer "may exist". */
function cleared(error: EscalationError): EscalationError {
  const { ambiguous: _, ambiguousTries: __, ...details } = error.details ?? {};
  return new EscalationError(error.code, `${error.message} (a lookup found nothing created)`, {
    // The key is unused at the provider: sending it again is safe.
    retryable: error.code !== 'INVALID_CONTEXT' && error.code !== 'PROVIDER_REJECTED' && error.code !== 'CONFIGURATION',
    ...(error.optionId ? { optionId: error.optionId } : {}),
    ...(error.status ? { status: error.status } : {}),
    ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}),
    details: { ...details, reconciliation: { trigger: 'ambiguous', outcome: 'absent' } },
    cause: error,
  });
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
    ...(mayExist(error) ? { ambiguous: true } : {}),
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
