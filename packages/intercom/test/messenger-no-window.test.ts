import { EscalationError } from '@pillar/escalation-core';
import { billingContext } from './support';

describe('intercomMessenger where there is no window (server rendering)', () => {
  it('runs in an environment without window or document', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('can be imported, built and asked for a payload without touching window', async () => {
    const { intercomMessenger } = await import('@pillar/escalation-intercom');
    const adapter = intercomMessenger({ appId: 'abc12def' });
    expect(adapter).toMatchObject({ kind: 'intercom-messenger', runtime: 'browser' });
    expect(adapter.toPayload(billingContext()).boot).toMatchObject({ app_id: 'abc12def', user_id: 'u_42' });
  });

  it('fails deliver with PROVIDER_UNAVAILABLE naming the missing window, instead of the SDK\'s ReferenceError', async () => {
    const { intercomMessenger } = await import('@pillar/escalation-intercom');
    const adapter = intercomMessenger({ appId: 'abc12def' });
    const context = billingContext();

    const error = await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, message: expect.stringMatching(/window/) });
  });

  it('(the guard matters: the SDK itself throws here)', async () => {
    const sdk = await import('@intercom/messenger-js-sdk');
    expect(() => sdk.showNewMessage('hello')).toThrow(ReferenceError);
  });
});
