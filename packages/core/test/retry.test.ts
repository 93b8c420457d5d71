import { deadlineSignal, EscalationError, mayExist, sleep, timeLeft, withRetry, withRetryReport } from '@pillar/escalation-core';

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

  it('keeps every try: the report on success, details.tries on failure', async () => {
    const report = await withRetryReport(async (attempt) => {
      if (attempt === 1) throw new EscalationError('TIMEOUT', 'slow', { details: { ambiguous: true } });
      return 'ok';
    }, { baseDelayMs: 1 });
    expect(report.value).toBe('ok');
    expect(report.tries.map((t) => [t.attempt, t.outcome, t.error?.code, t.mayHaveLanded])).toEqual([[1, 'failed', 'TIMEOUT', true], [2, 'succeeded', undefined, true]]);
  });

  it('makes ambiguity stick: a try that may have landed keeps the final error "may exist", whatever came after', async () => {
    const error = await withRetry(async (attempt) => {
      if (attempt === 2) throw new EscalationError('TIMEOUT', 'no answer', { details: { ambiguous: true } });
      throw unavailable();
    }, { attempts: 3, baseDelayMs: 1 }).catch((e: unknown) => e) as EscalationError;
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { ambiguous: true, ambiguousTries: [2] } });
    expect(error.message).toMatch(/try 2 may have reached it/);
    expect(mayExist(error)).toBe(true);
    expect((error.details!.tries as unknown[]).length).toBe(3);
  });

  it('keeps ambiguity when an abort ends the retries', async () => {
    const controller = new AbortController();
    const run = withRetry(async () => {
      throw new EscalationError('TIMEOUT', 'no answer', { details: { ambiguous: true } });
    }, { attempts: 5, baseDelayMs: 10_000, random: noJitter, signal: controller.signal, maxTotalMs: 60_000 });
    setTimeout(() => controller.abort(), 5);
    const error = await run.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(mayExist(error)).toBe(true);
  });

  it("counts the tries' own time against maxTotalMs and tells each try how much is left", async () => {
    // A fake clock: on a loaded machine two real 60 ms sleeps can outlast 148 ms and leave no room for a third try.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
      const left: number[] = [];
      const started = Date.now();
      const run = withRetry(async (_attempt, budget) => {
        left.push(budget.timeLeftMs);
        await sleep(60);
        throw unavailable();
      }, { attempts: 10, baseDelayMs: 1, random: noJitter, maxTotalMs: 150 });
      let endedAt = 0;
      const settled = expect(run.finally(() => { endedAt = Date.now(); })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
      await jest.advanceTimersByTimeAsync(1_000);
      await settled;
      // Tries at 0, 61 and 123 ms (60 ms each, backoff 1 and 2 ms): the third ends at 183 ms.
      expect(endedAt - started).toBeLessThan(260);
      // Tries of 60 ms in a 150 ms budget: the third starts with less than 40 ms left, no fourth.
      expect(left).toHaveLength(3);
      expect(left[0]).toBe(150);
      expect(left[2]!).toBeLessThan(40);
    } finally {
      jest.useRealTimers();
    }
  });

  it("takes a deadline carried by the signal as the budget when it is shorter, and gives up with the last error once no wait fits before it", async () => {
    // A fake clock: with real timers, a late try could leave a last wait ending a fraction of a millisecond
    // before the deadline, and which of the two timers fired first decided the error.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
      const budget = deadlineSignal(80);
      const left: number[] = [];
      const run = withRetry(async (_attempt, b) => {
        left.push(b.timeLeftMs);
        throw new EscalationError('RATE_LIMITED', 'later', { retryAfterMs: 20 });
      }, { attempts: 50, baseDelayMs: 1, maxTotalMs: 60_000, signal: budget.signal }).catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(1_000);
      const error = await run;
      budget.dispose();
      expect(left[0]!).toBeLessThanOrEqual(80);
      expect(error).toMatchObject({ code: 'RATE_LIMITED' });
      expect(left.length).toBeLessThanOrEqual(4);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('withRetry: one clock reading', () => {
  it("tells a try exactly the time its signal has left, even when the clock ticks just after the retries start", async () => {
    // sendJson takes a timeout clipped to the deadline for the budget running out only when the
    // try's timeLeftMs is no less than what the signal has left: a millisecond tick between two
    // readings of the clock at the start made the budget a millisecond short, and a spent budget
    // came out as an ordinary, retryable timeout.
    const budget = deadlineSignal(10_000);
    const start = Date.now();
    let readings = 0;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => (readings++ === 0 ? start : start + 1));
    try {
      const seen: Array<[number, number]> = [];
      await withRetry(async (_attempt, b) => {
        seen.push([b.timeLeftMs, timeLeft(budget.signal)]);
        return 'ok';
      }, { signal: budget.signal });
      expect(seen).toHaveLength(1);
      expect(seen[0]![0]).toBe(seen[0]![1]);
    } finally {
      clock.mockRestore();
      budget.dispose();
    }
  });
});

describe('deadlineSignal', () => {
  it('nests: an inner budget never outlives the outer one, and aborts with a TIMEOUT reason', async () => {
    const outer = deadlineSignal(30);
    const inner = deadlineSignal(10_000, outer.signal);
    expect(inner.deadline).toBe(outer.deadline);
    await sleep(60);
    expect(inner.signal.aborted).toBe(true);
    expect(inner.signal.reason).toMatchObject({ code: 'TIMEOUT', details: { budget: true } });
    await expect(sleep(1, inner.signal)).rejects.toMatchObject({ code: 'TIMEOUT' });
    outer.dispose();
    inner.dispose();
  });

  it("passes a caller's abort through as ABORTED", async () => {
    const controller = new AbortController();
    const budget = deadlineSignal(10_000, controller.signal);
    controller.abort();
    await expect(sleep(1, budget.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    budget.dispose();
  });
});
