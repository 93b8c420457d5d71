import { renderTranscript, titleFromContext, type EscalationContext } from '@pillar/escalation-core';

// Inside an adapter's toPayload: the provider's limits, in UTF-16 units (what string.length counts).
export function ticketFields(context: EscalationContext) {
  return {
    subject: titleFromContext(context, { maxLength: 150, fallback: 'Help request from the app' }),
    description: renderTranscript(context, { format: 'html', maxLength: 50_000 }),
  };
}
