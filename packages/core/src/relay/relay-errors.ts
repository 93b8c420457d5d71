import { EscalationError, type EscalationErrorCode } from '../errors';
import { errorFromResponse, retryAfterMs } from '../http/error-from-response';
import type { JsonAnswer } from '../http/post-json';

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

/**
 * The server's JSON error (`{ error: { code, message, retryable } }`) as the same
 * `EscalationError` (code, message, retryable, HTTP status, `retryAfterMs`); any other failed
 * answer (a proxy's HTML page, an empty 502) through `errorFromResponse`.
 */
export function relayErrorFromResponse(answer: JsonAnswer, url: string): EscalationError {
  const { status, body } = answer;
  const error = (body as { error?: unknown } | undefined)?.error as
    | { code?: unknown; message?: unknown; retryable?: unknown; retryAfterMs?: unknown; details?: unknown }
    | undefined;
  if (typeof error === 'object' && error !== null && typeof error.code === 'string' && CODES.has(error.code)) {
    const wait = typeof error.retryAfterMs === 'number' && error.retryAfterMs >= 0 ? error.retryAfterMs : retryAfterMs(answer);
    return new EscalationError(error.code as EscalationErrorCode, typeof error.message === 'string' ? error.message : `The escalation server answered HTTP ${status}`, {
      status,
      ...(typeof error.retryable === 'boolean' ? { retryable: error.retryable } : {}),
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
      ...(isRecord(error.details) ? { details: error.details } : {}),
    });
  }
  if (status === 404 || status === 405) {
    return new EscalationError('CONFIGURATION', `No escalation relay answers POST ${url} (HTTP ${status}): check the relay's endpoint and the handler's basePath`, { status });
  }
  return errorFromResponse(
    { provider: 'The escalation server', status, header: answer.header, body },
    // Every relay request carries an idempotency key: repeating it never delivers twice.
    { safeToRetry: true },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
