/** Every way an escalation can fail, as a stable string the caller can switch on. */
export type EscalationErrorCode =
  | 'INVALID_CONTEXT'
  | 'UNKNOWN_OPTION'
  | 'NOT_ALLOWED'
  | 'CONFIGURATION'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_REJECTED'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'ABORTED';

/** Codes that are worth another try by default (the same request may succeed later). */
const RETRYABLE_BY_DEFAULT: ReadonlySet<EscalationErrorCode> = new Set([
  'PROVIDER_UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
]);

export interface EscalationErrorOptions {
  /** Whether the same request may succeed if tried again. Defaults by code. */
  retryable?: boolean;
  /** The option the failure belongs to, when known. */
  optionId?: string;
  /** The provider's HTTP status, when there was one. */
  status?: number;
  /** How long the provider asked us to wait before the next try. */
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
  override readonly name = 'EscalationError';
  readonly code: EscalationErrorCode;
  readonly retryable: boolean;
  readonly optionId?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
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
  toJSON(): { code: EscalationErrorCode; message: string; retryable: boolean; optionId?: string; status?: number; retryAfterMs?: number; details?: Record<string, unknown> } {
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
