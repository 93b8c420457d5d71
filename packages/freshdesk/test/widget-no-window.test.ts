import { freshdeskWidget } from '@pillar/escalation-freshdesk';

describe('freshdeskWidget without a browser', () => {
  it('imports without touching window and fails PROVIDER_UNAVAILABLE, not a ReferenceError', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const adapter = freshdeskWidget();
    await expect(
      adapter.deliver({ prefill: { subject: 'S', description: 'D' } }, { context: { conversationId: null, messages: [] }, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', details: { reason: 'no-window' } });
  });
});
