import { createRegistry, isEscalationError, type EscalationContext } from '@pillar/escalation-core';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';

const registry = createRegistry([
  {
    id: 'freshdesk-ticket',
    label: 'Email support',
    adapter: freshdeskTicket({ domain: 'acme', apiKey: process.env.FRESHDESK_API_KEY ?? '' }),
    fallback: ['status-page'],
    // Opt in only if a possible duplicate ticket is better than no fallback:
    // fallbackOnAmbiguous: true,
  },
  // ...the 'status-page' option
]);

export async function escalateToFreshdesk(context: EscalationContext): Promise<string> {
  try {
    const result = await registry.escalate('freshdesk-ticket', context);
    return `Ticket #${result.reference?.id ?? '?'} created`;
  } catch (error) {
    if (isEscalationError(error) && error.details?.ambiguous === true) {
      // The request reached Freshdesk (or may have): the ticket may exist. Do not send it again;
      // tell the user support may already have it.
      return 'We could not confirm your ticket. Support may already have it: please check your email before trying again.';
    }
    throw error;
  }
}
