/** @jest-environment jest-fixed-jsdom */
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { installZendeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { zendeskMessenger, zendeskWebWidget } from '@pillar/escalation-zendesk';

describeAdapterConformance(
  'zendesk-messenger',
  () => zendeskMessenger({ fields: { transcript: '360001', conversationId: '360002', reason: '360003', plan: '360004', pageUrl: '360005', metadata: { accountId: '360006' } }, widgetTimeoutMs: 500 }),
  {
    // Conversation fields and tags are plain text: Zendesk shows them as text.
    textFields: ['conversationFields[].value', 'conversationTags[]'],
    deliver: {
      run: true,
      setup() {
        const fake = installZendeskWidgetFake({ product: 'messenger' });
        return () => fake.uninstall();
      },
      expect(delivery) {
        expect(delivery).toEqual({ status: 'opened' });
      },
    },
  },
);

describeAdapterConformance(
  'zendesk-web-widget',
  () => zendeskWebWidget({ fields: { conversationId: 360002, reason: 360003, pageUrl: 360005 }, widgetTimeoutMs: 500 }),
  {
    // The contact form shows prefills as text in inputs and a textarea.
    textFields: ['identify.name', 'prefill.name.value', 'settings.webWidget.contactForm.fields[].prefill.*', 'settings.webWidget.contactForm.tags[]'],
    deliver: {
      run: true,
      setup() {
        const fake = installZendeskWidgetFake({ product: 'webWidget' });
        return () => fake.uninstall();
      },
      expect(delivery) {
        expect(delivery).toEqual({ status: 'opened' });
      },
    },
  },
);
