import { renderTranscript, type EscalationContext, type Redactor } from '@pillar/escalation-core';
import { tidy } from './text';

/** The default bound of the prefilled Messenger text, in UTF-16 units. */
export const DEFAULT_MESSAGE_LENGTH = 1_000;

/** The shortest bound we accept: enough for the brief's request and the page. */
export const MIN_MESSAGE_LENGTH = 200;

/** When the conversation has no user message yet (the user clicked the tab straight away). */
export const NO_QUESTION_TEXT = 'I would like to talk to someone from your team.';

/**
 * The plain-text message prefilled in the Messenger composer: the handoff brief first (the
 * user's request, what was tried, where, why a human, who), then as much of the conversation as
 * fits, never longer than `maxLength`, exactly like every other transcript
 * (`renderTranscript` in `text`): when the limit bites the conversation is cut first, and the
 * brief keeps at least its request.
 *
 * ```text
 * Request: How do I export my invoices as CSV? The button is greyed out.
 * Page: Billing (https://app.example.com/billing)
 * …
 *
 * User: How do I export my invoices as CSV? The button is greyed out.
 * ```
 *
 * A registry's `brief: { enabled: false }` leaves the brief out (the classic header and the
 * messages). Card numbers and secrets are masked by `redact` (core's default redactor unless
 * told otherwise); control characters are dropped (the composer shows them as boxes). The user
 * sends it themselves, so it stays short (1,000 characters by default).
 */
export function messengerMessage(context: EscalationContext, maxLength = DEFAULT_MESSAGE_LENGTH, redact?: Redactor | false): string {
  if (!context.messages.some((m) => m?.role === 'user' && typeof m.content === 'string' && m.content.trim() !== '')) return NO_QUESTION_TEXT;
  // Tidying only removes characters: the text stays within the bound.
  return tidy(renderTranscript(context, { format: 'text', maxLength, ...(redact === undefined ? {} : { redact }) }));
}
