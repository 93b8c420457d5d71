import type { Pillar } from '@pillar-ai/sdk';
import { fromPillarChat, type EscalationContext } from '@pillar/escalation-core';

// What every adapter receives: the conversation, and what the app knows around it.
export const context: EscalationContext = {
  conversationId: 'conv_123',
  messages: [
    { role: 'user', content: 'I was charged twice this month.', createdAt: '2026-05-04T09:30:00Z' },
    { role: 'assistant', content: 'I can see two charges on May 3. Refunds need a human.' },
  ],
  user: {
    id: 'u_42',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    plan: 'pro',
    role: 'admin',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    attributes: { seats: 12, trial: false },
  },
  page: { url: 'https://app.example.com/billing', title: 'Billing' },
  reason: 'billing',
  metadata: { accountId: 'acc_9' },
};

// In the browser, build it from Pillar's conversation (null before the first message).
export function currentContext(pillar: Pillar): EscalationContext {
  return fromPillarChat(pillar.getChatContext(), {
    user: { id: 'u_42', email: 'ada@example.com', plan: 'pro' },
    page: { url: location.href, title: document.title },
    reason: 'human_requested',
  });
}
