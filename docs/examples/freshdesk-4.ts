/** @jest-environment jest-fixed-jsdom */
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { installFreshdeskWidgetFake } from '@pillar/escalation-testkit/fakes';

// In your own jsdom tests: a recording FreshworksWidget, loaded or blocked.
export async function widgetOpensTheForm(): Promise<void> {
  const fake = installFreshdeskWidgetFake({ mode: 'loaded' });
  try {
    const adapter = freshdeskWidget();
    const context = { conversationId: 'c1', messages: [{ role: 'user' as const, content: 'I need a refund' }] };
    await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k1' });
    expect(fake.methods()).toEqual(['prefill', 'open']);
    expect(fake.open).toBe(true);
  } finally {
    fake.uninstall();
  }
}

export async function blockedWidgetIsUnavailable(): Promise<void> {
  const fake = installFreshdeskWidgetFake({ mode: 'blocked' });
  try {
    const adapter = freshdeskWidget({ widgetTimeoutMs: 100 });
    const context = { conversationId: null, messages: [] };
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k2' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      details: { reason: 'blocked' },
    });
  } finally {
    fake.uninstall();
  }
}
