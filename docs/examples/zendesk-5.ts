import { createRegistry } from '@pillar/escalation-core';
import { zendeskMessenger, zendeskRequest } from '@pillar/escalation-zendesk';

// Messaging first; when an ad blocker hides it, an anonymous request still reaches support.
export const registry = createRegistry([
  {
    id: 'zendesk-chat',
    label: 'Chat with support',
    icon: 'chat',
    adapter: zendeskMessenger({ fields: { transcript: '360001234567', conversationId: '360001234568' } }),
    fallback: ['zendesk-email'],
  },
  {
    id: 'zendesk-email',
    label: 'Email support',
    icon: 'mail',
    adapter: zendeskRequest({ subdomain: 'acme' }),
  },
]);
