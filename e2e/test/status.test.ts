/**
 * The status surface in headless Chromium: every outcome and lifecycle state rendered by
 * <pillar-escalation-status>, its live region read as a screen reader would get it, and a
 * screenshot of each state saved to docs/status/ (docs/status.md shows them). The relay is the
 * test server, streaming the lifecycle over real Server-Sent Events; a reload resumes the stream.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type {} from '../app/status';
import { openBrowser, requireChromium, type BrowserSession } from '../support/harness';
import { buildStatusApp, startStatusServer, type StatusServer } from '../support/status-server';

const shots = join(__dirname, '..', '..', 'docs', 'status');
let server: StatusServer | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  requireChromium();
  mkdirSync(shots, { recursive: true });
  server = await startStatusServer(await buildStatusApp());
});

afterAll(async () => {
  await server?.close();
});

afterEach(async () => {
  try {
    if (session) {
      expect(await session.page.evaluate(() => window.statusE2E.state.unhandled)).toEqual([]);
      expect(session.logs).toEqual([]);
    }
  } finally {
    await session?.close();
    session = undefined;
  }
});

async function open(): Promise<Page> {
  session = await openBrowser();
  const { page } = session;
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(server!.url);
  await page.waitForFunction(() => window.statusE2E !== undefined);
  await page.evaluate(() => window.statusE2E.mount());
  return page;
}

/** Waits until the live region (`status`: polite, `alert`: assertive) reads `text`; returns what it read. */
async function live(page: Page, role: 'status' | 'alert', text: string | RegExp): Promise<string> {
  const [source, flags] = typeof text === 'string' ? [null, ''] : [text.source, text.flags];
  const read = () => page.evaluate((r) => document.querySelector('pillar-escalation-status')?.shadowRoot?.querySelector(`[role="${r}"]`)?.textContent ?? '', role);
  try {
    await page.waitForFunction(
      ([r, t, s, f]) => {
        const now = document.querySelector('pillar-escalation-status')?.shadowRoot?.querySelector(`[role="${r}"]`)?.textContent ?? '';
        return s === null ? now === t : new RegExp(s, f).test(now);
      },
      [role, typeof text === 'string' ? text : '', source, flags] as const,
      // The page's default (15 s): the wait only guards against a hang, and Chromium on a loaded 2-core machine is slow.
      { timeout: 15_000 },
    );
  } catch {
    // Fail with what the live region did say.
    expect(await read()).toEqual(text);
  }
  return read();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('pillar-escalation-status section').screenshot({ path: join(shots, `${name}.png`), animations: 'disabled' });
}

const TICKET = 'Ticket #1001 — we’ll reply to ada@…';

