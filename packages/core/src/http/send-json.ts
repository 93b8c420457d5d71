import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { DependencyContainer } from 'tsyringe';
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
  /** Per-try timeout. @defaultValue 10_000 */
  timeoutMs?: number;
  /** Aborts the request and any retry wait: rejects with `ABORTED`. Pass `DeliverOptions.signal`. */
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
 */
export async function sendJson<T>(request: JsonRequest, options: SendJsonOptions): Promise<JsonResponse<T>> {
  const { http, signal, timeoutMs = 10_000 } = options;
  const once = async (): Promise<JsonResponse<T>> => {
    // Aborted before sending: nothing reached the provider.
    if (signal?.aborted) throw new EscalationError('ABORTED', `The request to ${options.provider} was aborted before it was sent`, { cause: signal.reason });
    let response: AxiosResponse<unknown>;
    try {
      response = await http.request({
        method: request.method,
        url: request.url,
        headers: { Accept: 'application/json', ...(request.data === undefined ? {} : { 'Content-Type': 'application/json' }), ...request.headers },
        data: request.data,
        timeout: timeoutMs,
        signal,
        validateStatus: () => true,
      });
    } catch (error) {
      throw networkError(error, options);
    }
    const headers = plainHeaders(response.headers);
    if (response.status >= 200 && response.status < 300) return { status: response.status, data: response.data as T, headers };
    throw errorFromResponse(
      { provider: options.provider, status: response.status, header: (name) => headers[name.toLowerCase()], body: response.data },
      options,
    );
  };
  if (options.retry === false) return once();
  return withRetry(once, { ...options.retry, signal });
}

function networkError(error: unknown, options: SendJsonOptions): EscalationError {
  const { provider, signal, timeoutMs = 10_000 } = options;
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (signal?.aborted || axios.isCancel(error) || code === 'ERR_CANCELED') {
    // Aborted while the request was out: a request that is not safe to repeat may have been received.
    return options.safeToRetry
      ? new EscalationError('ABORTED', `The request to ${provider} was aborted`, { cause: error })
      : new EscalationError('ABORTED', `The request to ${provider} was aborted; it may have been received`, { cause: error, details: { ambiguous: true } });
  }
  if (code && NOT_SENT.has(code)) {
    return new EscalationError('PROVIDER_UNAVAILABLE', `${provider} could not be reached (${code})`, { cause: error, details: { code } });
  }
  // The request may have reached the provider: only safe to repeat when it is idempotent.
  const ambiguous = !options.safeToRetry;
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  const message = timedOut
    ? `${provider} did not answer within ${timeoutMs} ms`
    : `The connection to ${provider} failed${code ? ` (${code})` : ''}`;
  return new EscalationError(timedOut ? 'TIMEOUT' : 'PROVIDER_UNAVAILABLE', ambiguous ? `${message}; the request may have been received, so it was not repeated` : message, {
    cause: error,
    retryable: !ambiguous,
    details: { ...(code ? { code } : {}), ...(ambiguous ? { ambiguous: true } : {}) },
  });
}

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
