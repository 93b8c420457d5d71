/**
 * The Pillar binding, end to end: headless Chromium (Debian's, through playwright-core) loads the
 * real @pillar-ai/sdk with its API pointed at a closed loopback port, so it runs offline. The
 * sidebar tabs come from registry.sidebarTabs; the user types into Pillar's own chat and clicks
 * the tabs as a person would; recording fakes of window.Intercom and window.Calendly, and the
 * test server's /tickets endpoint, show what was delivered.
 */
import type { EscalationResult, EscalationUser } from '@pillar/escalation-core';
import type { Page } from 'playwright-core';
import type { BootOptions } from '../app/types';
import { buildApp, openBrowser, requireChromium, startAppServer, type AppServer, type BrowserSession } from '../support/harness';

const paying: EscalationUser = { id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' };
const free: EscalationUser = { id: 'u-bob', name: 'Bob Free', email: 'bob@example.com', plan: 'free' };

let server: AppServer | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  requireChromium();
  server = await startAppServer(await buildApp());
});

afterAll(async () => {
  await server?.close();
});

afterEach(async () => {
  try {
    if (session) {
      // Nothing the binding did may surface as an unhandled rejection or uncaught error on the page.
      const state = await session.page.evaluate(() => window.e2e?.state);
      expect(state?.unhandled ?? []).toEqual([]);
      expect(session.logs).toEqual([]);
    }
  } finally {
    await session?.close();
    session = undefined;
    server?.tickets.splice(0);
  }
});

/** Opens the page and boots Pillar for this user; resolves with the page and the tab ids the registry gave. */
async function open(user: EscalationUser, options: BootOptions = {}): Promise<{ page: Page; tabs: string[] }> {
  session = await openBrowser();
  const { page } = session;
  await page.goto(server!.url);
  await page.waitForFunction(() => window.e2e !== undefined);
  const tabs = await page.evaluate(([u, o]) => window.e2e.boot(u, o), [user, options] as const);
  await page.getByRole('button', { name: 'Talk to Support' }).waitFor();
  return { page, tabs };
}

/**
 * Types into Pillar's own chat box, sends, and waits until the SDK has the message in its
 * conversation. It clicks "Send message" rather than pressing Enter: right after opening, the
 * panel moves focus by itself, so a keystroke can land on another control. The button is enabled
 * only once the SDK's input state holds the text, and Playwright's click waits for that.
 */
async function say(page: Page, text: string): Promise<void> {
  await page.getByPlaceholder('Ask anything...').fill(text);
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.waitForFunction((t) => window.e2e.chat()?.messages.some((m) => m.role === 'user' && m.content === t) === true, text);
}

async function waitForResults(page: Page, count: number): Promise<EscalationResult[]> {
  await page.waitForFunction((n) => window.e2e.state.results.length + window.e2e.state.errors.length >= n, count);
  const state = await page.evaluate(() => window.e2e.state);
  expect(state.errors).toEqual([]);
  return state.results;
}

