import type { EscalationContext } from '@pillar/escalation-core';
import { escalationMarker } from './emulator/truth';

/** How many users the escalations of a run come from. */
export const CHAOS_USERS = 97;

/** Who escalation `index` comes from: a few escalations per user, as in a real app. */
export function chaosUser(index: number): { id: string; email: string; name: string } {
  const n = index % CHAOS_USERS;
  return { id: `user-${n}`, email: `user${n}@example.com`, name: `Chaos User ${n}` };
}

/**
 * The conversation of escalation `index`. A third have no conversation id, and escalations of
 * one user share their opening line and message count: only a later message (which carries the
 * escalation's marker) tells them apart, so a key that ignores content would merge them.
 */
export function chaosContext(index: number): EscalationContext {
  const user = chaosUser(index);
  return {
    conversationId: index % 3 === 0 ? null : `conv-${index}`,
    messages: [
      { role: 'user', content: 'I cannot export my invoices to CSV, the button does nothing.' },
      { role: 'assistant', content: 'Try Settings, then Billing, then Export, and pick the date range again.' },
      { role: 'user', content: `It still fails for the range I need (${escalationMarker(index)}). Can a person look at it?` },
    ],
    user,
    page: { url: 'https://app.example.com/billing', title: 'Billing' },
    reason: 'human_requested',
  };
}