describe('the status surface, in Chromium', () => {
  it('shows every outcome honestly, announces it, and saves a screenshot of each', async () => {
    const page = await open();

    await page.evaluate(() => window.statusE2E.run('slow'));
    await live(page, 'status', 'Contacting support through Intercom…');
    // Focus moved to the panel's heading when it opened.
    expect(await page.evaluate(() => document.querySelector('pillar-escalation-status')!.shadowRoot!.activeElement?.tagName)).toBe('H2');
    await shot(page, 'working');
    await page.evaluate(() => window.statusE2E.release());
    await live(page, 'status', 'Intercom opened — an agent will answer there.');
    await shot(page, 'messenger-opened');

    await page.evaluate(() => window.statusE2E.run('ticket'));
    await live(page, 'status', TICKET);
    await shot(page, 'ticket-created');

    await page.evaluate(() => window.statusE2E.run('blocked-chat'));
    const fellBack = await live(page, 'status', new RegExp(`^${TICKET}`));
    expect(fellBack).toBe(`${TICKET} Intercom was not available (it did not load, perhaps blocked), so we used Zendesk instead.`);
    await shot(page, 'fallback');

    await page.evaluate(() => window.statusE2E.run('refused'));
    await live(page, 'alert', 'We could not reach support through Zendesk (it refused the request). Nothing was sent. You can try again, or choose another way below.');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await page.getByRole('button', { name: 'Email support' }).waitFor();
    await shot(page, 'failed');

    await page.evaluate(() => window.statusE2E.run('after-hours'));
    await live(page, 'alert', /^Phone support is closed now\. It opens again Monday,? 9:00\sAM EST\.$/);
    await page.getByRole('button', { name: 'Email support' }).waitFor();
    await shot(page, 'outside-hours');

    await page.evaluate(() => window.statusE2E.run('lost'));
    await live(page, 'status', 'Your request may have reached support. We are checking. Please do not send it again elsewhere: that could open a second request.');
    expect(await page.getByRole('button', { name: 'Email support' }).count()).toBe(0);
    await shot(page, 'may-exist');

    await page.evaluate(() => window.statusE2E.run('call'));
    await live(page, 'status', 'Calendly opened — pick a time there to book your call.');
    await shot(page, 'scheduling-opened');
    await page.evaluate(() => window.statusE2E.booked());
    await live(page, 'status', 'Your call is booked. Calendly opened — pick a time there to book your call.');
    await shot(page, 'call-booked');

    await page.evaluate(() => window.statusE2E.run('forum'));
    await live(page, 'status', 'Community forum opened in a new tab — your question is not posted until you send it there.');
    await shot(page, 'community-opened');

    // Escape closes the panel and puts focus back.
    await page.keyboard.press('Escape');
    await page.locator('pillar-escalation-status section').waitFor({ state: 'hidden' });
  });

  it('hears back over Server-Sent Events until solved, then hands back to the assistant', async () => {
    const page = await open();
    await page.evaluate(() => window.statusE2E.run('ticket', { email: 'grace@example.com' }));
    await live(page, 'status', 'Ticket #1001 — we’ll reply to gra…@…');
    const key = server!.posted[server!.posted.length - 1]!;
    await page.waitForFunction(() => window.statusE2E.state.lifecycle.some((e) => e.state === 'created'));

    server!.push(key, 'assigned');
    await live(page, 'status', 'An agent is working on it. Ticket #1001 — we’ll reply to gra…@…');
    await shot(page, 'assigned');
    server!.push(key, 'agent_replied', 'We refunded the second charge.');
    await live(page, 'status', 'An agent replied. Ticket #1001 — we’ll reply to gra…@…');
    await shot(page, 'agent-replied');
    server!.push(key, 'waiting_on_user');
    await live(page, 'status', 'Support is waiting for your reply. Ticket #1001 — we’ll reply to gra…@…');
    await shot(page, 'waiting-on-user');
    server!.push(key, 'solved');
    await live(page, 'status', 'Solved. Glad we could help. Ticket #1001 — we’ll reply to gra…@…');
    await shot(page, 'solved');

    await page.getByRole('button', { name: 'Back to the assistant' }).click();
    const state = await page.evaluate(() => window.statusE2E.state);
    expect(state.pillarOpened).toEqual([{ view: 'chat', focusInput: true }]);
    expect(state.lifecycle.map((e) => e.state)).toEqual(['created', 'assigned', 'agent_replied', 'waiting_on_user', 'solved']);
    expect(state.resolved.map((e) => e.backToAssistant)).toEqual([false, true]);
    expect(state.lifecycle.every((e) => e.kind === 'zendesk-ticket' && e.optionId === 'ticket' && e.sinceClickMs >= 0)).toBe(true);
    // Stopped at solved: nothing kept for a reload.
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('a reload resumes the stream from the last event, in the user’s language, with the reply when asked', async () => {
    const page = await open();
    await page.evaluate(() => window.statusE2E.mount({ showReplies: true }));
    await page.evaluate(() => window.statusE2E.run('ticket', { locale: 'de-DE' }));
    await live(page, 'status', 'Ticket #1001 — wir antworten an ada@…');
    const key = server!.posted[server!.posted.length - 1]!;
    server!.push(key, 'assigned');
    await live(page, 'status', 'Ein Mitarbeiter kümmert sich darum. Ticket #1001 — wir antworten an ada@…');

    await page.reload();
    await page.waitForFunction(() => window.statusE2E !== undefined);
    await page.evaluate(() => window.statusE2E.mount({ showReplies: true }));
    await live(page, 'status', 'Ein Mitarbeiter kümmert sich darum. Ticket #1001 — wir antworten an ada@…');
    await page.waitForFunction((k) => document.querySelector('pillar-escalation-status') !== null && k.length > 0, key);
    expect(server!.streams(key)).toEqual(['0', '2']);

    server!.push(key, 'agent_replied', 'Wir haben die zweite Abbuchung erstattet. <b>Danke!</b>');
    await live(page, 'status', 'Ein Mitarbeiter hat geantwortet. Ticket #1001 — wir antworten an ada@…');
    const reply = await page.evaluate(() => document.querySelector('pillar-escalation-status')!.shadowRoot!.querySelector('.reply')!.textContent);
    expect(reply).toBe('AntwortWir haben die zweite Abbuchung erstattet. <b>Danke!</b>');
    await shot(page, 'de-agent-reply');
    // After the reload only the new state was reported (nothing replayed).
    expect(await page.evaluate(() => window.statusE2E.state.lifecycle.map((e) => e.state))).toEqual(['agent_replied']);
  });

  it('takes the app’s theme from CSS custom properties', async () => {
    const page = await open();
    await page.addStyleTag({
      content: ':root { --pillar-status-bg: #0d1117; --pillar-status-fg: #e6edf3; --pillar-status-muted: #9198a1; --pillar-status-border: #3d444d; --pillar-status-accent: #4493f8; --pillar-status-error: #f85149; }',
    });
    await page.evaluate(() => window.statusE2E.run('refused', { locale: 'fr' }));
    await live(page, 'alert', /^Impossible de joindre l’assistance via Zendesk/);
    const background = await page.locator('pillar-escalation-status section').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
    await shot(page, 'themed-dark-fr');
  });

  it('an inline panel sits where the app put it, in the page flow, not at the corner offset', async () => {
    const page = await open();
    // Without the entrance animation (it slides the panel in by a few pixels).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(() => window.statusE2E.mount({ inline: true }));
    await page.evaluate(() => window.statusE2E.run('refused'));
    await live(page, 'alert', /Zendesk/);
    // Inside the element's own box: the fixed panel's corner offset would move it 16 px out.
    const [host, panel] = await page.evaluate(() => {
      const element = document.querySelector('pillar-escalation-status')!;
      const box = (r: DOMRect) => ({ left: Math.round(r.left), top: Math.round(r.top), right: Math.round(r.right), bottom: Math.round(r.bottom) });
      return [box(element.getBoundingClientRect()), box(element.shadowRoot!.querySelector('section')!.getBoundingClientRect())];
    });
    expect(panel.left).toBe(host.left);
    expect(panel.top).toBeGreaterThanOrEqual(host.top);
    expect(panel.right).toBeLessThanOrEqual(host.right);
    expect(panel.bottom).toBeLessThanOrEqual(host.bottom);
  });
});
