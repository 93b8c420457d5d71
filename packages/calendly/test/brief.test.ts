import { calendlyScheduling } from '@pillar/escalation-calendly';
import { briefContext, briefLength, expectBriefFirst } from '../../../scripts/test-support/brief';

const context = briefContext();
const payload = (maxUrlLength?: number) =>
  calendlyScheduling({ url: 'https://calendly.com/acme/support-call', answers: { a1: 'summary' }, ...(maxUrlLength ? { maxUrlLength } : {}) }).toPayload(context);

describe('calendly: the handoff brief heads the summary answer', () => {
  it('is present, first and escaped in the answer', () => {
    const answer = payload().prefill.customAnswers.a1!;
    expectBriefFirst(answer, 'text');
    expect(answer).toMatch(/^User: /m);
  });

  it('stays within the URL limit, and keeps the brief when the transcript is cut to nothing', () => {
    const base = payload(8_000);
    const overhead = base.url.length - encodeURIComponent(base.prefill.customAnswers.a1!).length;
    // Walk the limit down until the conversation is cut to nothing: the brief is still there, first.
    let cutToNothing: string | undefined;
    for (let max = overhead + 4 * briefLength(context, 'text'); max > overhead; max -= 25) {
      const { url, prefill } = payload(max);
      expect(url.length).toBeLessThanOrEqual(max);
      expectBriefFirst(prefill.customAnswers.a1!, 'text');
      expect(new URL(url).searchParams.get('a1')).toBe(prefill.customAnswers.a1);
      if (!/^User: /m.test(prefill.customAnswers.a1!)) {
        cutToNothing = prefill.customAnswers.a1;
        break;
      }
    }
    expect(cutToNothing).toContain('earlier messages left out');
  });
});