describe('Pillar sidebar, in Chromium with the real SDK', () => {
  it('a paying user sees both tabs; "Talk to Support" and "Schedule a call" deliver the conversation', async () => {
    const { page, tabs } = await open(paying);
    expect(tabs).toEqual(['support', 'call', 'ticket']);
    await expect(page.getByRole('button', { name: 'Schedule a call' }).count()).resolves.toBe(1);

    await say(page, 'I was charged twice this month, order 4411');
    const conversationId = await page.evaluate(() => window.e2e.chat()!.conversationId);
    expect(conversationId).toEqual(expect.any(String));

    await page.getByRole('button', { name: 'Talk to Support' }).click();
    const [support] = await waitForResults(page, 1);
    expect(support).toMatchObject({ optionId: 'support', requestedOptionId: 'support', kind: 'e2e-intercom-chat', status: 'opened' });
    const composer = await page.evaluate(() => window.e2e.intercomComposer());
    expect(composer).toContain('User: I was charged twice this month, order 4411');
    expect(composer).toContain('Customer: Ada Lovelace (ada@example.com)');
    expect(composer).toContain('Page: Billing');
    expect(await page.evaluate(() => window.e2e.intercomMethods())).toEqual(['update', 'showNewMessage']);

    await page.getByRole('button', { name: 'Schedule a call' }).click();
    const results = await waitForResults(page, 2);
    expect(results[1]).toMatchObject({ optionId: 'call', kind: 'e2e-calendly-popup', status: 'opened' });
    const popup = await page.evaluate(() => window.e2e.calendlyPopup());
    expect(popup).toMatchObject({ url: 'https://calendly.com/acme/support', prefill: { name: 'Ada Lovelace', email: 'ada@example.com' } });
    expect((popup!.prefill as { customAnswers: { a1: string } }).customAnswers.a1).toContain('User: I was charged twice this month, order 4411');

    // The idempotency key is derived from Pillar's conversation id: the SDK's conversation really went through.
    expect(support!.idempotencyKey).toMatch(/^pe-[0-9a-f]{16}$/);
  });

  it('a free user does not see the paying-only tab, and sees it after upgrading (Pillar re-initialised)', async () => {
    const { page, tabs } = await open(free);
    expect(tabs).toEqual(['support', 'ticket']);
    await expect(page.getByRole('button', { name: 'Schedule a call' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Email support' }).count()).resolves.toBe(1);

    await say(page, 'How do I book a call?');
    const after = await page.evaluate((u) => window.e2e.signIn(u), { ...free, plan: 'pro' });
    expect(after).toEqual(['support', 'call', 'ticket']);
    await page.getByRole('button', { name: 'Schedule a call' }).waitFor();
    expect(await page.evaluate(() => window.e2e.state.inits)).toBe(2);
    // What docs/pillar-sidebar.md warns about: Pillar.destroy() clears the open conversation (and its stored id).
    expect(await page.evaluate(() => window.e2e.chat())).toBeNull();

    // The re-connected binding works on the new instance.
    await page.getByRole('button', { name: 'Schedule a call' }).click();
    const [result] = await waitForResults(page, 1);
    expect(result).toMatchObject({ optionId: 'call' });
    expect(await page.evaluate(() => window.e2e.calendlyPopup()?.prefill)).toMatchObject({ email: 'bob@example.com' });
  });

  it('a click before any conversation still escalates with the user and the page', async () => {
    const { page } = await open(paying);
    expect(await page.evaluate(() => window.e2e.chat())).toBeNull();

    await page.getByRole('button', { name: 'Talk to Support' }).click();
    const [result] = await waitForResults(page, 1);
    expect(result).toMatchObject({ optionId: 'support', status: 'opened' });
    const composer = await page.evaluate(() => window.e2e.intercomComposer());
    expect(composer).toContain('Page: Billing');
    expect(composer).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/app/);
    expect(composer).toContain('Customer: Ada Lovelace (ada@example.com)');
    expect(composer).toContain('Plan: pro');
    expect(composer).toContain('No messages yet.');
  });

  it('a blocked first option (the Intercom widget never loads) falls back to the second', async () => {
    const { page } = await open(paying, { intercom: 'blocked' });
    await say(page, 'The export crashes with a 500 error');

    await page.getByRole('button', { name: 'Talk to Support' }).click();
    const [result] = await waitForResults(page, 1);
    expect(result).toMatchObject({ optionId: 'ticket', requestedOptionId: 'support', status: 'created', reference: { id: 'T-1' } });
    expect(result!.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([
      ['support', 'failed', 'PROVIDER_UNAVAILABLE'],
      ['ticket', 'delivered', undefined],
    ]);
    expect(await page.evaluate(() => window.e2e.state.events)).toContainEqual({ type: 'fallback', from: 'support', to: 'ticket', code: 'PROVIDER_UNAVAILABLE' });
    expect(await page.evaluate(() => window.e2e.intercomComposer())).toBeUndefined();

    expect(server!.tickets).toHaveLength(1);
    const [ticket] = server!.tickets;
    expect(ticket!.body).toMatchObject({ requester: 'ada@example.com', reason: null, conversationId: expect.any(String) });
    expect(ticket!.body.body).toContain('User: The export crashes with a 500 error');
    expect(ticket!.idempotencyKey).toBe(`${result!.idempotencyKey}:ticket`);
  });

  it('the co-pilot tool, called through the SDK, escalates with the reason it was given', async () => {
    const { page } = await open(paying);
    await say(page, 'You charged my card after I cancelled');

    // The SDK runs a tool for the agent through the handler it registered; getHandler is its public way to reach it.
    const answer = await page.evaluate(() =>
      window.e2e.callTool('escalate_to_human', { reason: 'billing', summary: 'Charged after cancelling; wants a refund.' }),
    );
    expect(answer).toEqual({
      escalated: true,
      status: 'escalated',
      optionId: 'ticket',
      channel: 'Email support',
      delivery: 'created',
      reference: { id: 'T-1' },
      message: 'The user was handed to Email support with this conversation: a ticket was created and the team will reply.',
    });
    expect(server!.tickets).toHaveLength(1);
    const [ticket] = server!.tickets;
    expect(ticket!.body.reason).toBe('billing');
    expect(ticket!.body.body).toContain('Why a human: Billing');
    expect(ticket!.body.body).toContain('User: You charged my card after I cancelled');
    expect(ticket!.body.body).toContain('System: Summary from the co-pilot: Charged after cancelling; wants a refund.');

    // Another reason takes its own route: bugs go to the chat.
    const bug = await page.evaluate(() => window.e2e.callTool('escalate_to_human', { reason: 'bug' }));
    expect(bug).toMatchObject({ escalated: true, optionId: 'support', channel: 'Talk to Support' });
    expect(await page.evaluate(() => window.e2e.intercomComposer())).toContain('Why a human: Bug');
  });
});
