import { EscalationError, withRetry, sleep } from '@pillar/escalation-core';

const unavailable = () => new EscalationError('PROVIDER_UNAVAILABLE', 'down');
const noJitter = () => 1;

describe('withRetry', () => {
  it('returns the first success and passes the attempt number', async () => {
    const seen: number[] = [];
    const result = await withRetry(async (attempt) => {
      seen.push(attempt);
      if (attempt < 3) throw unavailable();
      return 'ok';
    }, { baseDelayMs: 1, random: noJitter });
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops after the attempt bound and throws the last error', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw unavailable(); }, { attempts: 4, baseDelayMs: 1 })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(calls).toBe(4);
  });

  it('never retries a non-retryable error', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new EscalationError('PROVIDER_REJECTED', 'bad field'); })).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
    expect(calls).toBe(1);
  });

  it('honours retryAfterMs as the least wait', async () => {
    const delays: number[] = [];
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw new EscalationError('RATE_LIMITED', 'slow down', { retryAfterMs: 40 });
      return 'ok';
    }, { baseDelayMs: 1, onRetry: (_e, _a, delay) => delays.push(delay) });
    expect(delays).toEqual([40]);
  });

  it('backs off exponentially with the jitter source, capped at maxDelayMs', async () => {
    const delays: number[] = [];
    await expect(withRetry(async () => { throw unavailable(); }, {
      attempts: 5, baseDelayMs: 2, maxDelayMs: 10, random: noJitter, onRetry: (_e, _a, d) => delays.push(d),
    })).rejects.toThrow();
    expect(delays).toEqual([2, 4, 8, 10]);
  });

  it('gives up rather than wait past maxTotalMs', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw new EscalationError('RATE_LIMITED', 'later', { retryAfterMs: 60_000 });
    }, { maxTotalMs: 1_000 })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 60_000 });
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const run = withRetry(async () => { throw unavailable(); }, { baseDelayMs: 10_000, random: noJitter, signal: controller.signal, maxTotalMs: 60_000 });
    setTimeout(() => controller.abort(), 5);
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('does not start when already aborted', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; return 1; }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(calls).toBe(0);
  });

  it('wraps foreign errors as EscalationError', async () => {
    await expect(withRetry(async () => { throw new TypeError('boom'); }, { attempts: 2, baseDelayMs: 1 })).rejects.toBeInstanceOf(EscalationError);
  });

  it('sleep resolves after the delay and rejects on abort', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    await expect(sleep(1_000, AbortSignal.abort())).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
