import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../../scripts/test-support/chromium';
import { zendeskSignature } from '../src/agent-console';
import { startDemo, type RunningDemo } from '../src/demo';
import { DEMO_ZENDESK_WEBHOOK_SECRET } from '../src/webhook-secrets';

// After the click, in real headless Chromium against the demo: the status surface shows the
// outcome, and the inbox's agent console sends the providers' signed webhooks to the relay,
// whose SSE stream brings each change to the page.

/** Tuesday 10:30 in New York: inside the support hours. */
const IN_HOURS = '2026-11-24T10:30';
/** Each wait; each test has its own bound (the third argument of `test`). */
const WAIT = { timeout: 10_000 };
const TEST_MS = 25_000;

let demo: RunningDemo;
let context: BrowserContext;
let inboxDir: string;
let browser: ChromiumSession | undefined;
/** What the relay reported (why it refused a webhook). */
const relayErrors: string[] = [];

beforeAll(async () => {
  inboxDir = mkdtempSync(join(tmpdir(), 'demo-status-inbox-'));
  // No credentials: both relay options deliver to the local inbox, whose console plays Zendesk.
  demo = await startDemo({ port: 0, inboxDir, demoRoot: join(__dirname, '..'), env: {}, onRelayError: (error) => relayErrors.push(`${error.code}: ${error.message}`) });
  browser = await launchChromium('The demo status test');
  context = browser.context;
  // Offline: only the demo server answers, so the Intercom Messenger cannot load (the "blocked widget").
  await context.route('**/*', async (route) => {
    if (route.request().url().startsWith(`${demo.url}/`)) return route.continue();
    return route.abort('blockedbyclient');
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (inboxDir) rmSync(inboxDir, { recursive: true, force: true });
});

/** The app as `user`, in hours, with every request to the relay's lifecycle routes recorded. */
async function openApp(user: 'free' | 'admin'): Promise<{ page: Page; requests: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/escalation/escalations/')) requests.push(request.url());
  });
  await page.goto(demo.url);
  await page.locator('body[data-ready="true"]').waitFor(WAIT);
  await page.getByTestId(`user-${user}`).check();
  const input = page.getByTestId('now-input');
  await input.fill(IN_HOURS);
  await input.blur();
  await page.locator(`body[data-tabs="${user === 'admin' ? 'support ticket call community' : 'support ticket community'}"]`).waitFor(WAIT);
  return { page, requests };
}

/** The status surface's panel (inside the element's open shadow root). */
function panel(page: Page): Locator {
  return page.locator('pillar-escalation-status section.panel');
}

/** Clicks a sidebar tab and waits for the surface to show a delivery; returns the inbox entry id. */
async function escalate(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.locator('pillar-escalation-status section.panel[data-phase="delivered"]').waitFor(WAIT);
  const card = page.getByTestId('escalation').first();
  await card.locator('[data-testid="result-json"]').waitFor({ state: 'attached', ...WAIT });
  const result = JSON.parse((await card.getByTestId('result-json').textContent()) ?? '{}') as { reference?: { id?: string } };
  const id = result.reference?.id;
  if (!id) throw new Error(`The escalation has no reference: ${JSON.stringify(result)}`);
  return id;
}

/** Waits until the surface's main sentence is `text`. */
async function shows(page: Page, text: string): Promise<void> {
  await panel(page).locator('[part="text"]', { hasText: text }).waitFor(WAIT);
}

/** The lifecycle states the page reported (`escalation:lifecycle`), in order. */
async function lifecycle(page: Page): Promise<string[]> {
  return page.getByTestId('lifecycle-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-state') ?? ''));
}

/** The inbox with its agent console, for one entry. */
async function openConsole(entryId: string): Promise<{ inbox: Page; act(command: 'assign' | 'reply' | 'solve' | 'resend' | 'forge', text?: string): Promise<{ status: string; answer: string }> }> {
  const inbox = await context.newPage();
  await inbox.goto(`${demo.url}/inbox`);
  await inbox.locator(`article#${entryId} [data-testid="console"]`).waitFor(WAIT);
  return {
    inbox,
    async act(command, text) {
      const article = inbox.locator(`article#${entryId}`);
      const before = await article.getByTestId('webhook').count();
      if (text !== undefined) await article.getByTestId('console-text').fill(text);
      await article.getByTestId(`console-${command}`).click();
      // The form posts, the console sends the webhook, and the inbox shows it with the relay's answer.
      const sent = inbox.locator(`article#${entryId} [data-testid="webhook"]`).nth(before);
      await sent.waitFor(WAIT);
      return { status: (await sent.getAttribute('data-status')) ?? '', answer: (await sent.getByTestId('webhook-answer').textContent()) ?? '' };
    },
  };
}

