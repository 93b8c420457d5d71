import { EscalationError, toEscalationError } from './errors';

/** How an operation is retried. */
export interface RetryOptions {
  /** Tries in all, the first included. @defaultValue 3 */
  attempts?: number;
  /** Never start a try (or a wait) that would end after this much time from the first try. @defaultValue 15_000 */
  maxTotalMs?: number;
  /** The first backoff; doubles each time. @defaultValue 300 */
  baseDelayMs?: number;
  /** The longest single backoff. @defaultValue 5_000 */
  maxDelayMs?: number;
  /** Stops waiting and trying: rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** A further veto on top of `error.retryable`. */
  shouldRetry?(error: EscalationError, attempt: number): boolean;
  /** Called before each wait (for logs and metrics). */
  onRetry?(error: EscalationError, attempt: number, delayMs: number): void;
  /** Source of randomness for the jitter (tests pass a fixed one). @defaultValue Math.random */
  random?: () => number;
}

/**
 * Runs `operation` until it succeeds or a bound is reached: bounded attempts and total time,
 * exponential backoff with full jitter, the provider's `retryAfterMs` honoured (never waiting
 * less than it asks), stops on abort, and never retries an error that is not `retryable`.
 * Everything thrown comes out as an `EscalationError`.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 3, maxTotalMs = 15_000, baseDelayMs = 300, maxDelayMs = 5_000, signal, random = Math.random } = options;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    let error: EscalationError;
    try {
      return await operation(attempt);
    } catch (thrown) {
      error = toEscalationError(thrown);
    }
    if (error.code === 'ABORTED' || signal?.aborted) throw abortError(signal, error);
    const retry = error.retryable && attempt < attempts && (options.shouldRetry?.(error, attempt) ?? true);
    if (!retry) throw error;
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * random();
    const delay = Math.max(backoff, error.retryAfterMs ?? 0);
    if (Date.now() - started + delay > maxTotalMs) throw error;
    options.onRetry?.(error, attempt, delay);
    await sleep(delay, signal);
  }
}

/** Waits `ms`, or rejects with `ABORTED` as soon as the signal aborts. */
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

/** Rejects with `ABORTED` when the signal has already aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal?: AbortSignal, cause?: unknown): EscalationError {
  if (cause instanceof EscalationError && cause.code === 'ABORTED') return cause;
  return new EscalationError('ABORTED', 'The escalation was aborted', { cause: signal?.reason ?? cause });
}
