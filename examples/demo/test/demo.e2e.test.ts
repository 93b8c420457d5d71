import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../../scripts/test-support/chromium';
import { startDemo, type RunningDemo } from '../src/demo';
import { escalate, tab, WAIT } from './support/escalate';

// The demo in real headless Chromium with the real Pillar SDK, driven as a user would: switch
// users, move the clock, click the sidebar tabs, read the panels and the inbox.


/** Tuesday 10:30 and Saturday 11:00 in New York: inside and outside the support hours. */
const IN_HOURS = '2026-11-24T10:30';
const OUT_OF_HOURS = '2026-11-28T11:00';

let demo: RunningDemo;
let context: BrowserContext;
let inboxDir: string;
let browser: ChromiumSession | undefined;
/** Every URL the page tried to reach outside the demo server (all of them are blocked). */
const blocked: string[] = [];

beforeAll(async () => {
  inboxDir = mkdtempSync(join(tmpdir(), 'demo-inbox-'));
  // No credentials in env: every server option delivers to the local inbox.
  demo = await startDemo({ port: 0, inboxDir, demoRoot: join(__dirname, '..'), env: {} });
  browser = await launchChromium('The demo test');
  context = browser.context;
  // Offline, like a machine without network or a browser with an ad blocker: only the demo
  // server answers. A page opened in a new tab (Calendly, the forum) gets a stand-in page so
  // its address can be read; scripts (Intercom, Calendly's widget.js) and Pillar's API fail.
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (request.url().startsWith(`${demo.url}/`)) return route.continue();
    blocked.push(request.url());
    // Only the new tabs navigate away from the demo (the widgets' iframes never get that far).
    if (request.isNavigationRequest()) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>offline stand-in</title><p>The real site would load here.</p>' });
    }
    return route.abort('blockedbyclient');
  });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (inboxDir) rmSync(inboxDir, { recursive: true, force: true });
});

/** Opens the app as `user` at `now` (New York wall time) and waits for the sidebar to show `tabs`. */
async function openApp(user: 'free' | 'admin', now: string, tabs: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.goto(demo.url);
  await page.locator('body[data-ready="true"]').waitFor(WAIT);
  await page.getByTestId(`user-${user}`).check();
  const input = page.getByTestId('now-input');
  await input.fill(now);
  await input.blur();
  await page.locator(`body[data-tabs="${tabs.join(' ')}"]`).waitFor(WAIT);
  return page;
}

async function expectSidebar(page: Page, shown: string[], hidden: string[]): Promise<void> {
  for (const label of shown) await tab(page, label).waitFor({ state: 'visible', ...WAIT });
  for (const label of hidden) expect(await tab(page, label).count()).toBe(0);
}

async function inboxEntry(page: Page, id: string): Promise<Locator> {
  const inbox = await context.newPage();
  await inbox.goto(`${demo.url}/inbox`);
  const entry = inbox.locator(`article#${id}`);
  await entry.waitFor(WAIT);
  return entry;
}

