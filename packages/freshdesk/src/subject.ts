import { resolveOption, string, titleFromContext, truncateText, valueOrFn, type EscalationContext } from '@pillar/escalation-core';
import { FRESHDESK_SUBJECT_MAX } from './limits';

export { FRESHDESK_SUBJECT_MAX } from './limits';

/** What an adapter's `subject` option accepts: a fixed text or one built from the context. */
export type FreshdeskSubject = string | ((context: EscalationContext) => string);

/** Used when the conversation has no user message to name the ticket after. */
export const DEFAULT_FRESHDESK_SUBJECT = 'Help request from the in-app assistant';

/** The ticket subject: the option's, else the first user message; one line, at most 255 characters. */
export function subjectFor(adapter: string, context: EscalationContext, subject: FreshdeskSubject | undefined): string {
  if (subject === undefined) {
    return titleFromContext(context, { maxLength: FRESHDESK_SUBJECT_MAX, fallback: DEFAULT_FRESHDESK_SUBJECT });
  }
  const text = resolveOption(adapter, 'subject', subject, context, subjectField).replace(/\s+/g, ' ').trim();
  return truncateText(text || DEFAULT_FRESHDESK_SUBJECT, FRESHDESK_SUBJECT_MAX);
}

/** The `subject` option: a text, or a function of the context returning one (cut to 255 characters on one line). */
export const subjectField = valueOrFn<string, false>(string({ expects: 'a non-empty string (the subject)' }));
