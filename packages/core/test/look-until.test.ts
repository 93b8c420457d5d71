import { EscalationError, mayExist } from '@pillar/escalation-core';
import { lookUntil, unsettled } from '@pillar/escalation-core/http';

const wait = { waitMs: 30, intervalMs: 5 };
const fault = () => new EscalationError('PROVIDER_UNAVAILABLE', 'lookup 503');

/** A look that answers from a script: a value, `undefined` (nothing listed) or an error. */
function scripted<T>(answers: Array<T | undefined | Error>) {
  let calls = 0;
  const look = async () => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls += 1;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { look, calls: () => calls };
}

describe('lookUntil', () => {
  it('resolves the record as soon as a look finds it', async () => {
    const s = scripted([undefined, undefined, 'T-1']);
    // A long wait, so that a loaded machine's late timers cannot end it before the third look.
    await expect(lookUntil(s.look, { waitMs: 10_000, intervalMs: 5 }, undefined, 'Acme')).resolves.toBe('T-1');
    expect(s.calls()).toBe(3);
  });

  it('answers nothing exists only after a look past the wait found nothing', async () => {
    const started = Date.now();
    const s = scripted<string>([undefined]);
    await expect(lookUntil(s.look, wait, undefined, 'Acme')).resolves.toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(wait.waitMs);
  });

  it('does not take a failed last look for an answer: it looks again after the wait', async () => {
    // Empty, empty, ..., then the look past the wait fails once, then succeeds empty.
    let calls = 0;
    const started = Date.now();
    const look = async () => {
      calls += 1;
      if (Date.now() - started >= wait.waitMs && calls % 2 === 1) throw fault();
      return undefined;
    };
    await expect(lookUntil(look, wait, undefined, 'Acme')).resolves.toBeUndefined();
  });

  it('stays "may exist" when every late look fails too', async () => {
    const s = scripted<string>([fault()]);
    const error = await lookUntil(s.look, wait, undefined, 'Acme').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EscalationError);
    expect(mayExist(error as EscalationError)).toBe(true);
    expect((error as EscalationError).message).toMatch(/^Acme could not tell whether the escalation's record exists, so it may exist/);
  });

  it('takes no late look when one look was asked for, or the provider asks for a long pause', async () => {
    const once = scripted<string>([fault()]);
    await expect(lookUntil(once.look, { waitMs: 0, intervalMs: 5 }, undefined, 'Acme')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(once.calls()).toBe(1);
    const limited = scripted<string>([new EscalationError('RATE_LIMITED', '429', { retryAfterMs: 30_000 })]);
    await expect(lookUntil(limited.look, { waitMs: 0, intervalMs: 5 }, undefined, 'Acme')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 30_000 });
    const spent = scripted<string>([undefined, new EscalationError('RATE_LIMITED', '429', { retryAfterMs: 30_000 })]);
    await expect(lookUntil(spent.look, { waitMs: 5, intervalMs: 5 }, undefined, 'Acme')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('stops at once, "may exist", on a failure that is not retryable', async () => {
    const s = scripted<string>([new EscalationError('CONFIGURATION', 'bad token')]);
    const error = (await lookUntil(s.look, wait, undefined, 'Acme').catch((e: unknown) => e)) as EscalationError;
    expect(s.calls()).toBe(1);
    expect(error.code).toBe('CONFIGURATION');
    expect(mayExist(error)).toBe(true);
  });

  it('honours the signal between looks', async () => {
    const controller = new AbortController();
    const s = scripted<string>([undefined]);
    const pending = lookUntil(s.look, { waitMs: 10_000, intervalMs: 1_000 }, controller.signal, 'Acme');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('keeps an error that already says "may exist" as it is', () => {
    const once = unsettled(fault(), 'Acme');
    expect(unsettled(once, 'Acme')).toBe(once);
  });
});
