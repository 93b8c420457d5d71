import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { DependencyContainer } from 'tsyringe';
import { budgetExpired, timeLeft } from '../deadline';
import { EscalationError } from '../errors';
import { withRetry, type RetryOptions } from '../retry';
import { HTTP_CLIENT } from '../tokens';
import { errorFromResponse, type ResponseErrorOptions } from './error-from-response';

/** One JSON request to a provider. */
export interface JsonRequest {
  /** The HTTP method. Say whether repeating it is safe with `safeToRetry`. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The absolute URL, built with `URL` and encoded path segments (never from raw conversation text). */
  url: string;
  /**
   * Extra headers (auth, `Idempotency-Key`), sent unchanged on every try. `Accept` and, when
   * there is `data`, `Content-Type` are `application/json` unless set here.
   */
  headers?: Record<string, string>;
  /** The body, serialized as JSON; absent for none. */
  data?: unknown;
}

/** How `sendJson` sends, retries and reads failures. */
export interface SendJsonOptions extends ResponseErrorOptions {
  /** The axios instance (from `resolveHttpClient`). */
  http: AxiosInstance;
  /** Provider name for messages, e.g. `Zendesk`. */
  provider: string;
  /**
   * Per-try timeout, clipped to what is left of the retry budget (`retry.maxTotalMs`) and of a
   * deadline the signal carries. @defaultValue 10_000
   */
  timeoutMs?: number;
  /**
   * Aborts the request and any retry wait: rejects with `ABORTED` (`TIMEOUT` when the signal's
   * deadline passed, see `deadlineSignal`). Pass `DeliverOptions.signal`.
   */
  signal?: AbortSignal;
  /** Retry policy; `false` for a single try. @defaultValue the `withRetry` defaults */
  retry?: RetryOptions | false;
}

/** A provider's successful answer. */
export interface JsonResponse<T> {
  /** The HTTP status, 200–299. */
  status: number;
  /** The parsed JSON body, as axios read it (not validated: check the fields you use). */
  data: T;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

let defaultClient: AxiosInstance | undefined;

/**
 * The axios instance to use: the one passed in, else the container's `HTTP_CLIENT` (where apps
 * add proxies and interceptors), else a shared default instance.
 */
export function resolveHttpClient(from: { http?: AxiosInstance; container?: DependencyContainer } = {}): AxiosInstance {
  if (from.http) return from.http;
  if (from.container?.isRegistered(HTTP_CLIENT, true)) return from.container.resolve(HTTP_CLIENT) as AxiosInstance;
  return (defaultClient ??= axios.create());
}

/** Network failures that prove the request never reached the provider. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

/**
 * Sends one JSON request through axios with a per-try timeout, abort support and bounded
 * retries, and maps every failure to an `EscalationError` (the caller never sees an
 * AxiosError). The same headers, idempotency key included, go out on every try.
 *
 * Two facts are kept apart: `retryable` (sending the same request again is harmless: it is
 * `safeToRetry`, or the failure proves nothing was received) and `details.ambiguous` (the
 * request may have reached the provider, so something may exist: a timeout, a reset, a 500).
 * A keyed request that timed out is both: retried, and still "may exist" if every try fails.
 */
export async function sendJson<T>(request: JsonRequest, options: SendJsonOptions): Promise<JsonResponse<T>> {
  const { http, signal, timeoutMs = 10_000 } = options;
  const once = async (budgetMs: number): Promise<JsonResponse<T>> => {
    // Aborted before sending: nothing reached the provider.
    if (signal?.aborted) {
      throw budgetExpired(signal)
        ? new EscalationError('TIMEOUT', `The time budget ran out before the request to ${options.provider} was sent`, { cause: signal.reason, retryable: false })
        : new EscalationError('ABORTED', `The request to ${options.provider} was aborted before it was sent`, { cause: signal.reason });
    }
    const left = timeLeft(signal);
    const timeout = Math.min(timeoutMs, budgetMs, left);
    if (timeout <= 0) throw new EscalationError('TIMEOUT', `No time was left to send the request to ${options.provider}`, { retryable: false });
    let response: AxiosResponse<unknown>;
    try {
      response = await http.request({
        method: request.method,
        url: request.url,
        headers: { Accept: 'application/json', ...(request.data === undefined ? {} : { 'Content-Type': 'application/json' }), ...request.headers },
        data: request.data,
        timeout,
        signal,
        validateStatus: () => true,
      });
    } catch (error) {
      throw readOnly(networkError(error, options, timeout, left <= Math.min(timeoutMs, budgetMs)));
    }
    const headers = plainHeaders(response.headers);
    if (response.status >= 200 && response.status < 300) return { status: response.status, data: response.data as T, headers };
    throw readOnly(errorFromResponse(
      { provider: options.provider, status: response.status, header: (name) => headers[name.toLowerCase()], body: response.data },
      options,
    ));
  };
  // A read creates nothing: whatever happened to it, nothing "may exist" because of it.
  const readOnly = (error: EscalationError): EscalationError => {
    if (request.method !== 'GET' || error.details?.ambiguous !== true) return error;
    const { ambiguous: _, ...details } = error.details;
    return new EscalationError(error.code, error.message.replace(/; it may have been received.*$/, ''), {
      retryable: error.retryable || error.code !== 'ABORTED',
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      details,
      cause: error.cause,
    });
  };
  if (options.retry === false) return once(Infinity);
  return withRetry((_attempt, budget) => once(budget.timeLeftMs), { ...options.retry, signal });
}

/** `budgetBound`: the timeout was clipped to the signal's deadline, so a timeout means the budget ran out (its timer may not have fired yet). */
function networkError(error: unknown, options: SendJsonOptions, timeoutMs: number, budgetBound: boolean): EscalationError {
  const { provider, signal, safeToRetry } = options;
  const code = axios.isAxiosError(error) ? error.code : undefined;
  // From here on the request may have been received (unless the code proves it never left).
  const unsure = safeToRetry ? '; it may have been received' : '; it may have been received, so it was not repeated';
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  const cancelled = signal?.aborted || axios.isCancel(error) || code === 'ERR_CANCELED';
  if ((cancelled && budgetExpired(signal)) || (timedOut && budgetBound)) {
    return new EscalationError('TIMEOUT', `${provider} did not answer before the time budget ran out${unsure}`, { cause: error, retryable: false, details: { ambiguous: true, budget: true } });
  }
  if (cancelled) {
    return new EscalationError('ABORTED', `The request to ${provider} was aborted${unsure}`, { cause: error, details: { ambiguous: true } });
  }
  if (code && NOT_SENT.has(code)) {
    return new EscalationError('PROVIDER_UNAVAILABLE', `${provider} could not be reached (${code})`, { cause: error, details: { code } });
  }
  const message = timedOut ? `${provider} did not answer within ${timeoutMs} ms` : `The connection to ${provider} failed${code ? ` (${code})` : ''}`;
  return new EscalationError(timedOut ? 'TIMEOUT' : 'PROVIDER_UNAVAILABLE', `${message}${unsure}`, {
    cause: error,
    retryable: safeToRetry,
    details: { ...(code ? { code } : {}), ambiguous: true },
  });
}

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