/** The relay's state of an escalation, read as the demo user (the relay answers only them). */
async function relayState(key: string, user: 'free' | 'admin'): Promise<{ status: number; state?: string; events?: { state: string }[] }> {
  const response = await fetch(`${demo.url}/api/escalation/escalations/${encodeURIComponent(key)}`, { headers: { cookie: `demo_user=${user}` } });
  return { status: response.status, ...(response.ok ? ((await response.json()) as { state: string; events: { state: string }[] }) : {}) };
}

/** Waits until `check()` holds (Node-side state, e.g. recorded requests), for at most WAIT. */
async function until(check: () => boolean): Promise<void> {
  const end = Date.now() + WAIT.timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Still false after ${WAIT.timeout} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The key the page follows: the one its lifecycle events name. */
async function followedKey(page: Page): Promise<string> {
  return (await page.getByTestId('lifecycle-event').first().getAttribute('data-key')) ?? '';
}

describe('after the click, in headless Chromium against the demo', () => {
  test(
    'a click shows the outcome with its reference',
    async () => {
      const { page } = await openApp('admin');
      const id = await escalate(page, 'Open a ticket');
      expect(id).toMatch(/^inbox-\d+$/);
      await shows(page, `Ticket #${id} — we’ll reply to ada@…`);
      expect(await panel(page).getAttribute('data-tone')).toBe('success');
      // Announced to screen readers, in the polite live region.
      expect(await page.locator('pillar-escalation-status [part="live"]').textContent()).toContain(`Ticket #${id}`);
      // The relay's own `created` arrives over the stream; the delivery's words stay.
      await page.locator('[data-testid="lifecycle-event"][data-state="created"]').waitFor(WAIT);
      await shows(page, `Ticket #${id} — we’ll reply to ada@…`);
      await page.close();
    },
    TEST_MS,
  );

  test(
    'an assignment, a reply and a solve from the console reach the page through signed webhooks and SSE',
    async () => {
      const { page, requests } = await openApp('admin');
      const id = await escalate(page, 'Open a ticket');
      const agent = await openConsole(id);

      const assigned = await agent.act('assign');
      expect(assigned).toEqual({ status: '200', answer: '{"received":true,"applied":1,"ignored":0}' });
      await shows(page, 'An agent is working on it.');

      // The relay keeps the reply as plain text (tags dropped); the page shows it as text.
      expect((await agent.act('reply', 'Fixed on our side: run the export again. <img src=x onerror="document.title=1">')).status).toBe('200');
      await shows(page, 'An agent replied.');
      expect(await panel(page).locator('[part="reply"] span:not(.reply-label)').innerText()).toBe('Fixed on our side: run the export again.');
      expect(await panel(page).locator('img').count()).toBe(0);

      expect((await agent.act('solve')).status).toBe('200');
      await shows(page, 'Solved. Glad we could help.');
      expect(await lifecycle(page)).toEqual(['created', 'assigned', 'agent_replied', 'solved']);
      // Analytics: each change names the option, the server's adapter kind and the time since the click.
      expect(await page.getByTestId('lifecycle-event').last().innerText()).toMatch(/^escalation:lifecycle solved · option ticket \(demo-inbox-ticket\) · \d+\.\d s after the click$/);
      await page.locator('[data-testid="resolved-event"][data-back="false"]').waitFor(WAIT);

      // Everything came over the event stream: no polling of the state route.
      expect(requests.some((url) => /\/api\/escalation\/escalations\/[^/?]+\/events(\?|$)/.test(url))).toBe(true);
      expect(requests.filter((url) => /\/api\/escalation\/escalations\/[^/?]+(\?|$)/.test(url))).toEqual([]);
      // At solved the surface hands back to the assistant.
      await panel(page).getByRole('button', { name: 'Back to the assistant' }).click();
      await page.locator('[data-testid="resolved-event"][data-back="true"]').waitFor(WAIT);
      await agent.inbox.close();
      await page.close();
    },
    TEST_MS,
  );

  test(
    'a reload resumes the stream where it was, missing nothing and repeating nothing',
    async () => {
      const { page, requests } = await openApp('admin');
      const id = await escalate(page, 'Open a ticket');
      const agent = await openConsole(id);
      expect((await agent.act('assign')).status).toBe('200');
      await shows(page, 'An agent is working on it.');
      const key = await followedKey(page);

      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor(WAIT);
      // Shown again from sessionStorage, without a click, and followed from the last event seen.
      await shows(page, 'An agent is working on it.');
      await page.waitForFunction(() => document.querySelector('pillar-escalation-status')?.shadowRoot?.querySelector('section.panel[data-phase="delivered"]') !== null, undefined, WAIT);
      await until(() => requests.some((url) => url.includes('/events?lastEventId=')));

      // A change made while the page was away reaches it too.
      expect((await agent.act('reply', 'We are looking at your export now.')).status).toBe('200');
      await shows(page, 'An agent replied.');
      expect(await lifecycle(page)).toEqual(['agent_replied']);
      expect((await relayState(key, 'admin')).events?.map((e) => e.state)).toEqual(['created', 'assigned', 'agent_replied']);
      await agent.inbox.close();
      await page.close();
    },
    TEST_MS,
  );

  test(
    'a forged webhook changes nothing: 401, and the page and the relay stay as they were',
    async () => {
      const { page } = await openApp('admin');
      const id = await escalate(page, 'Open a ticket');
      await page.locator('[data-testid="lifecycle-event"][data-state="created"]').waitFor(WAIT);
      const key = await followedKey(page);
      const agent = await openConsole(id);

      // The console's forged solve: Zendesk's envelope signed with a wrong secret.
      const forged = await agent.act('forge');
      expect(forged.status).toBe('401');
      expect(forged.answer).toContain('NOT_ALLOWED');
      expect(relayErrors).toContain('NOT_ALLOWED: zendesk webhook refused: signature mismatch');
      // A stale signature (correct secret, timestamp ten minutes old) is refused alike.
      const entry = (await demo.inbox.list()).find((e) => e.id === id)!;
      const stale = new Date(Date.now() - 600_000).toISOString();
      const body = JSON.stringify({
        type: 'zen:event-type:ticket.status_changed',
        id: 'stale-event',
        time: stale,
        subject: `zen:ticket:${id}`,
        detail: { id, external_id: entry.idempotencyKey, status: 'SOLVED' },
        event: { current: 'SOLVED', previous: 'NEW' },
      });
      const response = await fetch(`${demo.url}/api/escalation/webhooks/zendesk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': zendeskSignature(DEMO_ZENDESK_WEBHOOK_SECRET, stale, body), 'x-zendesk-webhook-signature-timestamp': stale },
        body,
      });
      expect(response.status).toBe(401);
      expect(relayErrors).toContain('NOT_ALLOWED: zendesk webhook refused: stale signature timestamp');

      // A real assignment after them arrives alone: the stream is ordered, so a forged solve
      // that had been applied would have come first.
      expect((await agent.act('assign')).status).toBe('200');
      await shows(page, 'An agent is working on it.');
      expect(await lifecycle(page)).toEqual(['created', 'assigned']);
      const state = await relayState(key, 'admin');
      expect(state.state).toBe('assigned');
      expect(state.events?.map((e) => e.state)).toEqual(['created', 'assigned']);
      // Only the user who escalated may read it.
      expect((await relayState(key, 'free')).status).toBe(404);
      await agent.inbox.close();
      await page.close();
    },
    TEST_MS,
  );

  test(
    'a doubled webhook shows once',
    async () => {
      const { page } = await openApp('admin');
      const id = await escalate(page, 'Open a ticket');
      const agent = await openConsole(id);
      expect((await agent.act('reply', 'Could you send us the file name?')).answer).toBe('{"received":true,"applied":1,"ignored":0}');
      // The provider's retry: the same bytes, signature and event id.
      expect(await agent.act('resend')).toEqual({ status: '200', answer: '{"received":true,"applied":0,"ignored":1}' });
      expect((await agent.act('solve')).status).toBe('200');
      await shows(page, 'Solved. Glad we could help.');
      expect(await lifecycle(page)).toEqual(['created', 'agent_replied', 'solved']);
      await agent.inbox.close();
      await page.close();
    },
    TEST_MS,
  );

  test(
    'a blocked widget shows the fallback, and the fallback’s ticket is followed',
    async () => {
      const { page } = await openApp('free');
      const id = await escalate(page, 'Talk to Support');
      await shows(page, `Ticket #${id} — we’ll reply to sam@…`);
      expect(await panel(page).locator('[part="detail"]').innerText()).toBe('Intercom was not available (it did not load, perhaps blocked), so we used our help desk instead.');
      expect(await panel(page).getAttribute('data-tone')).toBe('warning');
      const agent = await openConsole(id);
      expect((await agent.act('solve')).status).toBe('200');
      await shows(page, 'Solved. Glad we could help.');
      await agent.inbox.close();
      await page.close();
    },
    TEST_MS,
  );
});
