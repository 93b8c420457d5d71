/** @jest-environment jest-fixed-jsdom */
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { installCalendlyFake } from '@pillar/escalation-testkit/fakes';
import { calendlyScheduling } from '../src';

const url = 'https://calendly.com/acme/support-call';

describeAdapterConformance(
  'calendlyScheduling (popup)',
  () => calendlyScheduling({ url, answers: { a1: 'summary', a2: 'question', a3: (c) => c.user?.plan ?? '' }, utm: { utmSource: 'pillar' }, hideDetails: true }),
  {
    limits: { maxUrlLength: 2000 },
    // Answers are plain text in Calendly's form fields; nothing here is HTML.
    textFields: ['url', 'embedUrl', 'prefill.name', 'prefill.email', 'prefill.customAnswers.a1', 'prefill.customAnswers.a2', 'prefill.customAnswers.a3'],
    timeoutMs: 30_000,
    numRuns: 50,
    deliver: {
      run: true,
      setup() {
        const fake = installCalendlyFake();
        return () => fake.uninstall();
      },
      expect(delivery, payload) {
        expect(delivery).toEqual({ status: 'opened', reference: { url: payload.url } });
      },
    },
  },
);

describeAdapterConformance('calendlyScheduling (link, 8000)', () => calendlyScheduling({ url, mode: 'link', maxUrlLength: 8000, answers: { a1: 'summary' } }), {
  limits: { maxUrlLength: 8000 },
  textFields: ['url', 'embedUrl', 'prefill.name', 'prefill.email', 'prefill.customAnswers.a1'],
  timeoutMs: 30_000,
  numRuns: 50,
  deliver: {
    run: true,
    setup() {
      const open = jest.spyOn(window, 'open').mockImplementation(() => ({ opener: window }) as unknown as Window);
      return () => open.mockRestore();
    },
    expect(delivery, payload) {
      expect(delivery).toEqual({ status: 'redirected', reference: { url: payload.url } });
    },
  },
});
