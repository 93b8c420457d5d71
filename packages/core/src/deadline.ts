import { EscalationError, isEscalationError } from './errors';

// Deadlines travel on the AbortSignal every adapter already passes down (`DeliverOptions.signal`),
// so a budget set by the registry or the relay clips the timeouts of `withRetry`, `sendJson` and
// `postJson` below it without any new parameter on the adapters.
const deadlines = new WeakMap<AbortSignal, number>();

/** A signal that aborts when its time budget runs out, and what to call when it is no longer needed. */
export interface DeadlineSignal {
  /** Aborts at the deadline (reason: an `EscalationError` `TIMEOUT` with `details.budget: true`) or when the parent aborts (the parent's reason). */
  readonly signal: AbortSignal;
  /** When it aborts, in ms since the epoch (the earlier of its own and the parent's). */
  readonly deadline: number;
  /** Stops the timer and unhooks it from the parent; call it once the work is done. */
  dispose(): void;
}

/**
 * A signal that aborts `budgetMs` from now, or earlier when `parent` aborts or has an earlier
 * deadline of its own: budgets nest, the inner one never outlives the outer. `timeLeft` reads
 * the deadline back anywhere the signal was passed to.
 */
export function deadlineSignal(budgetMs: number, parent?: AbortSignal): DeadlineSignal {
  const deadline = Math.min(Date.now() + Math.max(0, budgetMs), deadlineOf(parent));
  const controller = new AbortController();
  deadlines.set(controller.signal, deadline);
  const onParent = () => controller.abort(parent!.reason);
  const timer = setTimeout(() => {
    controller.abort(new EscalationError('TIMEOUT', `The time budget of ${budgetMs} ms ran out`, { details: { budget: true } }));
  }, Math.max(0, deadline - Date.now()));
  // Never keep a process alive for a budget alone.
  (timer as { unref?: () => void }).unref?.();
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    deadline,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/** The deadline a signal carries (ms since the epoch), `Infinity` when it has none. */
export function deadlineOf(signal: AbortSignal | undefined): number {
  return (signal && deadlines.get(signal)) ?? Infinity;
}

/** Milliseconds left before the signal's deadline (never below 0); `Infinity` when it has none. */
export function timeLeft(signal: AbortSignal | undefined): number {
  const deadline = deadlineOf(signal);
  return deadline === Infinity ? Infinity : Math.max(0, deadline - Date.now());
}

/** Whether the signal aborted because a time budget ran out (not because someone cancelled). */
export function budgetExpired(signal: AbortSignal | undefined): boolean {
  if (!signal?.aborted) return false;
  const reason: unknown = signal.reason;
  return (isEscalationError(reason) && reason.code === 'TIMEOUT') || (reason instanceof Error && reason.name === 'TimeoutError');
}
