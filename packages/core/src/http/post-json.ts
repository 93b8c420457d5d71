import { budgetExpired, timeLeft } from '../deadline';
import { EscalationError } from '../errors';

// Browser-safe (fetch, no axios): for the relay and for universal adapters that call a
// provider straight from the page. Server adapters use `sendJson` (@pillar/escalation-core/http).

/** Network failures (Node's `fetch` names them in `cause.code`) that prove the request was not sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** How {@link postJson} sends. */
export interface PostJsonOptions {
  /** Names the other side in error messages, e.g. `Zendesk` or `the escalation server`. */
  provider: string;
  /** Covers the whole exchange, reading the answer included; clipped to a deadline the signal carries. */
  timeoutMs: number;
  /** Aborts the request: rejects with `ABORTED` (`TIMEOUT` when its deadline passed, see `deadlineSignal`). */
  signal?: AbortSignal;
  /**
   * `true` when repeating the request is harmless (it carries an idempotency key): a failure after
   * which the other side may hold it stays retryable. Either way such a failure (a timeout, a
   * reset, an abort while the request is out) is ambiguous: `details.ambiguous: true`.
   */
  safeToRetry: boolean;
  /** Extra request headers; `Content-Type` and `Accept` are JSON. @defaultValue none */
  headers?: Record<string, string>;
  /** @defaultValue `'omit'`: no cookie of the user rides along unless asked for. */
  credentials?: RequestCredentials;
  /** @defaultValue `globalThis.fetch`, read at call time (so a fetch patched later is used) */
  fetch?: typeof fetch;
}

/** Any HTTP answer {@link postJson} got: the caller decides what a status means. */
export interface JsonAnswer {
  /** The HTTP status, 2xx or not. */
  status: number;
  /** Reads a response header by (case-insensitive) name. */
  header(name: string): string | null;
  /** The body parsed as JSON; the text itself when it is not JSON; `undefined` when empty. */
  body: unknown;
}

/**
 * One JSON POST through `fetch`, with a timeout that covers reading the answer. Resolves with
 * any HTTP answer; rejects only with `ABORTED`, `TIMEOUT` or `PROVIDER_UNAVAILABLE`. A failure
 * after which the other side may hold the request carries `details.ambiguous: true` (so the
 * registry does not fall back to another option), and is retryable only when `safeToRetry`.
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<JsonAnswer> {
  const { provider, signal } = options;
  if (signal?.aborted) {
    throw budgetExpired(signal)
      ? new EscalationError('TIMEOUT', `The time budget ran out before the request to ${provider} was sent`, { cause: signal.reason, retryable: false })
      : new EscalationError('ABORTED', `The request to ${provider} was aborted before it was sent`, { cause: signal.reason });
  }
  const left = timeLeft(signal);
  const timeoutMs = Math.min(options.timeoutMs, left);
  // Our timer and the budget's fire together when one was clipped to the other; either way the budget is spent.
  const budgetBound = left <= options.timeoutMs;
  if (timeoutMs <= 0) throw new EscalationError('TIMEOUT', `No time was left to send the request to ${provider}`, { retryable: false });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const init: RequestInit = {
      method: 'POST',
      headers: { ...options.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: options.credentials ?? 'omit',
      signal: controller.signal,
    };
    const response = await (options.fetch ?? globalThis.fetch)(url, init);
    const text = await response.text();
    return { status: response.status, header: (name) => response.headers.get(name), body: parseJson(text) };
  } catch (error) {
    throw fetchFailure(error, options, { aborted: signal?.aborted === true, budget: budgetExpired(signal) || (timedOut && budgetBound), timedOut, timeoutMs });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function fetchFailure(error: unknown, options: PostJsonOptions, how: { aborted: boolean; budget: boolean; timedOut: boolean; timeoutMs: number }): EscalationError {
  const { provider, safeToRetry } = options;
  // From here on the request may have been received: something may exist, and only an idempotent one may be repeated.
  const unsure = safeToRetry ? '; it may have been received' : '; it may have been received, so it was not repeated';
  if (how.aborted && !how.budget) {
    return new EscalationError('ABORTED', `The request to ${provider} was aborted${unsure}`, { cause: error, details: { ambiguous: true } });
  }
  if (how.timedOut || how.budget) {
    return new EscalationError('TIMEOUT', `No answer from ${provider} within ${how.timeoutMs} ms${unsure}`, {
      cause: error,
      retryable: safeToRetry && !how.budget,
      details: { ambiguous: true, ...(how.budget ? { budget: true } : {}) },
    });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code === 'string' && NOT_SENT.has(code)) {
    return new EscalationError('PROVIDER_UNAVAILABLE', `Could not reach ${provider} (${code})`, { cause: error, details: { code } });
  }
  // A browser says only "Failed to fetch": refused, reset and CORS look alike, so assume the worst.
  return new EscalationError('PROVIDER_UNAVAILABLE', `The request to ${provider} failed${typeof code === 'string' ? ` (${code})` : ''}${unsure}`, {
    cause: error,
    retryable: safeToRetry,
    details: { ambiguous: true, ...(typeof code === 'string' ? { code } : {}) },
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
