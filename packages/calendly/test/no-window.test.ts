import type { EscalationContext } from '@pillar/escalation-core';
import { calendlyScheduling } from '../src';

const context: EscalationContext = { conversationId: 'c', messages: [{ role: 'user', content: 'Book a call please' }] };

describe('calendlyScheduling without a browser (server rendering)', () => {
  it('imports, constructs (even inline with a selector) and builds payloads without touching window or document', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const adapter = calendlyScheduling({ url: 'https://calendly.com/acme/call', mode: 'inline', parentElement: '#booking', loadScript: true, answers: { a1: 'question' } });
    expect(adapter.toPayload(context).url).toBe('https://calendly.com/acme/call?a1=Book%20a%20call%20please');
  });

  it.each(['popup', 'inline', 'link'] as const)('fails deliver in mode %s with PROVIDER_UNAVAILABLE, not a ReferenceError', async (mode) => {
    const adapter = calendlyScheduling({ url: 'https://calendly.com/acme/call', mode, parentElement: '#booking', loadScript: true });
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' })).rejects.toMatchObject({
      name: 'EscalationError',
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      message: expect.stringMatching(/needs a browser window/),
    });
  });
});
