import { FRESHDESK_PRIORITY, freshdeskTicket } from '@pillar/escalation-freshdesk/server';

// Server only: the API key acts as an agent of your account.
export const freshdeskTickets = freshdeskTicket({
  domain: 'acme', // or 'acme.freshdesk.com'
  apiKey: process.env.FRESHDESK_API_KEY ?? '',
  fields: {
    reason: 'cf_reason',
    plan: 'cf_plan',
    conversationId: 'cf_conversation_id',
    pageUrl: 'cf_page_url',
    metadata: { accountId: 'cf_account_id' },
  },
  priority: (context) => (context.reason === 'billing' || context.user?.plan === 'enterprise' ? FRESHDESK_PRIORITY.high : FRESHDESK_PRIORITY.low),
  tags: (context) => ['copilot', ...(context.reason ? [`copilot-${context.reason}`] : [])],
  groupId: 43000123456,
});
