/** @jest-environment jest-fixed-jsdom */
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { installFreshdeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';

const mapping = { reason: 'cf_reason', plan: 'cf_plan', conversationId: 'cf_conversation_id', pageUrl: 'cf_page_url' };

describeAdapterConformance('@pillar/escalation-freshdesk freshdeskWidget', () => freshdeskWidget({ fields: mapping, formId: 3, hide: ['custom_fields.cf_conversation_id'] }), {
  // The widget form shows the description in a textarea: plain text, never HTML.
  textFields: [
    'prefill.subject',
    'prefill.description',
    'identify.name',
    'identify.email',
    ...Object.values(mapping).map((cf) => `prefill.custom_fields.${cf}`),
  ],
  timeoutMs: 30_000,
  deliver: {
    run: true,
    setup: () => {
      const fake = installFreshdeskWidgetFake();
      return () => fake.uninstall();
    },
    expect: (delivery) => {
      expect(delivery).toEqual({ status: 'opened' });
    },
  },
});
