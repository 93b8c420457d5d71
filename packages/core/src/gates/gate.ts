import type { EscalationContext } from '../context/types';

/**
 * Decides whether an option is offered for this context at this instant. Pure: the same
 * context and instant give the same answer.
 */
export type Gate = (context: EscalationContext, at: Date) => boolean | Promise<boolean>;

/** Whether a gate (or predicate) answered asynchronously. Internal: not re-exported. */
export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
