import { truncateText, type EscalationContext } from '@pillar/escalation-core';

// Freshdesk documents no limit for a contact's name (the Tickets API lists none, and no spec is
// published); we keep it to 255 like Freshdesk's single-line text fields, so a pasted essay never
// becomes a name. Not FRESHDESK_TEXT_FIELD_MAX: that one is the custom field limit, and may change alone.
const REQUESTER_NAME_MAX = 255;

/**
 * The user's name and email as both adapters send them to Freshdesk: trimmed, a blank value left
 * out (Freshdesk rejects an empty `email` and would show a blank name), the name cut to
 * `REQUESTER_NAME_MAX` (255) characters. Shared so the ticket's requester and the widget's `identify` never disagree.
 */
export function userIdentity(context: EscalationContext): { name?: string; email?: string } {
  const name = context.user?.name?.trim();
  const email = context.user?.email?.trim();
  return { ...(name ? { name: truncateText(name, REQUESTER_NAME_MAX) } : {}), ...(email ? { email } : {}) };
}
