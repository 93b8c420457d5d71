import { EscalationError, renderTranscript, titleFromContext, type EscalationContext } from '@pillar/escalation-core';
import { contextFixtures } from '@pillar/escalation-testkit';
import {
  communityRedirect,
  discord,
  discourse,
  githubDiscussions,
  githubIssues,
  slack,
  urlTemplate,
  type CommunityTarget,
} from '../src';
import { hasLoneSurrogate, isRenderedTranscript, queryOf, thrown } from './support';

const fixtures = contextFixtures();
const conversation: EscalationContext = {
  conversationId: 'conv_8f2k',
  messages: [
    { role: 'user', content: 'How do I export my invoices as CSV? The button is greyed out.' },
    { role: 'assistant', content: 'Exports need the Admin role. Ask an admin, or go to Settings → Roles.' },
    { role: 'user', content: "I am the admin & it's still greyed out (tried Chrome + Firefox) #help 100%" },
  ],
  user: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
  page: { url: 'https://app.example.com/billing?tab=invoices', title: 'Billing' },
  reason: 'bug',
};

/** Targets that take text, with the query parameter that carries the transcript. */
const textTargets: Array<[string, () => CommunityTarget, string]> = [
  ['discourse', () => discourse({ baseUrl: 'https://forum.example.com', category: 'support', tags: ['export'] }), 'body'],
  ['githubDiscussions', () => githubDiscussions({ repo: 'acme/widgets', category: 'q-a' }), 'body'],
  ['githubIssues', () => githubIssues({ repo: 'acme/widgets', labels: ['support'] }), 'body'],
  ['urlTemplate', () => urlTemplate('https://forum.example.com/ask?q={title}&details={body}&ref={conversationId}'), 'details'],
];

