import { EscalationError } from '@pillar/escalation-core';
import { discord, discourse, githubDiscussions, githubIssues, slack } from '../src';
import { queryOf, textOf, thrown } from './support';

const text = textOf({ title: 'Export fails & times out', body: '**User:** it fails\n\n**Assistant:** try again #2' });

function expectConfiguration(fn: () => unknown, message: RegExp): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(EscalationError);
  expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false });
  expect((error as Error).message).toMatch(message);
}

describe('discourse', () => {
  it('prefills a new topic with title, body, category and tags', () => {
    const target = discourse({ baseUrl: 'https://forum.example.com', category: 'support/billing', tags: ['export', 'bug'] });
    const url = target.buildUrl(text, 2000);
    expect(url).toBe(
      'https://forum.example.com/new-topic?title=Export%20fails%20%26%20times%20out' +
        '&body=**User%3A**%20it%20fails%0A%0A**Assistant%3A**%20try%20again%20%232'.replace(/\*/g, '%2A') +
        '&category=support%2Fbilling&tags=export%2Cbug',
    );
    expect(queryOf(url)).toEqual({
      title: 'Export fails & times out',
      body: '**User:** it fails\n\n**Assistant:** try again #2',
      category: 'support/billing',
      tags: 'export,bug',
    });
    expect(target).toMatchObject({ name: 'discourse', origin: 'https://forum.example.com', takesText: true });
  });

  it('keeps a subfolder install and drops a trailing slash', () => {
    const url = discourse({ baseUrl: 'https://example.com/community/' }).buildUrl(text, 2000);
    expect(url.startsWith('https://example.com/community/new-topic?title=')).toBe(true);
    expect(Object.keys(queryOf(url))).toEqual(['title', 'body']);
  });

  it.each([
    [{ baseUrl: 'ftp://forum.example.com' }, /options\.baseUrl must be an absolute http or https URL/],
    [{ baseUrl: 'javascript:alert(1)' }, /options\.baseUrl must be an absolute http or https URL/],
    [{ baseUrl: 'forum.example.com' }, /options\.baseUrl must be an absolute http or https URL/],
    [{ baseUrl: '' }, /options\.baseUrl must be an absolute http or https URL/],
    [{ baseUrl: 'https://user:secret@forum.example.com' }, /credentials/],
    [{ baseUrl: 'https://forum.example.com/?x=1' }, /a query or a fragment/],
    [{ baseUrl: 'https://forum.example.com', tags: ['two words'] }, /tags\[0\]/],
    [{ baseUrl: 'https://forum.example.com', tags: ['a,b'] }, /tags\[0\]/],
    [{ baseUrl: 'https://forum.example.com', tags: 'bug' }, /array/],
    [{ baseUrl: 'https://forum.example.com', category: '' }, /category/],
  ])('rejects %j at construction', (options, message) => {
    expectConfiguration(() => discourse(options as never), message);
  });
});

describe('githubDiscussions', () => {
  it('prefills a new discussion in the category', () => {
    const url = githubDiscussions({ repo: 'acme/widgets', category: 'q-a' }).buildUrl(text, 2000);
    expect(url.startsWith('https://github.com/acme/widgets/discussions/new?category=q-a&title=Export%20fails%20%26%20times%20out&body=')).toBe(true);
    expect(queryOf(url)).toMatchObject({ category: 'q-a', body: '**User:** it fails\n\n**Assistant:** try again #2' });
  });

  it('works on GitHub Enterprise Server', () => {
    const target = githubDiscussions({ repo: 'acme/widgets', category: 'general', baseUrl: 'https://github.acme.internal' });
    expect(target.origin).toBe('https://github.acme.internal');
    expect(target.buildUrl(text, 2000).startsWith('https://github.acme.internal/acme/widgets/discussions/new?')).toBe(true);
  });

  it.each([
    [{ repo: 'widgets', category: 'q-a' }, /owner\/name/],
    [{ repo: 'acme/widgets/extra', category: 'q-a' }, /owner\/name/],
    [{ repo: '../evil', category: 'q-a' }, /owner\/name/],
    [{ repo: 'acme/..', category: 'q-a' }, /owner\/name/],
    [{ repo: '-acme/widgets', category: 'q-a' }, /owner\/name/],
    [{ repo: 'acme/wid gets', category: 'q-a' }, /owner\/name/],
    [{ repo: 'acme/widgets' }, /category/],
    [{ repo: 'acme/widgets', category: 'q-a', baseUrl: 'git://github.com' }, /http or https/],
  ])('rejects %j at construction', (options, message) => {
    expectConfiguration(() => githubDiscussions(options as never), message);
  });
});

