import { budgetExpired, deadlineOf } from './deadline';
import { EscalationError, toEscalationError } from './errors';

/** How an operation is retried. */
export interface RetryOptions {
  /** Tries in all, the first included. @defaultValue 3 */
  attempts?: number;
  /**
   * The whole budget, in ms from the start of the first try: the time the tries take counts,
   * not only the waits. No wait or try starts that would end after it, and each try is told
   * how much is left (`RetryBudget.timeLeftMs`) to clip its own timeout. A deadline on
   * `signal` (see `deadlineSignal`) shortens it further.
   * @defaultValue 15_000 ({@link DEFAULT_RETRY_BUDGET_MS})
   */
  maxTotalMs?: number;
  /** The first backoff; doubles each time. @defaultValue 300 */
  baseDelayMs?: number;
  /** The longest single backoff. @defaultValue 5_000 */
  maxDelayMs?: number;
  /** Stops waiting and trying: rejects with `ABORTED` (or `TIMEOUT` when it carries a deadline that passed). */
  signal?: AbortSignal;
  /** A further veto on top of `error.retryable`. */
  shouldRetry?(error: EscalationError, attempt: number): boolean;
  /** Called before each wait (for logs and metrics). */
  onRetry?(error: EscalationError, attempt: number, delayMs: number): void;
  /** Source of randomness for the jitter (tests pass a fixed one). @defaultValue Math.random */
  random?: () => number;
}

/**
 * The default total budget of `withRetry`, and so of one adapter's delivery (a try's time
 * included). Budgets nest: an adapter (15 s) inside the server relay's escalation
 * ({@link RELAY_SERVER_BUDGET_MS}) inside the browser relay's timeout.
 */
export const DEFAULT_RETRY_BUDGET_MS = 15_000;

/** What one try is told. */
export interface RetryBudget {
  /** 1 for the first try. */
  attempt: number;
  /** Milliseconds left of the budget when this try starts: clip the try's own timeout to it. */
  timeLeftMs: number;
}

/** What became of one try. */
export interface RetryTry {
  /** 1 for the first try. */
  attempt: number;
  /** How long the try took, in ms. */
  durationMs: number;
  /** `succeeded`, or `failed` with `error`. */
  outcome: 'succeeded' | 'failed';
  /** A JSON-safe summary of the failure (absent when the try succeeded). */
  error?: {
    /** The error's code. */
    code: EscalationError['code'];
    /** The error's message. */
    message: string;
    /** Whether it was worth another try. */
    retryable: boolean;
  };
  /**
   * Whether this try may have reached the other side: it succeeded, or it failed without
   * proof that nothing was received (`details.ambiguous`: a timeout, a reset, a 500).
   */
  mayHaveLanded: boolean;
}

/** What {@link withRetryReport} resolves with. */
export interface RetryReport<T> {
  /** The successful try's value. */
  value: T;
  /** Every try, in order; the last one succeeded. */
  tries: RetryTry[];
}

/**
 * Runs `operation` until it succeeds or a bound is reached: bounded attempts and total time
 * (the tries' own time included), exponential backoff with full jitter, the provider's
 * `retryAfterMs` honoured (never waiting less than it asks), stops on abort, and never retries
 * an error that is not `retryable`. Everything thrown comes out as an `EscalationError`.
 *
 * Ambiguity sticks: when any try may have reached the other side (its error had
 * `details.ambiguous: true`), the error finally thrown says so too (`details.ambiguous: true`,
 * `details.ambiguousTries` naming those tries), even when a later try failed in a way that
 * proves nothing for itself (a 503). After more than one try, `details.tries` lists them all.
 */
export async function withRetry<T>(operation: (attempt: number, budget: RetryBudget) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return (await withRetryReport(operation, options)).value;
}

/** {@link withRetry}, resolving with every try's outcome as well as the value. */
export async function withRetryReport<T>(operation: (attempt: number, budget: RetryBudget) => Promise<T>, options: RetryOptions = {}): Promise<RetryReport<T>> {
  const { attempts = 3, baseDelayMs = 300, maxDelayMs = 5_000, signal, random = Math.random } = options;
  const started = Date.now();
  // The signal's time left as of `started` (one reading of the clock): a try's `timeLeftMs` is then
  // exactly what its signal has left, so a timeout clipped to either is taken for the deadline's.
  const budget = Math.min(options.maxTotalMs ?? DEFAULT_RETRY_BUDGET_MS, Math.max(0, deadlineOf(signal) - started));
  const tries: RetryTry[] = [];
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw finalError(abortError(signal), tries);
    const tryStarted = Date.now();
    let error: EscalationError;
    try {
      const value = await operation(attempt, { attempt, timeLeftMs: Math.max(0, budget - (tryStarted - started)) });
      tries.push({ attempt, durationMs: Date.now() - tryStarted, outcome: 'succeeded', mayHaveLanded: true });
      return { value, tries };
    } catch (thrown) {
      error = toEscalationError(thrown);
    }
    const mayHaveLanded = error.details?.ambiguous === true;
    tries.push({ attempt, durationMs: Date.now() - tryStarted, outcome: 'failed', error: { code: error.code, message: error.message, retryable: error.retryable }, mayHaveLanded });
    if (error.code === 'ABORTED' || signal?.aborted) throw finalError(abortError(signal, error), tries);
    const retry = error.retryable && attempt < attempts && (options.shouldRetry?.(error, attempt) ?? true);
    if (!retry) throw finalError(error, tries);
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * random();
    const delay = Math.max(backoff, error.retryAfterMs ?? 0);
    // The next try must start and have some time to run before the budget ends.
    if (Date.now() - started + delay >= budget) throw finalError(error, tries);
    options.onRetry?.(error, attempt, delay);
    try {
      await sleep(delay, signal);
    } catch (aborted) {
      throw finalError(toEscalationError(aborted), tries);
    }
  }
}

/** The error to throw: the last one, still "may exist" when an earlier try may have landed, with every try after several. */
function finalError(error: EscalationError, tries: RetryTry[]): EscalationError {
  const ambiguousTries = tries.filter((t) => t.mayHaveLanded).map((t) => t.attempt);
  const sticky = ambiguousTries.length > 0 && error.details?.ambiguous !== true;
  if (tries.length <= 1 && !sticky) return error;
  const message = sticky ? `${error.message} (try ${ambiguousTries.join(', ')} may have reached it)` : error.message;
  return new EscalationError(error.code, message, {
    retryable: error.retryable,
    ...(error.optionId !== undefined ? { optionId: error.optionId } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    details: { ...error.details, ...(ambiguousTries.length ? { ambiguous: true, ambiguousTries } : {}), ...(tries.length > 1 ? { tries } : {}) },
    cause: error,
  });
}

/** Waits `ms`, or rejects with `ABORTED` as soon as the signal aborts (`TIMEOUT` when its deadline passed). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejects with `ABORTED` when the signal has already aborted (`TIMEOUT` when its deadline passed). */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal?: AbortSignal, cause?: unknown): EscalationError {
  if (cause instanceof EscalationError && (cause.code === 'ABORTED' || (cause.code === 'TIMEOUT' && budgetExpired(signal)))) return cause;
  if (budgetExpired(signal)) {
    const reason: unknown = signal!.reason;
    return reason instanceof EscalationError ? reason : new EscalationError('TIMEOUT', 'The time budget ran out', { cause: reason });
  }
  return new EscalationError('ABORTED', 'The escalation was aborted', { cause: signal?.reason ?? cause });
}
