import { freshdeskWidget } from '@pillar/escalation-freshdesk';

// Browser: the Help Widget snippet (with your widget_id) is already on the page.
export const contactSupport = freshdeskWidget({
  formId: 5,
  fields: { reason: 'cf_reason', plan: 'cf_plan', conversationId: 'cf_conversation_id' },
  // The agent needs the conversation id; the user does not need to see it.
  hide: ['custom_fields.cf_conversation_id'],
  widgetTimeoutMs: 3_000,
});
