/** One entry of Freshdesk's `errors` list on a 400. */
export interface FreshdeskFieldError {
  /** The request field the error is about, as Freshdesk names it (e.g. `email`); absent when Freshdesk names none. */
  field?: string;
  /** Freshdesk's explanation of what is wrong with the field; absent when it gives none. */
  message?: string;
  /** `missing_field`, `invalid_value`, `invalid_field`, `datatype_mismatch`, … */
  code?: string;
}

/**
 * Reads a Freshdesk error body into `EscalationError.details`: a 400
 * `{ description: 'Validation failed', errors: [{ field, message, code }] }` becomes
 * `{ message, fieldErrors }`; other bodies (`{ code, message }` on 401/403) keep their code
 * and message. Anything else (HTML from a proxy, nothing) gives no details.
 */
export function freshdeskErrorDetails(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { description, errors, code, message } = body as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  if (Array.isArray(errors)) {
    const fieldErrors = errors.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null).map(fieldError);
    details.fieldErrors = fieldErrors;
    const summary = fieldErrors
      .slice(0, 3)
      .map((e) => [e.field, e.code ? `(${e.code})` : undefined].filter(Boolean).join(' '))
      .filter(Boolean)
      .join(', ');
    const head = typeof description === 'string' ? description : 'Validation failed';
    details.message = summary ? `${head}: ${summary}${fieldErrors.length > 3 ? ', …' : ''}` : head;
  } else if (typeof description === 'string') {
    details.message = description;
  } else if (typeof message === 'string') {
    details.message = message;
  }
  if (typeof code === 'string') details.providerCode = code;
  return Object.keys(details).length === 0 ? undefined : details;
}

function fieldError(raw: Record<string, unknown>): FreshdeskFieldError {
  const out: FreshdeskFieldError = {};
  for (const key of ['field', 'message', 'code'] as const) {
    if (typeof raw[key] === 'string') out[key] = raw[key];
  }
  return out;
}