describe('githubIssues', () => {
  it('prefills a new issue with labels and a template', () => {
    const url = githubIssues({ repo: 'acme/widgets', labels: ['support', 'from: assistant'], template: 'support.md' }).buildUrl(text, 2000);
    expect(url.startsWith('https://github.com/acme/widgets/issues/new?title=Export%20fails%20%26%20times%20out&body=')).toBe(true);
    expect(url.endsWith('&labels=support%2Cfrom%3A%20assistant&template=support.md')).toBe(true);
    expect(queryOf(url)).toMatchObject({ labels: 'support,from: assistant', template: 'support.md' });
  });

  it('puts the transcript in the issue form field named by bodyField', () => {
    const url = githubIssues({ repo: 'acme/widgets', template: 'bug.yml', bodyField: 'what-happened' }).buildUrl(text, 2000);
    const query = queryOf(url);
    expect(query['what-happened']).toBe('**User:** it fails\n\n**Assistant:** try again #2');
    expect(query.body).toBeUndefined();
  });

  it.each([
    [{ repo: 'acme' }, /owner\/name/],
    [{ repo: 'acme/widgets', labels: ['a,b'] }, /labels\[0\]/],
    [{ repo: 'acme/widgets', labels: [''] }, /labels\[0\]/],
    [{ repo: 'acme/widgets', labels: 'bug' }, /array/],
    [{ repo: 'acme/widgets', template: '' }, /template/],
    [{ repo: 'acme/widgets', bodyField: 'title' }, /bodyField/],
  ])('rejects %j at construction', (options, message) => {
    expectConfiguration(() => githubIssues(options as never), message);
  });
});

describe('slack', () => {
  it('opens the channel through app_redirect and takes no text', () => {
    const target = slack({ team: 'T0123ABCD', channel: 'C0456EFGH' });
    expect(target.buildUrl(text, 2000)).toBe('https://slack.com/app_redirect?channel=C0456EFGH&team=T0123ABCD');
    expect(target).toMatchObject({ name: 'slack', origin: 'https://slack.com', takesText: false });
  });

  it.each([
    [{ team: 'T0123ABCD', channel: 'general' }, /channel ID/],
    [{ team: 'T0123ABCD', channel: '#general' }, /channel ID/],
    [{ team: 'acme', channel: 'C0456EFGH' }, /workspace ID/],
    [{ team: 'C0123ABCD', channel: 'C0456EFGH' }, /workspace ID/],
    [{ channel: 'C0456EFGH' }, /workspace ID/],
  ])('rejects %j at construction', (options, message) => {
    expectConfiguration(() => slack(options as never), message);
  });
});

describe('discord', () => {
  it.each([
    [{ invite: 'acme-help' }, 'https://discord.com/invite/acme-help'],
    [{ invite: 'https://discord.gg/acme-help' }, 'https://discord.com/invite/acme-help'],
    [{ invite: 'https://discord.com/invite/acme-help' }, 'https://discord.com/invite/acme-help'],
    [{ guild: '123456789012345678', channel: '876543210987654321' }, 'https://discord.com/channels/123456789012345678/876543210987654321'],
  ])('opens %j as %s and takes no text', (options, url) => {
    const target = discord(options);
    expect(target.buildUrl(text, 2000)).toBe(url);
    expect(target).toMatchObject({ name: 'discord', origin: 'https://discord.com', takesText: false });
  });

  it.each([
    [{ invite: 'https://evil.example/acme' }, /invite code/],
    [{ invite: 'a b' }, /invite code/],
    [{ invite: '' }, /invite code/],
    [{ guild: 'acme', channel: '876543210987654321' }, /numeric IDs/],
    [{ guild: '123456789012345678' }, /numeric IDs/],
    [{}, /numeric IDs/],
  ])('rejects %j at construction', (options, message) => {
    expectConfiguration(() => discord(options as never), message);
  });
});
