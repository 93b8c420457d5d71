import { truncateText, type EscalationContext } from '@pillar/escalation-core';
import { FRESHDESK_TEXT_FIELD_MAX } from './mapping';

/**
 * The user's name and email as both adapters send them to Freshdesk: trimmed, a blank value left
 * out (Freshdesk rejects an empty `email` and would show a blank name), the name cut to 255
 * characters. Shared so the ticket's requester and the widget's `identify` never disagree.
 */
export function userIdentity(context: EscalationContext): { name?: string; email?: string } {
  const name = context.user?.name?.trim();
  const email = context.user?.email?.trim();
  return { ...(name ? { name: truncateText(name, FRESHDESK_TEXT_FIELD_MAX) } : {}), ...(email ? { email } : {}) };
}
