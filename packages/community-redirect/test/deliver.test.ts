/** @jest-environment jest-fixed-jsdom */
import { renderTranscript, type EscalationContext } from '@pillar/escalation-core';
import { communityRedirect, discord, discourse, githubIssues, slack } from '../src';

const context: EscalationContext = {
  conversationId: 'conv_1',
  messages: [
    { role: 'user', content: 'Where do I change my plan?' },
    { role: 'assistant', content: 'Settings → Billing → Plan.' },
  ],
};
const options = { context, idempotencyKey: 'k1' };

afterEach(() => jest.restoreAllMocks());

/** window.open answering with a fake tab whose opener we can watch. */
function spyOpen(result: 'tab' | 'blocked' = 'tab') {
  const tab = { opener: window as unknown } as Window;
  const open = jest.spyOn(window, 'open').mockImplementation(() => (result === 'tab' ? tab : null));
  return { open, tab };
}

describe('communityRedirect deliver in a browser', () => {
  it('opens a new tab on the URL and cuts the opener link', async () => {
    const { open, tab } = spyOpen();
    const adapter = communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) });
    const payload = adapter.toPayload(context);
    await expect(adapter.deliver(payload, options)).resolves.toEqual({ status: 'redirected', reference: { url: payload.url } });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith(payload.url, '_blank');
    expect(tab.opener).toBeNull();
  });

  it('is PROVIDER_UNAVAILABLE, not retryable, when a popup blocker stops the tab', async () => {
    spyOpen('blocked');
    const adapter = communityRedirect({ target: githubIssues({ repo: 'acme/widgets' }) });
    const payload = adapter.toPayload(context);
    await expect(adapter.deliver(payload, options)).rejects.toMatchObject({
      name: 'EscalationError',
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      message: expect.stringMatching(/popup was blocked/),
      details: { url: payload.url },
    });
  });

  it.each([
    ['slack', () => slack({ team: 'T0123ABCD', channel: 'C0456EFGH' })],
    ['discord', () => discord({ guild: '123456789012345678', channel: '876543210987654321' })],
  ])('%s: the delivery carries the transcript for "copy conversation"', async (_name, make) => {
    const { open } = spyOpen();
    const adapter = communityRedirect({ target: make() });
    const payload = adapter.toPayload(context);
    const delivery = await adapter.deliver(payload, options);
    expect(delivery).toEqual({
      status: 'redirected',
      reference: { url: payload.url },
      data: { transcript: renderTranscript(context, { format: 'markdown', maxLength: 20_000 }), format: 'markdown' },
    });
    expect(open).toHaveBeenCalledWith(payload.url, '_blank');
  });

  it('rejects with ABORTED and opens nothing when the signal has fired', async () => {
    const { open } = spyOpen();
    const adapter = communityRedirect({ target: githubIssues({ repo: 'acme/widgets' }) });
    const controller = new AbortController();
    controller.abort();
    await expect(adapter.deliver(adapter.toPayload(context), { ...options, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a payload whose URL was changed to another host', async () => {
    const { open } = spyOpen();
    const adapter = communityRedirect({ target: githubIssues({ repo: 'acme/widgets' }) });
    const payload = { ...adapter.toPayload(context), url: 'https://evil.example/acme/widgets/issues/new' };
    await expect(adapter.deliver(payload, options)).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/outside https:\/\/github\.com/) });
    await expect(adapter.deliver({ ...payload, url: 'not a url' }, options)).rejects.toMatchObject({ code: 'CONFIGURATION' });
    expect(open).not.toHaveBeenCalled();
  });
});
