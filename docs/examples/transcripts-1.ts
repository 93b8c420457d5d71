import { renderTranscript, type EscalationContext } from '@pillar/escalation-core';

const context: EscalationContext = {
  conversationId: 'conv_42',
  page: { title: 'Billing & invoices', url: 'https://app.example.com/billing?tab=invoices' },
  reason: 'billing',
  user: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
  messages: [
    { role: 'user', content: 'I was charged twice this month. Card 4242 4242 4242 4242.', createdAt: '2024-05-01T10:00:00Z' },
    { role: 'assistant', content: 'Sorry about that! I can see two charges:\n- May 1: $49\n- May 1: $49', createdAt: '2024-05-01T10:00:04Z' },
    { role: 'user', content: 'Yes, refund one <please> & thanks', createdAt: '2024-05-01T10:01:30Z' },
  ],
};

export const text = renderTranscript(context, { format: 'text', brief: false }); // a plain field, a Calendly answer
export const markdown = renderTranscript(context, { format: 'markdown', brief: false }); // a forum post, a Slack paste
export const html = renderTranscript(context, { format: 'html', brief: false }); // a ticket body, an internal note
