// Boot a registry once, at app start.
import 'reflect-metadata';
import { createRegistry, plans, type EscalationContext } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { relay } from '@pillar/escalation-core';

export const registry = createRegistry([
  {
    id: 'support',
    label: 'Talk to Support',
    icon: 'support',
    adapter: intercomMessenger({ appId: 'abc123' }),
    fallback: ['ticket'],
  },
  {
    id: 'ticket',
    label: 'Open a ticket',
    icon: 'mail',
    // The Zendesk token lives on your server; the browser relays to it.
    adapter: relay({ endpoint: '/api/escalation' }),
  },
  {
    id: 'call',
    label: 'Schedule a call',
    icon: 'calendar',
    adapter: calendlyScheduling({ url: 'https://calendly.com/acme/support', answers: { a1: 'summary' } }),
    when: plans(['pro', 'enterprise']),
  },
]);

export const context: EscalationContext = {
  conversationId: 'conv_123',
  messages: [
    { role: 'user', content: 'I was charged twice this month.' },
    { role: 'assistant', content: 'I can see two charges on May 3. Refunds need a human.' },
  ],
  user: { id: 'u_42', name: 'Ada', email: 'ada@example.com', plan: 'pro' },
  page: { url: 'https://app.example.com/billing', title: 'Billing' },
};