describe('the demo in headless Chromium', () => {
  test('a free user in business hours sees Talk to Support, Open a ticket and Ask the community, not Schedule a call', async () => {
    const page = await openApp('free', IN_HOURS, ['support', 'ticket', 'community']);
    await expectSidebar(page, ['Talk to Support', 'Open a ticket', 'Ask the community'], ['Schedule a call', 'Leave a message']);
    expect(await page.getByTestId('hours-status').getAttribute('data-open')).toBe('true');
    await page.close();
  });

  test('a paying admin also sees Schedule a call; out of hours Leave a message replaces Talk to Support', async () => {
    const page = await openApp('admin', IN_HOURS, ['support', 'ticket', 'call', 'community']);
    await expectSidebar(page, ['Talk to Support', 'Open a ticket', 'Schedule a call', 'Ask the community'], ['Leave a message']);
    const input = page.getByTestId('now-input');
    await input.fill(OUT_OF_HOURS);
    await input.blur();
    await page.locator('body[data-tabs="message ticket call community"]').waitFor(WAIT);
    await expectSidebar(page, ['Leave a message', 'Open a ticket', 'Schedule a call', 'Ask the community'], ['Talk to Support']);
    expect(await page.getByTestId('hours-status').getAttribute('data-open')).toBe('false');
    await page.close();
  });

  test('Talk to Support: the Messenger cannot load, and the fallback opens a ticket in the inbox, escaped and redacted', async () => {
    const page = await openApp('free', IN_HOURS, ['support', 'ticket', 'community']);
    const card = await escalate(page, 'Talk to Support');
    expect(await card.getAttribute('data-state')).toBe('delivered');
    expect(await card.getAttribute('data-delivered')).toBe('ticket');
    const events = await card.getByTestId('events').innerText();
    expect(events).toContain('“Talk to Support” failed with PROVIDER_UNAVAILABLE');
    expect(events).toContain('Falling back to “Open a ticket”');
    const attempts = card.getByTestId('attempts').locator('tbody tr');
    expect(await attempts.count()).toBe(2);
    expect(await attempts.nth(0).getAttribute('data-outcome')).toBe('failed');
    expect(await attempts.nth(0).innerText()).toContain('intercom-messenger');
    expect(await attempts.nth(1).getAttribute('data-outcome')).toBe('delivered');
    // The payloads of both options: the Messenger's summary, then what the relay POSTs.
    expect(await card.locator('[data-testid="preview"][data-option="support"]').innerText()).toContain('"app_id": "demo0000"');
    const relayed = await card.locator('[data-testid="preview"][data-option="ticket"]').innerText();
    expect(relayed).toContain('(relay)');
    expect(relayed).toContain('"optionId": "ticket"');
    expect(blocked.some((url) => url.startsWith('https://widget.intercom.io/widget/'))).toBe(true);

    const result = JSON.parse(await card.getByTestId('result-json').textContent() ?? '{}') as { reference?: { id?: string; url?: string } };
    expect(result.reference?.url).toBe(`${demo.url}/inbox#${result.reference?.id}`);
    const entry = await inboxEntry(page, result.reference!.id!);
    expect(await entry.getAttribute('data-option')).toBe('ticket');
    expect(await entry.innerText()).toContain('Sam Rivera');
    const transcript = entry.getByTestId('inbox-transcript');
    // Markup from the conversation shows as text, never as elements; the card number is masked.
    expect(await transcript.innerText()).toContain('I pressed <b>Retry</b> twice');
    expect(await transcript.locator('b').count()).toBe(0);
    expect(await transcript.innerText()).not.toContain('4242 4242 4242 4242');
    expect(await transcript.innerText()).toContain('Yes please, I need a human.');
    await entry.page().close();
    await page.close();
  });

  test('Open a ticket: delivered to the inbox through the relay, once, even when clicked twice', async () => {
    const page = await openApp('admin', IN_HOURS, ['support', 'ticket', 'call', 'community']);
    const first = await escalate(page, 'Open a ticket');
    expect(await first.getAttribute('data-state')).toBe('delivered');
    expect(await first.getAttribute('data-delivered')).toBe('ticket');
    const firstResult = JSON.parse(await first.getByTestId('result-json').textContent() ?? '{}') as { status: string; reference: { id: string } };
    expect(firstResult.status).toBe('created');
    // Behind the relay: what the server's option sends, for the user the server identified.
    const serverPreview = first.locator('[data-testid="server-preview"][data-option="ticket"]');
    await serverPreview.waitFor(WAIT);
    const serverPayload = await serverPreview.innerText();
    expect(serverPayload).toContain('(demo-inbox-ticket)');
    expect(serverPayload).toContain('"standsFor": "a Zendesk ticket"');
    expect(serverPayload).toContain('"email": "ada@example.com"');
    expect(serverPayload).toContain('I pressed &lt;b&gt;Retry&lt;/b&gt; twice');

    const second = await escalate(page, 'Open a ticket');
    const secondResult = JSON.parse(await second.getByTestId('result-json').textContent() ?? '{}') as { reference: { id: string } };
    expect(secondResult.reference.id).toBe(firstResult.reference.id);

    const entry = await inboxEntry(page, firstResult.reference.id);
    expect(await entry.innerText()).toContain('Ada Lovelace');
    expect(await entry.innerText()).toContain('plan pro');
    const conversationId = (await page.evaluate(() => document.querySelector('[data-testid="preview"][data-option="ticket"]')?.textContent ?? '')).match(/"conversationId": "(demo-[a-z0-9]+)"/)?.[1];
    expect(conversationId).toBeDefined();
    const stored = (await demo.inbox.list()).filter((e) => e.context.conversationId === conversationId && e.optionId === 'ticket');
    expect(stored).toHaveLength(1);
    await entry.page().close();
    await page.close();
  });

  test('Leave a message out of hours: the server re-checks the hours with the same clock and delivers to the inbox', async () => {
    const page = await openApp('free', OUT_OF_HOURS, ['message', 'ticket', 'community']);
    const card = await escalate(page, 'Leave a message');
    expect(await card.getAttribute('data-state')).toBe('delivered');
    expect(await card.getAttribute('data-delivered')).toBe('message');
    const result = JSON.parse(await card.getByTestId('result-json').textContent() ?? '{}') as { reference: { id: string } };
    const entry = await inboxEntry(page, result.reference.id);
    expect(await entry.getAttribute('data-option')).toBe('message');
    expect(await entry.innerText()).toContain('Leave a message');
    await entry.page().close();
    await page.close();
  });

  test('Schedule a call: Calendly’s embed cannot load, so the prefilled booking link opens on calendly.com', async () => {
    const page = await openApp('admin', IN_HOURS, ['support', 'ticket', 'call', 'community']);
    const popup = page.waitForEvent('popup', WAIT);
    const card = await escalate(page, 'Schedule a call');
    const opened = await popup;
    await opened.waitForLoadState('domcontentloaded');
    const url = new URL(opened.url());
    expect(url.origin).toBe('https://calendly.com');
    expect(url.pathname).toBe('/acme-demo/support-call');
    expect(url.searchParams.get('name')).toBe('Ada Lovelace');
    expect(url.searchParams.get('email')).toBe('ada@example.com');
    expect(url.searchParams.get('a1')).toContain('Our weekly CSV export fails');
    expect(url.searchParams.get('a1')).not.toContain('4242 4242 4242 4242');
    expect(url.searchParams.get('utm_source')).toBe('pillar');
    expect(blocked.some((u) => u.startsWith('https://assets.calendly.com/assets/external/widget.js'))).toBe(true);

    expect(await card.getAttribute('data-state')).toBe('delivered');
    const result = JSON.parse(await card.getByTestId('result-json').textContent() ?? '{}') as { status: string; reference: { url: string }; data: { fallback?: string } };
    expect(result.status).toBe('redirected');
    expect(result.data.fallback).toBe('script-error');
    expect(result.reference.url).toBe(opened.url());
    await opened.close();
    await page.close();
  });

  test('Ask the community: a new topic on the configured forum, with the question as title and the transcript as body', async () => {
    const page = await openApp('free', OUT_OF_HOURS, ['message', 'ticket', 'community']);
    const popup = page.waitForEvent('popup', WAIT);
    const card = await escalate(page, 'Ask the community');
    const opened = await popup;
    await opened.waitForLoadState('domcontentloaded');
    const url = new URL(opened.url());
    expect(url.origin).toBe('https://community.example.com');
    expect(url.pathname).toBe('/new-topic');
    expect(url.searchParams.get('title')).toMatch(/^Our weekly CSV export fails with "Error 500"/);
    // Markdown: the markup is escaped so the forum shows it as typed; the card number is masked.
    expect(url.searchParams.get('body')).toContain('I pressed \\<b\\>Retry\\</b\\> twice');
    expect(url.searchParams.get('body')).not.toContain('4242 4242 4242 4242');
    expect(url.searchParams.get('body')).toContain('Yes please, I need a human.');
    expect(url.searchParams.get('body')).not.toContain('sam@example.com');
    expect(url.searchParams.get('category')).toBe('support');
    expect(await card.getAttribute('data-state')).toBe('delivered');
    expect(await card.getByTestId('opened-href').innerText()).toBe(opened.url());
    await opened.close();
    await page.close();
  });

  test('without a conversation, Open a ticket still reaches the inbox, saying there are no messages', async () => {
    const page = await openApp('free', IN_HOURS, ['support', 'ticket', 'community']);
    await page.getByLabel('Hand the seeded conversation to the escalation').uncheck();
    const card = await escalate(page, 'Open a ticket');
    expect(await card.getAttribute('data-state')).toBe('delivered');
    const result = JSON.parse(await card.getByTestId('result-json').textContent() ?? '{}') as { reference: { id: string } };
    const entry = await inboxEntry(page, result.reference.id);
    expect(await entry.getByTestId('inbox-transcript').innerText()).toContain('No messages yet.');
    await entry.page().close();
    await page.close();
  });
});
