import { firstUserMessage, resolveRedactor, truncateText, type EscalationContext, type Redactor } from '@pillar/escalation-core';
import { oneLine, tidy } from './text';

/** The default bound of the prefilled Messenger text, in UTF-16 units. */
export const DEFAULT_MESSAGE_LENGTH = 1_000;

/** The shortest bound we accept: enough for the question's start, the answer and the page. */
export const MIN_MESSAGE_LENGTH = 200;

/** When the conversation has no user message yet (the user clicked the tab straight away). */
export const NO_QUESTION_TEXT = 'I would like to talk to someone from your team.';

const ANSWER_LABEL = 'The assistant answered: ';
const PAGE_LABEL = 'Page: ';

/**
 * The plain-text message prefilled in the Messenger composer: the user's question, the
 * assistant's last answer (short) and the page, never longer than `maxLength`.
 *
 * ```text
 * How do I export my invoices as CSV? The button is greyed out.
 *
 * The assistant answered: Go to Billing → Invoices and click Export.
 * Page: Billing (https://app.example.com/billing)
 * ```
 *
 * Card numbers and secrets are masked by `redact` (core's default redactor unless told
 * otherwise). The user sends it themselves, so it stays short: the agent asks the app (or the attributes
 * set on the user) for more. Each part has its own share of the budget so a long question
 * never pushes the page out.
 */
export function messengerMessage(
  context: EscalationContext,
  maxLength = DEFAULT_MESSAGE_LENGTH,
  redact?: Redactor | false,
): string {
  const redactor = resolveRedactor(context, redact, 'messengerMessage');
  const clean = redactor ?? ((text: string) => text);
  const question = tidy(firstUserMessage(context, { redact: redactor ?? false }) ?? '') || NO_QUESTION_TEXT;
  const answer = tidy(clean(lastAssistantMessage(context) ?? ''));
  const page = clean(pageLine(context));

  // The answer and the page get at most a quarter of the budget each; the question keeps the rest.
  const share = Math.floor(maxLength / 4);
  const answerLine = answer ? truncateText(ANSWER_LABEL + oneLine(answer), share) : '';
  const pageText = page ? truncateText(PAGE_LABEL + page, share) : '';
  const footer = [answerLine, pageText].filter(Boolean).join('\n');
  const questionBudget = maxLength - (footer ? footer.length + 2 : 0);
  const text = footer ? `${truncateText(question, questionBudget)}\n\n${footer}` : truncateText(question, maxLength);
  // The parts were bounded separately; this only guards the arithmetic.
  return truncateText(text, maxLength);
}

function lastAssistantMessage(context: EscalationContext): string | undefined {
  for (let i = context.messages.length - 1; i >= 0; i--) {
    const message = context.messages[i];
    if (message?.role === 'assistant' && message.content.trim()) return message.content;
  }
  return undefined;
}

function pageLine(context: EscalationContext): string {
  const title = oneLine(context.page?.title ?? '');
  const url = oneLine(context.page?.url ?? '');
  if (title && url) return `${title} (${url})`;
  return title || url;
}