describe('communityRedirect toPayload', () => {
  it('puts the question in the title and the transcript, in markdown, in the body', () => {
    const adapter = communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com', category: 'support' }) });
    const payload = adapter.toPayload(conversation);
    const query = queryOf(payload.url);
    expect(payload).toMatchObject({ target: 'discourse', openIn: 'new-tab' });
    expect(payload.transcript).toBeUndefined();
    expect(query.title).toBe('How do I export my invoices as CSV? The button is greyed out.');
    expect(query.body).toBe(
      [
        // The handoff brief heads the body (renderTranscript's default).
        '- **Request:** How do I export my invoices as CSV? The button is greyed out.',
        '- **What was tried:**',
        '  - Ask an admin, or go to Settings → Roles. (did not work)',
        '- **Page:** Billing',
        '- **URL:** https://app.example.com/billing?tab=invoices',
        '- **Why a human:** Bug · said it still does not work once',
        '',
        '**User:**',
        '> How do I export my invoices as CSV? The button is greyed out.',
        '',
        '**Assistant:**',
        '> Exports need the Admin role. Ask an admin, or go to Settings → Roles.',
        '',
        '**User:**',
        "> I am the admin & it's still greyed out (tried Chrome + Firefox) #help 100%",
      ].join('\n'),
    );
    expect(query.category).toBe('support');
  });

  it('leaves out who the user is unless includeUser is set, since a post is public', () => {
    const target = githubIssues({ repo: 'acme/widgets' });
    const publicBody = queryOf(communityRedirect({ target }).toPayload(conversation).url).body!;
    expect(publicBody).not.toMatch(/ada@example\.com|Ada Lovelace|Plan/);
    const withUser = queryOf(communityRedirect({ target, includeUser: true }).toPayload(conversation).url).body!;
    expect(withUser).toContain('- **Customer:** Ada Lovelace (ada@example.com)');
    expect(withUser).toContain('- **Plan:** pro');
  });

  it('renders plain text with format "text"', () => {
    const body = queryOf(communityRedirect({ target: githubIssues({ repo: 'acme/widgets' }), format: 'text' }).toPayload(conversation).url).body!;
    expect(body).toBe(renderTranscript({ ...conversation, user: undefined }, { format: 'text' }));
    expect(body).not.toContain('**');
  });

  it('uses defaultTitle when there is no question and no page title', () => {
    const empty: EscalationContext = { conversationId: null, messages: [] };
    expect(queryOf(communityRedirect({ target: githubIssues({ repo: 'a/b' }), defaultTitle: 'Help from the app' }).toPayload(empty).url).title).toBe(
      'Help from the app',
    );
    expect(queryOf(communityRedirect({ target: githubIssues({ repo: 'a/b' }) }).toPayload(empty).url).title).toBe(titleFromContext(empty));
  });

  it('keeps the host, path and every character whatever the conversation says', () => {
    const hostile = ['//evil.com', '@evil.com', 'https://evil.com/phish', '\\\\evil.com', 'a&title=pwned&b', '#@evil.com', '?redirect=//evil.com', '%2F%2Fevil.com', '+ %20 %', 'שלום 👩‍👩‍👧‍👦 \u202Eevil'];
    for (const [name, make, bodyParam] of textTargets) {
      const target = make();
      const adapter = communityRedirect({ target });
      for (const text of hostile) {
        const context: EscalationContext = { conversationId: text, messages: [{ role: 'user', content: text }], page: { url: text } };
        const payload = adapter.toPayload(context);
        const url = new URL(payload.url);
        const expected = new URL(target.buildUrl({ title: () => '', body: () => '', conversationId: () => '', reason: () => '', pageUrl: () => '' }, 2000));
        expect([name, url.origin, url.pathname, url.username]).toEqual([name, expected.origin, expected.pathname, '']);
        const query = queryOf(payload.url);
        // Every character survives the round trip: decoding gives back exactly what was rendered.
        expect(query[bodyParam]).toBe(renderTranscript(context, { format: 'markdown' }));
        expect(query.q ?? query.title).toBe(titleFromContext(context));
        expect(Object.keys(query)).toEqual(Object.keys(queryOf(expected.href)));
      }
    }
  });

  describe.each(['ten-thousand-messages', 'one-megabyte-message', 'emoji-and-rtl', 'long-single-word'] as const)('with the "%s" fixture', (fixture) => {
    it.each(textTargets)('%s stays within maxUrlLength, cutting the body with renderTranscript, never mid-character', (_name, make, bodyParam) => {
      const context = fixtures[fixture]!;
      for (const maxUrlLength of [2000, 1201, 8000]) {
        const payload = communityRedirect({ target: make(), maxUrlLength }).toPayload(context);
        expect(payload.url.length).toBeLessThanOrEqual(maxUrlLength);
        const query = queryOf(payload.url);
        const body = query[bodyParam]!;
        expect(hasLoneSurrogate(body)).toBe(false);
        expect(hasLoneSurrogate(query.q ?? query.title!)).toBe(false);
        // Exactly what renderTranscript gives for the length it was given: cut by it, not by us.
        expect(isRenderedTranscript({ ...context, user: undefined }, body, { format: 'markdown' })).toBe(true);
        if (fixture !== 'emoji-and-rtl') {
          expect(body).toMatch(/left out|…/);
          // The budget is used, not wasted: the URL is within about one message (~100 characters,
          // ~170 encoded) of the limit, since the transcript drops whole messages.
          expect(payload.url.length).toBeGreaterThan(maxUrlLength - 250);
        }
      }
    });
  });

  it('cuts a body of astral characters at every possible boundary without splitting one', () => {
    const context: EscalationContext = { conversationId: 'c', messages: [{ role: 'user', content: '😀'.repeat(3000) }] };
    const adapter = (max: number) => communityRedirect({ target: githubIssues({ repo: 'acme/widgets' }), maxUrlLength: max });
    for (let max = 300; max < 340; max += 1) {
      const url = adapter(max).toPayload(context).url;
      expect(url.length).toBeLessThanOrEqual(max);
      const query = queryOf(url);
      expect(hasLoneSurrogate(query.body!)).toBe(false);
      expect(hasLoneSurrogate(query.title!)).toBe(false);
    }
  });

  it.each([
    ['slack', () => slack({ team: 'T0123ABCD', channel: 'C0456EFGH' }), 'https://slack.com/app_redirect?channel=C0456EFGH&team=T0123ABCD'],
    ['discord', () => discord({ invite: 'acme-help' }), 'https://discord.com/invite/acme-help'],
  ])('%s: the URL carries nothing of the conversation, the payload carries the transcript', (_name, make, url) => {
    const adapter = communityRedirect({ target: make() });
    const payload = adapter.toPayload(conversation);
    expect(payload.url).toBe(url);
    expect(payload.transcript).toBe(renderTranscript({ ...conversation, user: undefined }, { format: 'markdown', maxLength: 20_000 }));
    expect(adapter.limits).toEqual({ maxUrlLength: 2000, fields: { transcript: 20_000 } });
    const huge = adapter.toPayload(fixtures['one-megabyte-message']!);
    expect(huge.transcript!.length).toBeLessThanOrEqual(20_000);
    expect(communityRedirect({ target: make(), transcriptMaxLength: 500, format: 'text' }).toPayload(fixtures['ten-thousand-messages']!).transcript!.length).toBeLessThanOrEqual(500);
  });

  it('declares maxUrlLength as its limit', () => {
    expect(communityRedirect({ target: discourse({ baseUrl: 'https://f.example.com' }), maxUrlLength: 8000 }).limits).toEqual({ maxUrlLength: 8000 });
  });
});

describe('communityRedirect configuration', () => {
  const target = discourse({ baseUrl: 'https://forum.example.com' });
  it.each([
    [{}, /options\.target is required/],
    [{ target: 'https://forum.example.com' }, /options\.target must be a target/],
    [{ target, openIn: 'popup' }, /openIn/],
    [{ target, maxUrlLength: 0 }, /maxUrlLength/],
    [{ target, maxUrlLength: 1.5 }, /maxUrlLength/],
    [{ target, maxUrlLength: '2000' }, /maxUrlLength/],
    [{ target, transcriptMaxLength: -1 }, /transcriptMaxLength/],
    [{ target, format: 'html' }, /format/],
    [{ target, defaultTitle: ' ' }, /defaultTitle/],
    [{ target, includeUser: 'yes' }, /includeUser/],
    [{ target, maxUrlLength: 30 }, /over maxUrlLength \(30\)/],
    [{ target: urlTemplate(`https://forum.example.com/${'x'.repeat(100)}?q={title}`), maxUrlLength: 60 }, /over maxUrlLength \(60\)/],
  ])('rejects %j at construction', (options, message) => {
    const error = thrown(() => communityRedirect(options as never));
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false });
    expect((error as Error).message).toMatch(message);
  });
});
