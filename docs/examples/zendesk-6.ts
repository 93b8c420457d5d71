/** @jest-environment jest-fixed-jsdom */
import { zendeskMessenger } from '@pillar/escalation-zendesk';
import { installZendeskWidgetFake } from '@pillar/escalation-testkit/fakes';

// In your own jsdom tests: a recording zE, loaded or blocked.
export async function messengerOpens(): Promise<void> {
  const fake = installZendeskWidgetFake({ product: 'messenger' });
  try {
    const adapter = zendeskMessenger({ fields: { transcript: '360001234567' } });
    const context = { conversationId: 'c1', messages: [{ role: 'user' as const, content: 'I need a refund' }] };
    await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k1' });
    expect(fake.commands()).toEqual(['messenger:set conversationFields', 'messenger:set conversationTags', 'messenger:on open', 'messenger open']);
    expect(fake.open).toBe(true);
  } finally {
    fake.uninstall();
  }
}

export async function blockedMessengerIsUnavailable(): Promise<void> {
  const fake = installZendeskWidgetFake({ product: 'messenger', mode: 'blocked' });
  try {
    const adapter = zendeskMessenger({ fields: { transcript: '360001234567' }, widgetTimeoutMs: 100 });
    const context = { conversationId: null, messages: [] };
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k2' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      details: { loaded: true },
    });
  } finally {
    fake.uninstall();
  }
}
