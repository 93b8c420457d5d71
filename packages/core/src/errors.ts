/**
 * Every way an escalation can fail, as a stable string the caller can switch on.
 *
 * Only `PROVIDER_UNAVAILABLE`, `RATE_LIMITED` and `TIMEOUT` are retryable by default, and only
 * they (and an adapter's `INVALID_CONTEXT`: it needs a value this context lacks) make
 * `registry.escalate` try the option's `fallback`, and never while the escalation "may exist"
 * (see {@link mayExist}). Every other code ends the escalation at once.
 */
export type EscalationErrorCode =
  /**
   * The context is malformed: `parseContext`/`fromPillarChat` got bad input (`details` is a
   * {@link ContextIssue} naming the path), `escalate` got no `conversationId`/`messages`, or an
   * adapter's `toPayload` threw (it needs a value this context lacks, e.g. `user.email`: then
   * the `fallback` options take over, since nothing was sent). Not retryable.
   */
  | 'INVALID_CONTEXT'
  /** No option with that id is registered (`escalate`, `preview`). Not retryable, no fallback. */
  | 'UNKNOWN_OPTION'
  /**
   * The option's `when` gate refuses this user at this time (`escalate` re-checks it, and so does
   * the server relay). Not retryable, no fallback.
   */
  | 'NOT_ALLOWED'
  /**
   * The app is set up wrong: a malformed option or adapter options, a duplicate option id, a bad
   * business-hours spec, credentials the provider refuses (HTTP 401/403), a relay endpoint that
   * answers 404. Usually thrown at construction; fix the code or the secrets. Not retryable, no
   * fallback.
   */
  | 'CONFIGURATION'
  /**
   * The provider cannot be reached or failed: a widget that is blocked or never loads, a network
   * error, HTTP 5xx. Retryable, and the `fallback` options take over (unless ambiguous).
   */
  | 'PROVIDER_UNAVAILABLE'
  /**
   * The provider answered and refused the payload (HTTP 400, 404, 409, 413, 422); `details` holds
   * its field errors. Retrying sends the same thing, so: not retryable, no fallback.
   */
  | 'PROVIDER_REJECTED'
  /** The provider answered HTTP 429; `retryAfterMs` says how long it asked to wait. Retryable, falls back. */
  | 'RATE_LIMITED'
  /**
   * No answer within the timeout or the time budget (or HTTP 408). Retryable and falls back,
   * unless the request may have been received (`details.ambiguous`).
   */
  | 'TIMEOUT'
  /** The caller's `AbortSignal` fired. Not retryable, no fallback. */
  | 'ABORTED';

/** Codes that are worth another try by default (the same request may succeed later). */
const RETRYABLE_BY_DEFAULT: ReadonlySet<EscalationErrorCode> = new Set([
  'PROVIDER_UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
]);

/** The optional facts of an {@link EscalationError}, as its constructor takes them. */
export interface EscalationErrorOptions {
  /**
   * Whether the same request may succeed if tried again.
   * @defaultValue `true` for `PROVIDER_UNAVAILABLE`, `RATE_LIMITED` and `TIMEOUT`, else `false`
   */
  retryable?: boolean;
  /** The option the failure belongs to, when known. */
  optionId?: string;
  /** The provider's HTTP status, when there was one. */
  status?: number;
  /** How long the provider asked us to wait before the next try, in ms (from `Retry-After`). */
  retryAfterMs?: number;
  /** Structured, JSON-serializable facts about the failure (field errors, `ambiguous`, ...). */
  details?: Record<string, unknown>;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The only error type this library throws or rejects with. Adapters map every provider
 * failure to one of these, so callers never see a raw `AxiosError` or a widget's own error.
 */
export class EscalationError extends Error {
  /** Always `'EscalationError'`; {@link isEscalationError} checks it to recognise errors from another copy of core. */
  override readonly name = 'EscalationError';
  /** What went wrong, as a stable string to switch on (the message is for people and may change). */
  readonly code: EscalationErrorCode;
  /**
   * Whether sending the same request to the same provider again is harmless and may succeed;
   * `withRetry` retries only these. By default true for `PROVIDER_UNAVAILABLE`, `RATE_LIMITED`
   * and `TIMEOUT`; false when repeating could create a duplicate (an ambiguous failure of a
   * request without an idempotency key). It says nothing about whether something was created:
   * that is `details.ambiguous` (see {@link mayExist}).
   */
  readonly retryable: boolean;
  /** The option that failed (after a fallback: the last one tried), when known. */
  readonly optionId?: string;
  /** The HTTP status the provider (or the server relay) answered, when there was an answer. */
  readonly status?: number;
  /** How long to wait before trying again, in ms, when the provider said (`Retry-After`, `X-RateLimit-Reset`). */
  readonly retryAfterMs?: number;
  /**
   * JSON-serializable facts: a {@link ContextIssue} for `INVALID_CONTEXT`, the provider's field
   * errors for `PROVIDER_REJECTED`, `ambiguous: true` when the request may have reached the
   * provider (something may exist, whether or not a retry is safe), `unresolved: true` when the
   * registry could not find out (`adapter.find` failed or is missing), `tries` after retries,
   * `attempts` after a failed fallback chain.
   */
  readonly details?: Record<string, unknown>;

