import type { EscalationContext } from '../context/types';

/**
 * Decides whether an option is offered for this context at this instant. Pure: the same
 * context and instant give the same answer.
 */
export type Gate = (context: EscalationContext, at: Date) => boolean | Promise<boolean>;
