import { EscalationError, isEscalationError, toEscalationError } from '../errors';
import { group } from '../options/group';
import type { OptionField } from '../options/option-field';
import { int } from '../options/int';
import { sleep } from '../retry';

/**
 * How long an adapter's `find` keeps looking before it answers that nothing exists. A create
 * whose answer was lost may still be in flight at the provider, and its lookup may lag behind
 * its writes: `find` looks again every `intervalMs` until `waitMs` has passed since it started.
 */
export interface FindWaitOptions {
  /** Look again until this much time has passed since `find` started, in ms; `0` for one look. */
  waitMs?: number;
  /** The pause between two looks, in ms. */
  intervalMs?: number;
}

/** One look: the record when it is there, `undefined` when the provider lists nothing. */
export type LookOnce<T> = () => Promise<T | undefined>;

/**
 * Looks a failed last look may still take once `waitMs` has passed: a lookup that faults as
 * often as one time in three would otherwise leave one escalation in three "may exist".
 */
const LATE_LOOKS = 3;

/**
 * Runs `look` until it finds something or `waitMs` has passed. Resolves `undefined` only when
 * a look that started at or after `waitMs` succeeded and found nothing. A failed look is tried
 * again: while time remains, and up to three more times after it (a fault is not an answer),
 * unless one look was asked for (`waitMs: 0`) or the provider asks to wait longer than
 * `intervalMs` (a spent rate limit).
 * When no such look succeeds, or a failure is not retryable, it rejects as "may exist"
 * (`details.ambiguous: true`).
 */
export async function lookUntil<T>(look: LookOnce<T>, wait: Required<FindWaitOptions>, signal: AbortSignal | undefined, provider: string): Promise<T | undefined> {
  const started = Date.now();
  let late = 0;
  for (;;) {
    // When this look starts: only a look that starts once the wait is over may prove absence
    // (a timer can fire a millisecond early, so the time is read, not assumed).
    const lookAt = Date.now() - started;
    let failure: EscalationError | undefined;
    try {
      const found = await look();
      if (found !== undefined) return found;
    } catch (error) {
      failure = toEscalationError(error);
      if (failure.code === 'ABORTED' || !failure.retryable) throw unsettled(failure, provider);
    }
    if (lookAt >= wait.waitMs) {
      if (!failure) return undefined;
      // One look was asked for (`waitMs: 0`), the provider asks for a longer pause than a look
      // may take (a spent rate limit), or the late looks are used up: it may exist.
      const pauseAsked = (failure.retryAfterMs ?? 0) > wait.intervalMs;
      if (wait.waitMs === 0 || pauseAsked || (late += 1) > LATE_LOOKS) throw unsettled(failure, provider);
      await sleep(wait.intervalMs, signal);
      continue;
    }
    await sleep(Math.max(0, Math.min(wait.intervalMs, wait.waitMs - (Date.now() - started))), signal);
  }
}

/** The declared `find` option of a record-creating adapter, with that adapter's defaults. */
export function findWaitField(defaults: Required<FindWaitOptions>): OptionField<Required<FindWaitOptions>, true> {
  return group({ waitMs: int({ min: 0, max: 600_000, default: defaults.waitMs }), intervalMs: int({ max: 600_000, default: defaults.intervalMs }) });
}

/** A lookup failure: the record may exist, so the escalation must not be sent again or elsewhere. */
export function unsettled(error: unknown, provider: string): EscalationError {
  const e = toEscalationError(error);
  if (e.code === 'ABORTED') return e;
  if (isEscalationError(e) && e.details?.ambiguous === true && e.message.includes('may exist')) return e;
  return new EscalationError(e.code, `${provider} could not tell whether the escalation's record exists, so it may exist: ${e.message}`, {
    retryable: e.retryable,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
    details: { ...e.details, ambiguous: true },
    cause: e,
  });
}
