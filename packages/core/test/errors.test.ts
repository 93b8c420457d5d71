import { EscalationError, isEscalationError, toEscalationError } from '@pillar/escalation-core';

describe('EscalationError', () => {
  it('defaults retryable by code', () => {
    expect(new EscalationError('PROVIDER_UNAVAILABLE', 'down').retryable).toBe(true);
    expect(new EscalationError('RATE_LIMITED', 'slow down').retryable).toBe(true);
    expect(new EscalationError('TIMEOUT', 'late').retryable).toBe(true);
    expect(new EscalationError('PROVIDER_REJECTED', 'no').retryable).toBe(false);
    expect(new EscalationError('INVALID_CONTEXT', 'bad').retryable).toBe(false);
  });

  it('keeps status, retryAfterMs, details and cause, and serializes without the cause', () => {
    const cause = new Error('socket hang up');
    const error = new EscalationError('RATE_LIMITED', 'slow down', { status: 429, retryAfterMs: 2000, details: { a: 1 }, cause });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'RATE_LIMITED', message: 'slow down', retryable: true, status: 429, retryAfterMs: 2000, details: { a: 1 },
    });
  });

  it('names the option with withOption without losing the rest', () => {
    const error = new EscalationError('TIMEOUT', 'late', { status: 504 }).withOption('zendesk');
    expect(error).toMatchObject({ code: 'TIMEOUT', optionId: 'zendesk', status: 504, retryable: true });
  });

  it('wraps foreign errors and maps aborts', () => {
    const abort = new Error('stop');
    abort.name = 'AbortError';
    expect(toEscalationError(abort).code).toBe('ABORTED');
    const wrapped = toEscalationError(new TypeError('x is undefined'));
    expect(wrapped.code).toBe('PROVIDER_UNAVAILABLE');
    expect(wrapped.message).toContain('x is undefined');
    expect(isEscalationError(wrapped)).toBe(true);
    expect(isEscalationError(new Error('plain'))).toBe(false);
  });
});
