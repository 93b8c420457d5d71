import { handoffBrief, renderTranscript, type ChatMessage, type EscalationContext } from '@pillar/escalation-core';

// A long conversation: a greeting, the ask, four steps the user reported on, small talk, and a
// request for a person. The co-pilot's product actions come from connectPillar.
const steps: [string, string][] = [
  ['Open Reports > Exports and run the export again with the last 30 days only.', 'Did that, it still stops at 500 rows.'],
  ['Clear the filter "Region = EU" in the export settings; filters are applied before the row limit.', 'There is no filter set. Same result.'],
  ['Switch the export format from CSV to XLSX under Export options.', 'XLSX also has exactly 500 rows.'],
  ['Check Settings > Plan: the Starter plan caps exports at 500 rows.', "We're on Business, it says unlimited exports."],
];
const messages: ChatMessage[] = [
  { role: 'user', content: 'Hi there!', createdAt: '2026-12-07T09:02:00Z' },
  { role: 'assistant', content: 'Hello! How can I help you today?' },
  { role: 'user', content: 'Our CSV export of the customer list stops at 500 rows, but we have 12,400 customers. Card on file 4242 4242 4242 4242 if that matters.' },
  ...steps.flatMap(([step, report]): ChatMessage[] => [
    { role: 'assistant', content: step },
    { role: 'user', content: report },
  ]),
  ...Array.from({ length: 8 }, (_, i): ChatMessage => ({ role: i % 2 ? 'user' : 'assistant', content: i % 2 ? 'ok' : 'Let me look into the export history for you.' })),
  { role: 'assistant', content: "I'm sorry, I can't change export limits on your account." },
  { role: 'user', content: 'Then I need to talk to a person, we have a board meeting at 2 pm.', createdAt: '2026-12-07T09:41:00Z' },
];

export const context: EscalationContext = {
  conversationId: 'conv_7781',
  user: { name: 'Grace Hopper', email: 'grace@example.com', plan: 'business', role: 'admin', locale: 'en-GB', timeZone: 'Europe/Berlin' },
  page: { title: 'Customers', url: 'https://app.example.com/customers' },
  reason: 'bug',
  copilot: {
    page: '/reports/exports',
    feature: 'Exports',
    actions: [
      { name: 'run_export', outcome: 'succeeded', at: '2026-12-07T09:12:00Z' },
      { name: 'read_plan_limits', outcome: 'failed', at: '2026-12-07T09:30:00Z' },
    ],
  },
  messages,
};

export const brief = handoffBrief(context); // { request, tried, where, why, who }
export const forEnglishAgents = renderTranscript(context, { format: 'text', maxLength: 1_600 });
export const forGermanAgents = renderTranscript(context, { format: 'text', maxLength: 1_600, agentLocale: 'de' });
