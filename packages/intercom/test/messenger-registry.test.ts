/** @jest-environment jest-fixed-jsdom */
import { createRegistry } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { installIntercomFake, type IntercomFake } from '@pillar/escalation-testkit/fakes';
import { billingContext } from './support';
import { recordingAdapter } from '@pillar/escalation-testkit';

let fake: IntercomFake | undefined;
beforeEach(() => {
  document.head.innerHTML = '<script src="/app.js"></script>';
});
afterEach(() => fake?.uninstall());

describe('intercomMessenger in a registry', () => {
  it('falls back with the same context when the Messenger is blocked', async () => {
    fake = installIntercomFake({ mode: 'blocked' });
    const fallback = recordingAdapter({ runtime: 'browser', delivery: { status: 'created', reference: { id: 'fallback-1' } } });
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc12def', widgetTimeoutMs: 50 }), fallback: ['message'] },
      { id: 'message', label: 'Message', adapter: fallback },
    ]);

    const result = await registry.escalate('chat', billingContext());

    expect(result).toMatchObject({ optionId: 'message', requestedOptionId: 'chat', status: 'created' });
    expect(result.attempts[0]).toMatchObject({ optionId: 'chat', outcome: 'failed' });
    expect(fallback.deliveries.map((d) => d.payload.messages)).toEqual([3]);
    expect(fake.calls).toEqual([]);
  });

  it('opens the Messenger and does not fall back when it loads', async () => {
    fake = installIntercomFake({ mode: 'quirk' });
    const fallback = recordingAdapter({ runtime: 'browser', delivery: { status: 'created', reference: { id: 'fallback-1' } } });
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc12def', resendDelayMs: 5 }), fallback: ['message'] },
      { id: 'message', label: 'Message', adapter: fallback },
    ]);

    const result = await registry.escalate('chat', billingContext());

    expect(result).toMatchObject({ optionId: 'chat', kind: 'intercom-messenger', status: 'opened' });
    expect(fallback.delivered).toBe(0);
    expect(fake.composer).toMatch(/^Request: How do I export my invoices as CSV\?/);
  });
});
