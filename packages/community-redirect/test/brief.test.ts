import { communityRedirect, discourse, slack } from '@pillar/escalation-community-redirect';
import { briefContext, briefLength, expectBriefFirst } from '../../../scripts/test-support/brief';

const context = briefContext();
const post = (maxUrlLength?: number) => {
  const { url } = communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com', category: 'support' }), ...(maxUrlLength ? { maxUrlLength } : {}) }).toPayload(context);
  return { url, body: new URL(url).searchParams.get('body')! };
};
const slackText = (transcriptMaxLength?: number) =>
  communityRedirect({ target: slack({ team: 'T0123ABCD', channel: 'C0456EFGH' }), format: 'text', ...(transcriptMaxLength ? { transcriptMaxLength } : {}) }).toPayload(context).transcript!;

describe('community-redirect: the handoff brief heads the post', () => {
  it('is present, first and escaped in the forum post (markdown) and the Slack transcript (text)', () => {
    expectBriefFirst(post().body, 'markdown');
    expect(post().body).toContain('**User');
    expectBriefFirst(slackText(), 'text');
  });

  it('stays within the limits, and keeps the brief when the transcript is cut to nothing', () => {
    const base = post(8_000);
    const overhead = base.url.length - encodeURIComponent(base.body).length;
    // Walk the limit down until the conversation is cut to nothing: the brief is still there, first.
    let cutToNothing: { url: string; body: string; max: number } | undefined;
    for (let max = overhead + 4 * briefLength(context, 'markdown'); max > overhead; max -= 25) {
      const shown = post(max);
      expect(shown.url.length).toBeLessThanOrEqual(max);
      expectBriefFirst(shown.body, 'markdown');
      if (!shown.body.includes('**User')) {
        cutToNothing = { ...shown, max };
        break;
      }
    }
    expect(cutToNothing?.body).toContain('earlier messages left out');
    const text = briefLength(context, 'text');
    for (const max of [text - 40, text + 10]) {
      const out = slackText(max);
      expect(out.length).toBeLessThanOrEqual(max);
      expectBriefFirst(out, 'text');
      expect(out).not.toMatch(/^User: /m);
    }
  });
});
