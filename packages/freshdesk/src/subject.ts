import { titleFromContext, truncateText, type EscalationContext } from '@pillar/escalation-core';

/** Freshdesk's subject column holds 255 characters. */
export const FRESHDESK_SUBJECT_MAX = 255;

/** What an adapter's `subject` option accepts: a fixed text or one built from the context. */
export type FreshdeskSubject = string | ((context: EscalationContext) => string);

/** Used when the conversation has no user message to name the ticket after. */
export const DEFAULT_FRESHDESK_SUBJECT = 'Help request from the in-app assistant';

/** The ticket subject: the option's, else the first user message; one line, at most 255 characters. */
export function subjectFor(context: EscalationContext, subject: FreshdeskSubject | undefined): string {
  if (subject === undefined) {
    return titleFromContext(context, { maxLength: FRESHDESK_SUBJECT_MAX, fallback: DEFAULT_FRESHDESK_SUBJECT });
  }
  const text = (typeof subject === 'function' ? subject(context) : subject).replace(/\s+/g, ' ').trim();
  return truncateText(text || DEFAULT_FRESHDESK_SUBJECT, FRESHDESK_SUBJECT_MAX);
}
