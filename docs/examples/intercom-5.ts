/** @jest-environment jest-fixed-jsdom */
import { intercomMessenger } from '@pillar/escalation-intercom';
import { installIntercomFake } from '@pillar/escalation-testkit/fakes';

// In your own jsdom tests: a recording window.Intercom that loads when the SDK inserts its script.
export async function messengerOpensPrefilled(): Promise<void> {
  document.head.innerHTML = '<script src="/app.js"></script>'; // the SDK inserts its loader before the first script
  const fake = installIntercomFake({ mode: 'quirk' });
  try {
    const adapter = intercomMessenger({ appId: 'abc12def' });
    const context = { conversationId: 'c1', messages: [{ role: 'user' as const, content: 'I need a refund' }] };
    await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k1' });
    expect(fake.methods()).toEqual(['boot', 'onShow', 'update', 'showNewMessage', 'showNewMessage']);
    expect(fake.composer).toBe('I need a refund');
  } finally {
    fake.uninstall();
  }
}

export async function blockedMessengerIsUnavailable(): Promise<void> {
  document.head.innerHTML = '<script src="/app.js"></script>';
  const fake = installIntercomFake({ mode: 'blocked' });
  try {
    const adapter = intercomMessenger({ appId: 'abc12def', widgetTimeoutMs: 100 });
    const context = { conversationId: null, messages: [] };
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k2' })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  } finally {
    fake.uninstall();
  }
}
