import { EscalationError, errorFromResponse, type ResponseErrorOptions } from '@pillar/escalation-core';

/** One field error from a Zendesk answer, whichever of its two error shapes it came in. */
export interface ZendeskFieldError {
  /** The field it is about (`requester`, `subject`, ...), when Zendesk names one. */
  field?: string;
  /** Zendesk's code (`InvalidValue`, `BlankValue`, ...). */
  code?: string;
  /**
   * What is wrong, in Zendesk's words: the entry's `description` (or `error`) in the
   * `RecordInvalid` shape, its `detail` (or `title`, or `code`) in the `errors` shape.
   */
  message: string;
}

/** What `details` holds for a Zendesk failure. */
export interface ZendeskErrorDetails extends Record<string, unknown> {
  /** Zendesk's error name (`RecordInvalid`, `IdempotentRequestError`, ...). */
  error?: string;
  /** A one-line summary, used in the error message. */
  message?: string;
  /** Every field error the answer lists, from either error shape; absent when it lists none. */
  fieldErrors?: ZendeskFieldError[];
}

/** Which Zendesk call failed, so messages can name the likely cause. */
export interface ZendeskErrorContext {
  api: 'tickets' | 'requests';
  subdomain: string;
  /** The likely cause of a 401/403, written by the adapter that knows its credentials. */
  describeAuthFailure: string;
}

const IDEMPOTENCY_CONFLICT = 'IdempotentRequestError';

/**
 * Reads both Zendesk error shapes: `{ error, description, details: { field: [{ description,
 * error }] } }` and `{ errors: [{ code, title, detail }] }` (plus `{ error: { title, message } }`).
 */
export function zendeskErrorDetails(body: unknown): ZendeskErrorDetails | undefined {
  if (!isObject(body)) {
    // A plain-text answer is worth quoting; an HTML error page is not.
    const text = typeof body === 'string' ? body.trim() : '';
    return text && !text.startsWith('<') ? { message: text.slice(0, 300) } : undefined;
  }
  const out: ZendeskErrorDetails = {};
  const fieldErrors: ZendeskFieldError[] = [];
  let summary: string | undefined;

  if (typeof body.error === 'string') out.error = body.error;
  else if (isObject(body.error)) {
    if (typeof body.error.title === 'string') out.error = body.error.title;
    if (typeof body.error.message === 'string') summary = body.error.message;
  }
  if (typeof body.description === 'string') summary = body.description;
  if (isObject(body.details)) {
    for (const [field, entries] of Object.entries(body.details)) {
      for (const entry of Array.isArray(entries) ? entries : [entries]) {
        if (!isObject(entry)) continue;
        const message = str(entry.description) ?? str(entry.error);
        if (message) fieldErrors.push({ field, ...(str(entry.error) ? { code: str(entry.error) } : {}), message });
      }
    }
  }
  if (Array.isArray(body.errors)) {
    for (const entry of body.errors) {
      if (!isObject(entry)) continue;
      const message = str(entry.detail) ?? str(entry.title) ?? str(entry.code);
      if (!message) continue;
      const field = isObject(entry.source) ? (str(entry.source.pointer) ?? str(entry.source.parameter)) : str(entry.field);
      const code = str(entry.code);
      fieldErrors.push({ ...(field ? { field } : {}), ...(code ? { code } : {}), message });
      if (!out.error && code) out.error = code;
    }
  }
  if (fieldErrors.length) out.fieldErrors = fieldErrors;
  const parts = [summary ?? out.error, ...fieldErrors.map((e) => (e.field && !e.message.toLowerCase().startsWith(e.field.toLowerCase()) ? `${e.field}: ${e.message}` : e.message))]
    .filter((p): p is string => Boolean(p));
  if (parts.length) out.message = [...new Set(parts)].join('; ').slice(0, 500);
  return Object.keys(out).length ? out : undefined;
}

/** The options core's `errorFromResponse`/`sendJson` need to read a Zendesk failure. */
export function zendeskResponseErrorOptions(context: ZendeskErrorContext, safeToRetry: boolean): ResponseErrorOptions {
  return { safeToRetry, errorDetails: zendeskErrorDetails, describeAuthFailure: context.describeAuthFailure };
}

/**
 * Sharpens a mapped failure with what only Zendesk tells: a reused idempotency key with another
 * body (400 `IdempotentRequestError`) and a 404 (wrong subdomain or baseUrl). Anything else passes
 * through unchanged. Used by both the `fetch` path and the axios path.
 */
export function refineZendeskError(error: EscalationError, context: ZendeskErrorContext): EscalationError {
  const details = (error.details ?? {}) as ZendeskErrorDetails;
  const conflict = details.error === IDEMPOTENCY_CONFLICT || details.fieldErrors?.some((e) => e.code === IDEMPOTENCY_CONFLICT);
  if (error.status !== undefined && error.status >= 400 && error.status < 500 && conflict) {
    return new EscalationError(
      'PROVIDER_REJECTED',
      'Zendesk refused the Idempotency-Key: the same key was already used with a different ticket body (keys last about 2 hours). ' +
        'The same escalation was sent again with changed content; pass a new idempotencyKey if a second ticket is intended',
      { status: error.status, retryable: false, details: { ...details, idempotencyConflict: true }, cause: error },
    );
  }
  if (error.status === 404) {
    return new EscalationError(
      'CONFIGURATION',
      `Zendesk answered 404 for the ${context.api} endpoint: check subdomain "${context.subdomain}" and baseUrl`,
      { status: 404, details: error.details ?? {}, cause: error },
    );
  }
  return error;
}

/** What a `fetch` answer or an axios answer looks like to the mapping. */
export interface ZendeskHttpAnswer {
  status: number;
  /** Reads a header by (case-insensitive) name. */
  header(name: string): string | null | undefined;
  body?: unknown;
}

/**
 * Maps a non-2xx Zendesk answer (status, headers, body) to an `EscalationError`: core's mapping
 * (401/403 `CONFIGURATION`, 4xx `PROVIDER_REJECTED`, 429 `RATE_LIMITED` with `retryAfterMs`,
 * 5xx `PROVIDER_UNAVAILABLE`) with Zendesk's details, causes and special cases.
 */
export function zendeskErrorFromResponse(answer: ZendeskHttpAnswer, context: ZendeskErrorContext, safeToRetry: boolean): EscalationError {
  const mapped = errorFromResponse({ provider: 'Zendesk', ...answer }, zendeskResponseErrorOptions(context, safeToRetry));
  return refineZendeskError(mapped, context);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
