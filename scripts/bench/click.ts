// Click to the provider's call in Chromium: the starter on loopback (its relay, a fake Zendesk),
// the real Pillar SDK offline. From the click on the "Email support" tab to the relay POST
// leaving the page, measured inside the page (performance.now at the click and at fetch), with
// the escalation chunk prefetched (the page was idle first) and not (its chunk is held until the click).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeZendesk } from '../../examples/starter/src/fake-zendesk';
import { startServer } from '../../examples/starter/src/server';
import { closedPort, launchChromium } from '../test-support/chromium';
import { root } from './bundle.mjs';
import { table } from './harness';

const RUNS = 7;
const WAIT = { timeout: 30_000 };

type Mode = 'prefetched' | 'not prefetched';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

// In the page before anything runs: the time of the click on a sidebar tab, and of the relay POST.
const PROBE = `(() => {
  const marks = (window.__marks = {});
  document.addEventListener('click', () => { marks.click ??= performance.now(); window.__clicked?.(); }, true);
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    if (init && init.method === 'POST' && String(input).includes('/api/escalation')) marks.post ??= performance.now();
    return fetch0.apply(this, arguments);
  };
})();`;

async function once(page: Page, url: string, mode: Mode): Promise<number> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.exposeFunction('__clicked', () => release());
  if (mode === 'not prefetched') await page.route('**/chunks/escalation-*', async (route) => held.then(() => route.continue()));
  else release();
  await page.addInitScript(PROBE);
  await page.goto(`${url}/sign-in?user=u_free`);
  await page.locator('body[data-ready="true"]').waitFor(WAIT);
  const tab = page.getByRole('button', { name: 'Email support', exact: true });
  await tab.waitFor({ state: 'visible', ...WAIT });
  if (mode === 'prefetched') await page.waitForLoadState('networkidle');
  await tab.click();
  await page.waitForFunction(() => (window as unknown as { __marks: { post?: number } }).__marks.post !== undefined, undefined, WAIT);
  const marks = await page.evaluate(() => (window as unknown as { __marks: { click: number; post: number } }).__marks);
  return marks.post - marks.click;
}

export async function clickToPost(log: (line: string) => void = () => {}): Promise<{ markdown: string; ms: Record<Mode, number> }> {
  const zendesk = await startFakeZendesk();
  const app = await startServer({
    appDir: join(root, 'examples/starter'),
    zendesk: { subdomain: 'acme', auth: { email: 'agent@example.com', apiToken: 'bench-token' }, baseUrl: zendesk.baseUrl },
    pillar: { productKey: 'bench', apiBaseUrl: `http://127.0.0.1:${await closedPort()}` },
    port: 0,
    onError: () => {},
  });
  const browser = await launchChromium('pnpm bench (click to the relay POST)');
  const samples: Record<Mode, number[]> = { prefetched: [], 'not prefetched': [] };
  try {
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith(`${app.url}/`) || url.startsWith('http://127.0.0.1:') ? route.continue() : route.abort('blockedbyclient');
    });
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['prefetched', 'not prefetched'] as const) {
        const page = await browser.context.newPage();
        try {
          samples[mode].push(await once(page, app.url, mode));
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await zendesk.close();
  }
  const ms = { prefetched: median(samples.prefetched), 'not prefetched': median(samples['not prefetched']) };
  const rows = (['prefetched', 'not prefetched'] as const).map((mode) => [mode, ms[mode].toFixed(1), `${Math.min(...samples[mode]).toFixed(1)} – ${Math.max(...samples[mode]).toFixed(1)}`]);
  for (const row of rows) log(`  ${row.join(' | ')}`);
  const markdown = [
    `The starter (examples/starter) on loopback in headless Chromium with the real Pillar SDK offline: from the click on its "Email support" tab to the relay's POST leaving the page (\`fetch\` called), measured in the page with \`performance.now()\`; median of ${RUNS} page loads each. Prefetched: the page was idle first, so \`connectPillarLazily\` had loaded the escalation chunk. Not prefetched: the chunk's response is held until the click (as on a first click before the page was ever idle), so the click pays for fetching, parsing and running it; on a real network add the chunk's download time.`,
    '',
    table(['escalation chunk', 'click → POST, median (ms)', 'range (ms)'], rows),
  ].join('\n');
  return { markdown, ms };
}
