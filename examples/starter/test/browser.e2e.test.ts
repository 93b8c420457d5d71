import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openChromium, startStarter, type RunningStarter } from './support';

// The starter in headless Chromium with the real Pillar SDK (offline: its API is a closed
// loopback port), driven as a user would: sign in, open the page, click a sidebar tab, read what
// the page says. The escalation goes through the relay to the fake Zendesk.

const WAIT = { timeout: 30_000 };

let starter: RunningStarter;
let browser: Awaited<ReturnType<typeof openChromium>>;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  starter = await startStarter();
  browser = await openChromium();
  context = browser.context;
  // Offline: only the starter answers; Pillar's own API calls go to a closed port.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(`${starter.app.url}/`) || url.startsWith('http://127.0.0.1:') ? route.continue() : route.abort('blockedbyclient');
  });
});

afterAll(async () => {
  await browser?.close();
  await starter?.close();
});

/** Signs in through the page's own link and waits until Pillar shows the sidebar tabs. */
async function openAs(userId: 'u_free' | 'u_pro'): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${starter.app.url}/sign-in?user=${userId}`);
  await page.locator('body[data-ready="true"]').waitFor(WAIT);
  await tab(page, 'Email support').waitFor({ state: 'visible', ...WAIT });
  return page;
}

/** A sidebar tab the real Pillar SDK rendered (its `aria-label` is the tab's label). */
function tab(page: Page, label: string): Locator {
  return page.getByRole('button', { name: label, exact: true });
}

async function outcomeAfterClick(page: Page, label: string): Promise<{ text: string; state: string | null }> {
  await tab(page, label).click();
  const status = page.getByRole('status');
  await page.locator('#support-status[data-state="delivered"], #support-status[data-state="failed"]').waitFor(WAIT);
  return { text: await status.innerText(), state: await status.getAttribute('data-state') };
}

describe('the starter in headless Chromium', () => {
  test('a click on "Email support" escalates through the relay, and the page says which ticket was made', async () => {
    const page = await openAs('u_free');
    const before = starter.zendesk.tickets.length;
    const outcome = await outcomeAfterClick(page, 'Email support');
    const made = starter.zendesk.tickets.at(-1)!;
    expect(starter.zendesk.tickets).toHaveLength(before + 1);
    expect(outcome).toEqual({ text: `Ticket #${made.id} created — we'll reply by email`, state: 'delivered' });
    // No conversation yet (Pillar is offline): the user, the page and "No messages yet." go out.
    expect(made.ticket.requester).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(made.ticket.comment?.html_body).toContain(starter.app.url);
    expect(made.ticket.comment?.html_body).toContain('No messages yet.');
    // The same click again is the same escalation (same key): the first ticket, not a second one.
    await page.evaluate(() => void (document.getElementById('support-status')!.dataset.state = ''));
    expect(await outcomeAfterClick(page, 'Email support')).toEqual(outcome);
    expect(starter.zendesk.tickets).toHaveLength(before + 1);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test('a free user is not shown "Priority support"; a pro user is, and gets a high-priority ticket', async () => {
    const free = await openAs('u_free');
    expect(await tab(free, 'Priority support').count()).toBe(0);
    await free.close();

    const pro = await openAs('u_pro');
    const before = starter.zendesk.tickets.length;
    const outcome = await outcomeAfterClick(pro, 'Priority support');
    expect(starter.zendesk.tickets).toHaveLength(before + 1);
    const made = starter.zendesk.tickets.at(-1)!;
    expect(made.ticket).toMatchObject({ priority: 'high', requester: { email: 'grace@example.com' } });
    expect(outcome.text).toBe(`Ticket #${made.id} created — we'll reply by email`);
    await pro.close();
  });

  test('when Zendesk refuses the ticket, the page says support could not be reached', async () => {
    const page = await openAs('u_pro');
    const before = starter.zendesk.tickets.length;
    starter.zendesk.failNext(422);
    const outcome = await outcomeAfterClick(page, 'Email support');
    expect(outcome).toEqual({ text: 'Support could not be reached (PROVIDER_REJECTED): please try again', state: 'failed' });
    expect(starter.zendesk.tickets).toHaveLength(before);
    // The full error stays on the server (onError), with what Zendesk said.
    expect(starter.errors.at(-1)).toMatchObject({ code: 'PROVIDER_REJECTED', status: 422 });
    await page.close();
  });
});
