import { EscalationError } from '../errors';

/** What a provider answered, from axios or from `fetch`. */
export interface ProviderResponse {
  /** Provider name for messages, e.g. `Zendesk`. */
  provider: string;
  /** The HTTP status of the answer (not 2xx). */
  status: number;
  /** Reads a response header by (case-insensitive) name. */
  header(name: string): string | null | undefined;
  /** The parsed body, when there was one. */
  body?: unknown;
}

/** How a failed answer is read. */
export interface ResponseErrorOptions {
  /**
   * `true` when the request may be repeated without creating a duplicate (it carries an
   * idempotency key, or it only reads). An answer that does not prove the request was refused
   * (500, 502, 504) is ambiguous either way (`details.ambiguous: true`: something may exist);
   * it is `retryable` only when this is `true`.
   */
  safeToRetry: boolean;
  /** Pulls the provider's field errors out of an error body, into `details`. */
  errorDetails?(body: unknown): Record<string, unknown> | undefined;
  /** The likely cause of a 401/403, for the message (e.g. "check the email/token pair"). */
  describeAuthFailure?: string;
  /** Now, in ms since the epoch (for `X-RateLimit-Reset`). @defaultValue Date.now */
  now?: () => number;
}

/**
 * Maps a provider's non-2xx answer to an `EscalationError`: 401/403 `CONFIGURATION`,
 * 400/404/409/413/422 `PROVIDER_REJECTED` with the provider's field errors, 429 `RATE_LIMITED`
 * with `retryAfterMs`, 408 `TIMEOUT`, 5xx `PROVIDER_UNAVAILABLE`. Shared by the axios path
 * (server adapters) and the `fetch` path (universal adapters).
 */
export function errorFromResponse(response: ProviderResponse, options: ResponseErrorOptions): EscalationError {
  const { provider, status, body } = response;
  const details = { ...(options.errorDetails?.(body) ?? {}) };
  const base = { status, details };
  if (status === 401 || status === 403) {
    const cause = options.describeAuthFailure ?? 'check the credentials and the account name';
    return new EscalationError('CONFIGURATION', `${provider} refused the request (HTTP ${status}): ${cause}`, base);
  }
  if (status === 429) {
    const wait = retryAfterMs(response, options.now);
    return new EscalationError('RATE_LIMITED', `${provider} is rate limiting requests (HTTP 429)`, {
      ...base,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  if (status === 408) return new EscalationError('TIMEOUT', `${provider} timed out (HTTP 408)`, base);
  if (status >= 500) {
    // A 503 says the provider did not take the request; other 5xx may have created something,
    // whether or not repeating it is safe: "may exist" and "safe to retry" are separate facts.
    const mayExist = status !== 503;
    return new EscalationError('PROVIDER_UNAVAILABLE', `${provider} failed (HTTP ${status})`, {
      ...base,
      retryable: options.safeToRetry || !mayExist,
      details: mayExist ? { ...details, ambiguous: true } : details,
    });
  }
  const summary = typeof details.message === 'string' ? `: ${details.message}` : '';
  return new EscalationError('PROVIDER_REJECTED', `${provider} rejected the request (HTTP ${status})${summary}`, base);
}

/**
 * How long to wait before trying again, in ms, from a response's `Retry-After` (seconds or an
 * HTTP date), else `X-RateLimit-Reset` (Unix seconds); `undefined` without either.
 */
export function retryAfterMs(response: Pick<ProviderResponse, 'header'>, now: () => number = Date.now): number | undefined {
  const retryAfterHeader = response.header('retry-after');
  if (retryAfterHeader) {
    const seconds = Number(retryAfterHeader);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(retryAfterHeader);
    if (!Number.isNaN(date)) return Math.max(0, date - now());
  }
  const reset = Number(response.header('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now());
  return undefined;
}
