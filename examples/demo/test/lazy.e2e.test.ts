import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../../scripts/test-support/chromium';
import { bundleApp } from '../src/bundle';
import { startDemo, type RunningDemo } from '../src/demo';
import { escalate, WAIT } from './support/escalate';

// The demo's lazy path: the page loads the tabs and the sidebar binding; the escalation code
// (registry, adapters, relay client, tsyringe, status surface) is a chunk of its own, loaded on
// use. Checked in the bundle (what is in which file) and in headless Chromium (the page works
// while that chunk has not arrived, the click waits for it, and a chunk that cannot load is
// PROVIDER_UNAVAILABLE on the page).

const demoRoot = join(__dirname, '..');
/** Tuesday 10:30 in New York: inside the support hours. */
const IN_HOURS = '2026-11-24T10:30';
const ESCALATION_CHUNK = '**/chunks/escalation-*.js';

/** Strings that exist only in the escalation code, one per part of it (kept verbatim by minification). */
const MARKERS = {
  'the Intercom adapter': "'intercom-messenger'",
  'the registry': 'escalation:fallback',
  'the relay client': 'it was already used for a different escalation',
  tsyringe: 'TypeInfo not known for',
  'the status surface': 'pillar-escalation-status',
};

const quoted = (marker: string) => marker.replace(/^'(.*)'$/, '$1');

describe('the page-load bundle', () => {
  test('holds the tabs and the binding only: every part of the escalation code is in a chunk loaded on use', async () => {
    const bundle = await bundleApp(demoRoot, { minify: true, sourcemap: false });
    const pageLoad = [...bundle.files].filter(([url]) => bundle.pageLoad.has(url));
    const onUse = [...bundle.files].filter(([url]) => !bundle.pageLoad.has(url));
    expect(pageLoad.map(([url]) => url)).toContain('/app.js');
    expect(onUse.map(([url]) => url)).toContainEqual(expect.stringMatching(/^\/chunks\/escalation-[A-Z0-9]+\.js$/));
    for (const [part, marker] of Object.entries(MARKERS)) {
      const text = quoted(marker);
      expect({ part, atPageLoad: pageLoad.filter(([, code]) => code.includes(text)).map(([url]) => url) }).toEqual({ part, atPageLoad: [] });
      expect({ part, onUse: onUse.some(([, code]) => code.includes(text)) }).toEqual({ part, onUse: true });
    }
    // 79,639 B gzip when the demo loaded everything at once; about 9.9 KB now (the demo's own
    // panels included). The bound leaves room for the demo to grow, not for the escalation code.
    const gzip = pageLoad.reduce((sum, [, code]) => sum + gzipSync(code, { level: 9 }).byteLength, 0);
    expect(gzip).toBeLessThan(12_288);
  });
});

describe('the lazy path in headless Chromium', () => {
  let demo: RunningDemo;
  let context: BrowserContext;
  let inboxDir: string;
  let browser: ChromiumSession | undefined;

  beforeAll(async () => {
    inboxDir = mkdtempSync(join(tmpdir(), 'demo-lazy-inbox-'));
    demo = await startDemo({ port: 0, inboxDir, demoRoot, env: {}, onRelayError: () => {} });
    browser = await launchChromium('The demo lazy-path test');
    context = browser.context;
    // Offline: only the demo server answers.
    await context.route('**/*', (route) => (route.request().url().startsWith(`${demo.url}/`) ? route.continue() : route.abort('blockedbyclient')));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (inboxDir) rmSync(inboxDir, { recursive: true, force: true });
  });

  /** Opens the app as a free user in hours, with the escalation chunk's requests handled by `chunk`. */
  async function openApp(chunk: Parameters<Page['route']>[1]): Promise<Page> {
    const page = await context.newPage();
    await page.route(ESCALATION_CHUNK, chunk);
    await page.goto(demo.url);
    await prepare(page);
    return page;
  }

  /** Waits for the page, then picks the free user and a time in hours. */
  async function prepare(page: Page): Promise<void> {
    await page.locator('body[data-ready="true"]').waitFor(WAIT);
    await page.getByTestId('user-free').check();
    const input = page.getByTestId('now-input');
    await input.fill(IN_HOURS);
    await input.blur();
    await page.locator('body[data-tabs="support ticket community"]').waitFor(WAIT);
  }

  test('the page runs without the escalation chunk; a click before it arrived waits for it and delivers', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let requested = 0;
    const page = await openApp(async (route) => {
      requested += 1;
      await held;
      await route.continue();
    });
    // Tabs shown, gates applied, clock and user switched: all while the chunk is held.
    await page.getByRole('button', { name: 'Open a ticket', exact: true }).waitFor({ state: 'visible', ...WAIT });
    expect(await page.locator('pillar-escalation-status').count()).toBe(0);
    await page.getByRole('button', { name: 'Open a ticket', exact: true }).click();
    // The click waits for the escalation code: nothing has started yet. The chunk's request reaches
    // the route when the browser sends it (bounded wait: a loaded machine may take longer than 200 ms).
    await page.waitForTimeout(200);
    for (const until = Date.now() + 10_000; requested === 0 && Date.now() < until; ) await page.waitForTimeout(20);
    expect(requested).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('escalation').count()).toBe(0);
    release();
    await page.waitForFunction(() => document.querySelector('[data-testid="escalation"]')?.getAttribute('data-state') === 'delivered', undefined, WAIT);
    // Handed over once: one card, delivered by the relay to the inbox.
    const cards = page.getByTestId('escalation');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getAttribute('data-delivered')).toBe('ticket');
    await page.locator('pillar-escalation-status section.panel[data-phase="delivered"]').waitFor(WAIT);
    expect(requested).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  test('a chunk that cannot load is PROVIDER_UNAVAILABLE on the page, shown as other failures are', async () => {
    const page = await openApp((route) => route.abort('internetdisconnected'));
    const card = await escalate(page, 'Open a ticket');
    expect(await card.getAttribute('data-state')).toBe('failed');
    expect(await card.getAttribute('data-error')).toBe('PROVIDER_UNAVAILABLE');
    expect(await card.getByTestId('headline').innerText()).toMatch(/^Failed: PROVIDER_UNAVAILABLE: The escalation code could not be loaded/);
    expect(await page.getByTestId('status-unavailable').innerText()).toBe('Support could not be reached (PROVIDER_UNAVAILABLE): please try again, or reload the page if it keeps failing.');
    await page.close();
  });

  test('after a failed chunk fetch, later clicks fail the same way until the page reloads (as the docs tell users)', async () => {
    let online = false;
    let requested = 0;
    const page = await openApp((route) => {
      requested += 1;
      return online ? route.continue() : route.abort('internetdisconnected');
    });
    const first = await escalate(page, 'Open a ticket');
    expect(await first.getAttribute('data-error')).toBe('PROVIDER_UNAVAILABLE');
    const fetched = requested;
    online = true;
    // The click calls load again, but Chromium answers the import() from its module map: no new
    // request, the same failure.
    const second = await escalate(page, 'Open a ticket');
    expect({ state: await second.getAttribute('data-state'), error: await second.getAttribute('data-error'), requested }).toEqual({
      state: 'failed',
      error: 'PROVIDER_UNAVAILABLE',
      requested: fetched,
    });
    await page.reload();
    await prepare(page);
    const afterReload = await escalate(page, 'Open a ticket');
    expect(await afterReload.getAttribute('data-state')).toBe('delivered');
    expect(requested).toBeGreaterThan(fetched);
    await page.close();
  });
});
