import { EscalationError, type EscalationErrorCode } from '../errors';
import { errorFromResponse } from '../http/error-from-response';

const CODES: ReadonlySet<string> = new Set<EscalationErrorCode>([
  'INVALID_CONTEXT',
  'UNKNOWN_OPTION',
  'NOT_ALLOWED',
  'CONFIGURATION',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_REJECTED',
  'RATE_LIMITED',
  'TIMEOUT',
  'ABORTED',
]);

/** Network failures (Node's `fetch` names them in `cause.code`) that prove nothing was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The server's JSON error (`{ error: { code, message, retryable } }`) as the same
 * `EscalationError` (code, message, retryable, HTTP status, `retryAfterMs`); any other failed
 * answer (a proxy's HTML page, an empty 502) through `errorFromResponse`.
 */
export function relayErrorFromResponse(response: Response, text: string, url: string): EscalationError {
  const status = response.status;
  const body = parseJson(text);
  const error = (body as { error?: unknown } | undefined)?.error as
    | { code?: unknown; message?: unknown; retryable?: unknown; retryAfterMs?: unknown; details?: unknown }
    | undefined;
  if (typeof error === 'object' && error !== null && typeof error.code === 'string' && CODES.has(error.code)) {
    const retryAfterMs = typeof error.retryAfterMs === 'number' && error.retryAfterMs >= 0 ? error.retryAfterMs : retryAfterHeader(response);
    return new EscalationError(error.code as EscalationErrorCode, typeof error.message === 'string' ? error.message : `The escalation server answered HTTP ${status}`, {
      status,
      ...(typeof error.retryable === 'boolean' ? { retryable: error.retryable } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(isRecord(error.details) ? { details: error.details } : {}),
    });
  }
  if (status === 404 || status === 405) {
    return new EscalationError('CONFIGURATION', `No escalation relay answers POST ${url} (HTTP ${status}): check the relay's endpoint and the handler's basePath`, { status });
  }
  return errorFromResponse(
    { provider: 'The escalation server', status, header: (name) => response.headers.get(name), body },
    // Every relay request carries an idempotency key: repeating it never delivers twice.
    { safeToRetry: true },
  );
}

/** Why `fetch` (or reading its answer) failed, as an `EscalationError`. */
export function relayFetchError(error: unknown, how: { aborted: boolean; timedOut: boolean; timeoutMs: number; url: string }): EscalationError {
  if (how.aborted) return new EscalationError('ABORTED', 'The escalation was aborted', { cause: error });
  // The server may have received it: another option could reach a human twice (ambiguous),
  // but a retry with the same idempotency key is safe (retryable).
  if (how.timedOut) {
    return new EscalationError('TIMEOUT', `The escalation server did not answer within ${how.timeoutMs} ms`, {
      cause: error,
      retryable: true,
      details: { ambiguous: true },
    });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code === 'string' && NOT_SENT.has(code)) {
    return new EscalationError('PROVIDER_UNAVAILABLE', `The escalation server could not be reached (${code})`, { cause: error, details: { code } });
  }
  // A browser says only "Failed to fetch": refused, reset and CORS look alike.
  return new EscalationError('PROVIDER_UNAVAILABLE', `The request to the escalation server failed${typeof code === 'string' ? ` (${code})` : ''}`, {
    cause: error,
    retryable: true,
    details: { ambiguous: true, ...(typeof code === 'string' ? { code } : {}) },
  });
}

function retryAfterHeader(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
