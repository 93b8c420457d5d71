import type { EscalationContext } from '@pillar/escalation-core';
import { installGlobal } from '@pillar/escalation-testkit/fakes';
import { communityRedirect, discourse, slack } from '../src';

const context: EscalationContext = { conversationId: 'conv_1', messages: [{ role: 'user', content: 'Where is the API key page?' }] };
const options = { context, idempotencyKey: 'k1' };

describe('communityRedirect without a browser (server rendering)', () => {
  it('imports and builds payloads without touching window', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const payload = communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) }).toPayload(context);
    expect(payload.url.startsWith('https://forum.example.com/new-topic?title=Where%20is%20the%20API%20key%20page%3F&body=')).toBe(true);
  });

  it('fails deliver with PROVIDER_UNAVAILABLE, not a ReferenceError', async () => {
    const adapter = communityRedirect({ target: slack({ team: 'T0123ABCD', channel: 'C0456EFGH' }) });
    await expect(adapter.deliver(adapter.toPayload(context), options)).rejects.toMatchObject({
      name: 'EscalationError',
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      message: expect.stringMatching(/needs a browser window/),
    });
  });
});

describe('communityRedirect with openIn "same-tab"', () => {
  // jsdom's location.assign cannot be observed (it is unforgeable and does not navigate), so a
  // recording window stands in for the browser here.
  it('navigates this tab with location.assign and opens no new tab', async () => {
    const assign = jest.fn();
    const open = jest.fn();
    const restore = installGlobal('window', { open, location: { assign } });
    try {
      const adapter = communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }), openIn: 'same-tab' });
      const payload = adapter.toPayload(context);
      expect(payload.openIn).toBe('same-tab');
      await expect(adapter.deliver(payload, options)).resolves.toEqual({ status: 'redirected', reference: { url: payload.url } });
      expect(assign).toHaveBeenCalledWith(payload.url);
      expect(open).not.toHaveBeenCalled();
    } finally {
      restore();
    }
  });
});
