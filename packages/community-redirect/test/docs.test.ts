import { contextFixture } from '@pillar/escalation-testkit';
import { communityRedirect, discourse, slack } from '@pillar/escalation-community-redirect';
import { docsPage } from '../../../scripts/test-support/docs-page';

const { rendered } = docsPage('docs/adapters/community-redirect.md');

describe('docs/adapters/community-redirect.md', () => {
  // The same options as docs/examples/community-redirect-1.ts.
  const payload = communityRedirect({
    target: discourse({ baseUrl: 'https://forum.example.com', category: 'support', tags: ['billing'] }),
  }).toPayload(contextFixture('multi-turn'));

  it('shows the Discourse URL exactly as the adapter builds it', () => {
    expect(rendered('discourse url (multi-turn fixture)')).toBe(payload.url);
  });

  it('shows the decoded body and the title exactly', () => {
    const query = new URL(payload.url).searchParams;
    expect(rendered('discourse body (multi-turn fixture)')).toBe(query.get('body'));
    expect(rendered('discourse title (multi-turn fixture)')).toBe(query.get('title'));
  });

  it('shows the Slack payload exactly', () => {
    const slackPayload = communityRedirect({ target: slack({ team: 'T0123ABCD', channel: 'C0456EFGH' }), format: 'text' }).toPayload(contextFixture('multi-turn'));
    expect(JSON.parse(rendered("slack payload (multi-turn fixture, format: 'text')") ?? 'null')).toEqual(slackPayload);
  });
});
