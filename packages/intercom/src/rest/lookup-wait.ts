import { EscalationError, isEscalationError, sleep, toEscalationError } from '@pillar/escalation-core';

/**
 * How long `find` keeps looking before it answers that nothing exists. A create whose answer
 * was lost may still be in flight at the provider, and its lookup may lag behind its writes:
 * `find` looks again every `intervalMs` until `waitMs` has passed since it started.
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
 * Runs `look` until it finds something or `waitMs` has passed, the last look starting at or
 * after `waitMs`. Resolves `undefined` only when that last look succeeded and found nothing. A
 * failed look is tried again while time remains; the last one's failure, and any failure that
 * is not retryable, rejects as "may exist" (`details.ambiguous: true`).
 */
export async function lookUntil<T>(look: LookOnce<T>, wait: Required<FindWaitOptions>, signal: AbortSignal | undefined, provider: string): Promise<T | undefined> {
  const started = Date.now();
  for (;;) {
    let failure: EscalationError | undefined;
    try {
      const found = await look();
      if (found !== undefined) return found;
    } catch (error) {
      failure = toEscalationError(error);
      if (failure.code === 'ABORTED' || !failure.retryable) throw unsettled(failure, provider);
    }
    const elapsed = Date.now() - started;
    if (elapsed >= wait.waitMs) {
      if (failure) throw unsettled(failure, provider);
      return undefined;
    }
    await sleep(Math.min(wait.intervalMs, wait.waitMs - elapsed), signal);
  }
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
