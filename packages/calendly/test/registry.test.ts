/** @jest-environment jest-fixed-jsdom */
import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { installCalendlyFake } from '@pillar/escalation-testkit/fakes';
import { calendlyScheduling } from '../src';
import { recordingAdapter } from '@pillar/escalation-testkit';

const context: EscalationContext = {
  conversationId: 'conv_1',
  messages: [{ role: 'user', content: 'Can someone walk me through SSO?' }],
  user: { name: 'Ada', email: 'ada@example.com', plan: 'pro' },
};

function registryWith(mode: 'popup' | 'link') {
  const fallback = recordingAdapter();
  const registry = createRegistry([
    { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: calendlyScheduling({ url: 'https://calendly.com/acme/call', mode, answers: { a1: 'summary' } }), fallback: ['contact'] },
    { id: 'contact', label: 'Contact form', adapter: fallback },
  ]);
  return { registry, fallback };
}

afterEach(() => jest.restoreAllMocks());

describe('calendlyScheduling in a registry', () => {
  it('previews the typed payload', () => {
    const { registry } = registryWith('popup');
    const { payload } = registry.preview('call', context, 'calendly-scheduling');
    expect(payload.prefill.customAnswers.a1).toContain('User: Can someone walk me through SSO?');
    expect(payload.url.startsWith('https://calendly.com/acme/call?name=Ada&email=ada%40example.com&a1=')).toBe(true);
  });

  it('opens the popup when Calendly is on the page', async () => {
    const fake = installCalendlyFake();
    try {
      const { registry, fallback } = registryWith('popup');
      await expect(registry.escalate('call', context)).resolves.toMatchObject({ optionId: 'call', status: 'opened' });
      expect(fake.methods()).toEqual(['initPopupWidget']);
      expect(fallback.delivered).toBe(0);
    } finally {
      fake.uninstall();
    }
  });

  it('moves to the fallback option when the new tab is blocked', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const { registry, fallback } = registryWith('link');
    const result = await registry.escalate('call', context);
    expect(result).toMatchObject({ optionId: 'contact', requestedOptionId: 'call', status: 'redirected' });
    expect(result.attempts[0]).toMatchObject({ optionId: 'call' });
    expect(fallback.delivered).toBe(1);
  });
});
