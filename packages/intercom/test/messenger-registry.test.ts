/** @jest-environment jest-fixed-jsdom */
import { createRegistry, type Delivery, type EscalationAdapter } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { installIntercomFake, type IntercomFake } from '@pillar/escalation-testkit/fakes';
import { billingContext } from './support';

let fake: IntercomFake | undefined;
beforeEach(() => {
  document.head.innerHTML = '<script src="/app.js"></script>';
});
afterEach(() => fake?.uninstall());

/** Stands for the relay to the server: records what it was asked to deliver. */
function recordingFallback(): EscalationAdapter<{ messages: number }> & { delivered: number[] } {
  const delivered: number[] = [];
  return {
    kind: 'recording-fallback',
    runtime: 'browser',
    delivered,
    toPayload: (context) => ({ messages: context.messages.length }),
    deliver: async (payload): Promise<Delivery> => {
      delivered.push(payload.messages);
      return { status: 'created', reference: { id: 'fallback-1' } };
    },
  };
}

describe('intercomMessenger in a registry', () => {
  it('falls back with the same context when the Messenger is blocked', async () => {
    fake = installIntercomFake({ mode: 'blocked' });
    const fallback = recordingFallback();
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc12def', widgetTimeoutMs: 50 }), fallback: ['message'] },
      { id: 'message', label: 'Message', adapter: fallback },
    ]);

    const result = await registry.escalate('chat', billingContext());

    expect(result).toMatchObject({ optionId: 'message', requestedOptionId: 'chat', status: 'created' });
    expect(result.attempts[0]).toMatchObject({ optionId: 'chat', outcome: 'failed' });
    expect(fallback.delivered).toEqual([3]);
    expect(fake.calls).toEqual([]);
  });

  it('opens the Messenger and does not fall back when it loads', async () => {
    fake = installIntercomFake({ mode: 'quirk' });
    const fallback = recordingFallback();
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc12def', resendDelayMs: 5 }), fallback: ['message'] },
      { id: 'message', label: 'Message', adapter: fallback },
    ]);

    const result = await registry.escalate('chat', billingContext());

    expect(result).toMatchObject({ optionId: 'chat', kind: 'intercom-messenger', status: 'opened' });
    expect(fallback.delivered).toEqual([]);
    expect(fake.composer).toMatch(/^How do I export my invoices as CSV\?/);
  });
});
