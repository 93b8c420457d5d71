import { isEscalationError, type EscalationError, type EscalationErrorCode } from '@pillar/escalation-core';

/**
 * One HTTP answer before it becomes a `Response`: plain data, so an idempotency store can keep
 * it as JSON and a replay sends the very same bytes.
 */
export interface RelayAnswer {
  /** The HTTP status: 201 for a delivered escalation (200 for the options list), else the failure's (see {@link statusForError}). */
  status: number;
  /** The JSON body, already serialized. */
  body: string;
  /** `Retry-After`, in seconds, when the answer has one. */
  retryAfter?: number;
}

/** What the browser reads for each code when the real message is the server's business. */
const PUBLIC_MESSAGES: Record<EscalationErrorCode, string> = {
  INVALID_CONTEXT: 'The escalation request is invalid',
  UNKNOWN_OPTION: 'This escalation option does not exist',
  NOT_ALLOWED: 'This escalation option is not available to you now',
  CONFIGURATION: 'The escalation service is not configured correctly; the error was logged on the server',
  PROVIDER_UNAVAILABLE: 'The support service is unavailable; try again in a moment',
  PROVIDER_REJECTED: 'The support service refused the escalation',
  RATE_LIMITED: 'The support service is busy; try again in a moment',
  TIMEOUT: 'The support service did not answer in time',
  ABORTED: 'The escalation was aborted',
};

/** Longest message passed through to the browser. */
const MAX_MESSAGE = 500;

/**
 * The HTTP status for an escalation failure:
 * `INVALID_CONTEXT` 400 (413 when over a size limit, 500 when an adapter crashed on it), `NOT_ALLOWED` 403, `UNKNOWN_OPTION` 404,
 * `CONFIGURATION` 500 (the server is misconfigured), `PROVIDER_REJECTED` 502,
 * `PROVIDER_UNAVAILABLE` 503 (502 when ambiguous: the provider may have received it),
 * `RATE_LIMITED` from the provider 503, `TIMEOUT` 504, `ABORTED` 503.
 */
export function statusForError(error: EscalationError): number {
  switch (error.code) {
    case 'INVALID_CONTEXT':
      // An adapter that crashes on a validated context is the server's bug, not the request's.
      if (crashed(error)) return 500;
      return error.details?.reason === 'limit' ? 413 : 400;
    case 'NOT_ALLOWED':
      return 403;
    case 'UNKNOWN_OPTION':
      return 404;
    case 'CONFIGURATION':
      return 500;
    case 'PROVIDER_REJECTED':
      return 502;
    case 'PROVIDER_UNAVAILABLE':
      return error.details?.ambiguous === true ? 502 : 503;
    case 'RATE_LIMITED':
      return 503;
    case 'TIMEOUT':
      return 504;
    case 'ABORTED':
      return 503;
    default:
      return 500;
  }
}

/**
 * The body the browser gets for a failure. Messages about the request itself (an invalid
 * context, a gate) are passed on; everything about the provider or the server's configuration
 * is replaced by a fixed sentence, so no token, stack, account name or provider answer leaks.
 * `overrides` sets `retryable` (and a `Retry-After` when the error has none), e.g. for an
 * ambiguous failure that a retry reconciles.
 */
export function errorAnswer(error: EscalationError, status = statusForError(error), overrides: { retryable?: boolean; retryAfter?: number } = {}): RelayAnswer {
  const body: { code: EscalationErrorCode; message: string; retryable: boolean; retryAfterMs?: number; details?: Record<string, unknown> } = {
    code: error.code,
    message: publicMessage(error),
    retryable: overrides.retryable ?? error.retryable,
  };
  const retryAfter = error.retryAfterMs === undefined ? overrides.retryAfter : Math.max(1, Math.ceil(error.retryAfterMs / 1000));
  if (retryAfter !== undefined) body.retryAfterMs = retryAfter * 1000;
  const details = publicDetails(error);
  if (details) body.details = details;
  return { status, body: JSON.stringify({ error: body }), ...(retryAfter === undefined ? {} : { retryAfter }) };
}

/** A failure of the relay itself (route, method, media type, size), never of an option. */
export function requestError(status: number, code: EscalationErrorCode, message: string, extra: { retryable?: boolean; retryAfter?: number; details?: Record<string, unknown> } = {}): RelayAnswer {
  const body: Record<string, unknown> = { code, message, retryable: extra.retryable ?? false };
  if (extra.retryAfter !== undefined) body.retryAfterMs = extra.retryAfter * 1000;
  if (extra.details) body.details = extra.details;
  return { status, body: JSON.stringify({ error: body }), ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter }) };
}

/** The message the browser may read for this error. */
export function publicMessage(error: EscalationError): string {
  // The browser's own input: it needs to know what to fix. Not when an adapter crashed on it.
  if ((error.code === 'INVALID_CONTEXT' && !crashed(error)) || error.code === 'NOT_ALLOWED') {
    return error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE - 1)}…` : error.message;
  }
  return PUBLIC_MESSAGES[error.code] ?? PUBLIC_MESSAGES.CONFIGURATION;
}

/** Only the facts the browser can act on: where its context is wrong, and whether it may be a duplicate. */
function publicDetails(error: EscalationError): Record<string, unknown> | undefined {
  const d = error.details;
  if (!d) return undefined;
  if (error.code === 'INVALID_CONTEXT' && !crashed(error)) {
    const out: Record<string, unknown> = {};
    for (const key of ['path', 'reason', 'limit', 'max'] as const) if (d[key] !== undefined) out[key] = d[key];
    return Object.keys(out).length ? out : undefined;
  }
  return d.ambiguous === true ? { ambiguous: true } : undefined;
}

/** An adapter threw something that was not an EscalationError and the registry wrapped it. */
function crashed(error: EscalationError): boolean {
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && !isEscalationError(cause);
}
