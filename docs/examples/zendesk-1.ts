import { zendeskMessenger } from '@pillar/escalation-zendesk';

// Browser: the Messaging snippet (<script id="ze-snippet" ...>) is already on the page.
export const chatWithSupport = zendeskMessenger({
  // Custom ticket fields from Admin Center; the transcript one is a multi-line text field.
  fields: {
    transcript: '360001234567',
    conversationId: '360001234568',
    reason: '360001234569',
  },
  tags: (context) => ['pillar-escalation', ...(context.user?.plan ? [`plan-${context.user.plan}`] : [])],
  widgetTimeoutMs: 3_000,
});
