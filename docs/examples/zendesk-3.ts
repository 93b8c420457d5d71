import { zendeskTicket } from '@pillar/escalation-zendesk/server';

// Server only: the API token acts as the agent who owns it.
export const zendeskTickets = zendeskTicket({
  subdomain: 'acme',
  auth: { email: 'support-bot@acme.com', apiToken: process.env.ZENDESK_API_TOKEN ?? '' },
  fields: { conversationId: 360001234568, reason: 360001234569, plan: 360001234570, pageUrl: 360001234571 },
  tags: (context) => ['pillar-escalation', `reason-${context.reason ?? 'other'}`],
  priority: (context) => (context.user?.plan === 'enterprise' ? 'high' : undefined),
  type: 'question',
});
