import { contextFixture } from '@pillar/escalation-testkit';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { docsPage } from '../../../scripts/test-support/docs-page';

const { rendered } = docsPage('docs/adapters/calendly.md');

describe('docs/adapters/calendly.md', () => {
  // The same options as docs/examples/calendly-1.ts.
  const payload = calendlyScheduling({
    url: 'https://calendly.com/acme/support-call',
    answers: { a1: 'summary', a2: (context) => context.user?.plan ?? '' },
    utm: { utmSource: 'pillar', utmMedium: 'copilot' },
    hideDetails: true,
    loadScript: true,
  }).toPayload(contextFixture('multi-turn'));

  it('shows the scheduling link exactly as the adapter builds it', () => {
    expect(rendered('calendly url (multi-turn fixture)')).toBe(payload.url);
  });

  it('shows the summary answer exactly', () => {
    expect(rendered('calendly a1 (multi-turn fixture)')).toBe(payload.prefill.customAnswers.a1);
  });

  it('shows what the widget gets (the summary abbreviated)', () => {
    const shown = JSON.parse(rendered('calendly widget call (multi-turn fixture)') ?? 'null') as {
      url: string;
      prefill: { customAnswers: Record<string, string>; name: string; email: string };
      utm: unknown;
    };
    expect(shown.url).toBe(payload.embedUrl);
    expect(shown.utm).toEqual(payload.utm);
    expect({ ...shown.prefill, customAnswers: { ...shown.prefill.customAnswers, a1: payload.prefill.customAnswers.a1 } }).toEqual(payload.prefill);
  });
});
