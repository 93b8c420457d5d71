import { contextFixture } from '@pillar/escalation-testkit';
import { zendeskMessenger, zendeskWebWidget } from '@pillar/escalation-zendesk';

// Node test environment: no window, as in server rendering. Importing the module above already
// proved nothing touches `window` at import time.
describe('browser adapters without a window (server rendering)', () => {
  it.each([
    ['zendeskMessenger', () => zendeskMessenger({ fields: { transcript: '1' } }), /Zendesk Messaging widget runs only in a browser/],
    ['zendeskWebWidget', () => zendeskWebWidget(), /Zendesk Web Widget \(Classic\) runs only in a browser/],
  ])('%s builds its payload and fails deliver with PROVIDER_UNAVAILABLE, not a ReferenceError', async (_name, make, message) => {
    expect(typeof window).toBe('undefined');
    const adapter = make();
    const context = contextFixture('multi-turn');
    const payload = adapter.toPayload(context);
    await expect(adapter.deliver(payload as never, { context, idempotencyKey: 'pe-1' })).rejects.toMatchObject({
      name: 'EscalationError',
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringMatching(message),
    });
  });
});
