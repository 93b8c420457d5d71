/** @jest-environment jest-fixed-jsdom */
import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { communityRedirect, githubIssues, slack } from '../src';
import { recordingAdapter } from '@pillar/escalation-testkit';

const context: EscalationContext = {
  conversationId: 'conv_1',
  messages: [
    { role: 'user', content: 'The export crashes with error E42 and my card 4242 4242 4242 4242 was charged' },
    { role: 'assistant', content: 'That looks like a bug.' },
  ],
  user: { name: 'Ada', email: 'ada@example.com' },
};

afterEach(() => jest.restoreAllMocks());

describe('communityRedirect in a registry', () => {
  const fallback = recordingAdapter({ delivery: { status: 'created', reference: { id: 'T-1' } } });
  const registry = createRegistry([
    { id: 'bug', label: 'Report a bug', adapter: communityRedirect({ target: githubIssues({ repo: 'acme/widgets' }) }), fallback: ['ticket'] },
    { id: 'slack', label: 'Ask in Slack', adapter: communityRedirect({ target: slack({ team: 'T0123ABCD', channel: 'C0456EFGH' }) }) },
    { id: 'ticket', label: 'Open a ticket', adapter: fallback },
  ]);

  it('previews a URL whose body the registry has redacted (no card number leaves the page)', () => {
    const { payload } = registry.preview('bug', context, 'community-redirect');
    const body = new URL(payload.url).searchParams.get('body')!;
    expect(body).toContain('error E42');
    expect(body).not.toContain('4242 4242 4242 4242');
    expect(payload.url.length).toBeLessThanOrEqual(2000);
  });

  it('hands the Slack transcript to the app in the result', async () => {
    jest.spyOn(window, 'open').mockReturnValue({ opener: window } as unknown as Window);
    const result = await registry.escalate('slack', context);
    expect(result).toMatchObject({ optionId: 'slack', status: 'redirected', data: { format: 'markdown', transcript: expect.stringContaining('That looks like a bug.') } });
  });

  it('moves to the fallback option when the new tab is blocked', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    await expect(registry.escalate('bug', context)).resolves.toMatchObject({ optionId: 'ticket', requestedOptionId: 'bug', status: 'created' });
    expect(fallback.delivered).toBe(1);
  });
});
