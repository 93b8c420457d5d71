import { zendeskWebWidget } from '@pillar/escalation-zendesk';

// Browser: the Classic Web Widget snippet is already on the page.
export const contactForm = zendeskWebWidget({
  fields: { conversationId: 360001234568, plan: 360001234570 },
  readOnlyIdentity: true,
});