  constructor(code: EscalationErrorCode, message: string, options: EscalationErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    if (options.optionId !== undefined) this.optionId = options.optionId;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.details !== undefined) this.details = options.details;
  }

  /** A copy of this error that names the option it belongs to. */
  withOption(optionId: string): EscalationError {
    if (this.optionId === optionId) return this;
    return new EscalationError(this.code, this.message, { ...this.toOptions(), optionId, cause: this.cause ?? this });
  }

  /** A plain object that survives `JSON.stringify` (the relay sends errors this way). */
  toJSON(): {
    /** See {@link EscalationError.code}. */
    code: EscalationErrorCode;
    /** The human-readable message. */
    message: string;
    /** See {@link EscalationError.retryable}. */
    retryable: boolean;
    /** See {@link EscalationError.optionId}. */
    optionId?: string;
    /** See {@link EscalationError.status}. */
    status?: number;
    /** See {@link EscalationError.retryAfterMs}. */
    retryAfterMs?: number;
    /** See {@link EscalationError.details}. */
    details?: Record<string, unknown>;
  } {
    return { code: this.code, message: this.message, ...this.toOptions() } as ReturnType<EscalationError['toJSON']>;
  }

  private toOptions(): EscalationErrorOptions {
    const o: EscalationErrorOptions = { retryable: this.retryable };
    if (this.optionId !== undefined) o.optionId = this.optionId;
    if (this.status !== undefined) o.status = this.status;
    if (this.retryAfterMs !== undefined) o.retryAfterMs = this.retryAfterMs;
    if (this.details !== undefined) o.details = this.details;
    return o;
  }
}

/**
 * Whether the failed escalation may nevertheless exist at the provider (`details.ambiguous`):
 * a request that may have been received, and that no lookup has shown to be absent. Such a
 * failure is never followed by a fallback to another provider, and a caller must not send it
 * elsewhere either; the same key may be tried again where `retryable` says so.
 */
export function mayExist(error: unknown): boolean {
  return isEscalationError(error) && error.details?.ambiguous === true;
}

/** Type guard that also works across bundles (two copies of core) by checking the shape. */
export function isEscalationError(value: unknown): value is EscalationError {
  return (
    value instanceof EscalationError ||
    (value instanceof Error && value.name === 'EscalationError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/**
 * Turns anything thrown into an `EscalationError`: passes ours through, maps an abort to
 * `ABORTED`, and wraps the rest as `fallbackCode` with the original as `cause`.
 */
export function toEscalationError(
  error: unknown,
  fallbackCode: EscalationErrorCode = 'PROVIDER_UNAVAILABLE',
  fallbackMessage = 'The escalation failed unexpectedly',
): EscalationError {
  if (isEscalationError(error)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'CanceledError')) {
    return new EscalationError('ABORTED', 'The escalation was aborted', { cause: error });
  }
  const detail = error instanceof Error ? `: ${error.message}` : '';
  return new EscalationError(fallbackCode, `${fallbackMessage}${detail}`, { cause: error });
}
