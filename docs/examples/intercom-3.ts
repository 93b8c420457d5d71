import { createRegistry, relay } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';

// Browser: the Messenger first; when it is blocked (no `onShow` within 4 s, or its script
// fails to load), the same context goes to your server, which creates the conversation by REST.
export const registry = createRegistry([
  {
    id: 'chat',
    label: 'Chat with support',
    icon: 'chat',
    adapter: intercomMessenger({ appId: 'abc12def', widgetTimeoutMs: 4_000 }),
    fallback: ['message'],
  },
  {
    id: 'message',
    label: 'Message support',
    icon: 'mail',
    // On the server, the option 'message' uses intercomConversation (next example).
    adapter: relay({ endpoint: '/api/escalation', optionId: 'message' }),
  },
]);
