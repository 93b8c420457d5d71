import { createRegistry, type EscalationAdapter, type EscalationContext, type SummarizeBrief } from '@pillar/escalation-core';

declare const ticketAdapter: EscalationAdapter;
/** Your own model, e.g. a call to your LLM provider. */
declare function askMyModel(prompt: string): Promise<string>;

// Optional: the app's LLM writes the summary; the deterministic brief stands in when it is slow or fails.
const summarize: SummarizeBrief = (context, brief) =>
  askMyModel(
    `In three sentences for a support agent: the ask was "${brief.request?.text ?? ''}"; ` +
      `already tried: ${brief.tried.map((step) => `${step.text} (${step.outcome})`).join('; ')}.`,
  );

export const registry = createRegistry({
  options: [
    { id: 'ticket', label: 'Open a ticket', adapter: ticketAdapter },
    // The DACH team reads its tickets in German; the user's words stay as typed.
    { id: 'ticket-dach', label: 'Ticket (DACH)', adapter: ticketAdapter, agentLocale: 'de' },
  ],
  brief: { agentLocale: 'en-GB', summarize, summarizeTimeoutMs: 1_500 },
});

export async function previewTicket(context: EscalationContext) {
  const preview = await registry.previewWithSummary('ticket', context);
  // 'summary' when the model answered in time, else 'deterministic' (with fallback: 'timeout' | 'error' | 'empty').
  return { source: preview.brief.source, brief: preview.brief.brief, payload: preview.payload };
}
