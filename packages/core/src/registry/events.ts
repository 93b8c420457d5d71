import type { EscalationContext } from '../context/types';
import type { EscalationError } from '../errors';
import type { Delivery } from '../adapter';

/** One try at one option, as the result and the events report it. */
export interface EscalationAttempt {
  optionId: string;
  kind?: string;
  /** `delivered`, `failed`, or `skipped` (a fallback whose gate refused this user, or that does not exist). */
  outcome: 'delivered' | 'failed' | 'skipped';
  error?: { code: EscalationError['code']; message: string; retryable: boolean; ambiguous?: boolean };
  durationMs: number;
}

/** What `escalate` resolves with. */
export interface EscalationResult {
  /** The option that delivered (a fallback when the first one failed). */
  optionId: string;
  /** The option the caller asked for. */
  requestedOptionId: string;
  kind: string;
  status: Delivery['status'];
  reference?: Delivery['reference'];
  data?: Delivery['data'];
  idempotencyKey: string;
  /** Every option tried, in order. */
  attempts: EscalationAttempt[];
}

/** The events the registry emits, with their payloads. */
export interface EscalationEvents {
  'escalation:start': { optionId: string; context: EscalationContext; idempotencyKey: string };
  'escalation:success': { result: EscalationResult };
  'escalation:failure': { optionId: string; error: EscalationError; attempts: EscalationAttempt[] };
  'escalation:fallback': { from: string; to: string; error: EscalationError };
}

export type EscalationEventName = keyof EscalationEvents;
export type EscalationListener<E extends EscalationEventName> = (event: EscalationEvents[E]) => void;
