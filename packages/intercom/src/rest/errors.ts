/** One entry of the `errors` array of Intercom's `error.list` body. */
export interface IntercomFieldError {
  /** Intercom's kind of error, refining the HTTP status (e.g. `unauthorized`, `rate_limit_exceeded`); `'unknown'` when the body had none. */
  code: string;
  /** Intercom's human-readable description, when it sent one. */
  message?: string;
  /** The request field or query parameter in error (e.g. `email`), when Intercom named one. */
  field?: string;
}

/**
 * Reads Intercom's error body `{ type: 'error.list', request_id, errors: [{ code, message, field? }] }`
 * into `EscalationError.details`: `{ message, requestId, errors, fieldErrors }` where
 * `fieldErrors` maps each named field to its message. Other bodies give no details.
 */
export function intercomErrorDetails(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { type, request_id: requestId, errors } = body as Record<string, unknown>;
  if (type !== 'error.list' || !Array.isArray(errors)) return undefined;
  const list: IntercomFieldError[] = [];
  for (const raw of errors) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { code, message, field } = raw as Record<string, unknown>;
    const entry: IntercomFieldError = { code: typeof code === 'string' ? code : 'unknown' };
    if (typeof message === 'string') entry.message = message;
    if (typeof field === 'string') entry.field = field;
    list.push(entry);
  }
  const details: Record<string, unknown> = { errors: list };
  if (typeof requestId === 'string') details.requestId = requestId;
  const fieldErrors: Record<string, string> = {};
  for (const entry of list) if (entry.field) fieldErrors[entry.field] = entry.message ?? entry.code;
  if (Object.keys(fieldErrors).length > 0) details.fieldErrors = fieldErrors;
  const first = list[0];
  if (first) details.message = first.message ? `${first.message} (${first.code})` : first.code;
  return details;
}
