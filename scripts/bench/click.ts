// Click to the provider's call in Chromium, on loopback, with the real Pillar SDK offline, each
// app on the lazy path (the page loads the tabs and `connectPillarLazily`; the escalation code
// is a chunk loaded on use):
// - the relay's POST: the starter (its relay, a fake Zendesk), from the click on "Email support"
//   to `fetch` called;
// - Intercom Messenger: `showNewMessage` called on a booted `window.Intercom`;
// - Zendesk Messenger: `zE('messenger', 'open')` called.
// The two Messengers are the click apps of scripts/bench/click-app, with in-page stubs of the
// vendors' globals that record the time of the call (no vendor script, no network). Measured
// inside the page (performance.now at the click and at the call), with the escalation chunk
// prefetched (the page was idle first) and not (its response is held until the click).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { startFakeZendesk } from '../../examples/starter/src/fake-zendesk';
import { startServer } from '../../examples/starter/src/server';
import { closedPort, launchChromium } from '../test-support/chromium';
import { root } from './bundle.mjs';
import { table } from './harness';

const RUNS = 7;
const WAIT = { timeout: 30_000 };
const MODES = ['prefetched', 'not prefetched'] as const;
type Mode = (typeof MODES)[number];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

// In the page before anything runs: the time of the first click, and of the provider's call (set by each target's stub).
const PROBE = `(() => {
  const marks = (window.__marks = {});
  document.addEventListener('click', () => { marks.click ??= performance.now(); window.__clicked?.(); }, true);
})();`;

/** The relay: the POST to the escalation endpoint leaving the page. */
const FETCH_PROBE = `(() => {
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    if (init && init.method === 'POST' && String(input).includes('/api/escalation')) window.__marks.call ??= performance.now();
    return fetch0.apply(this, arguments);
  };
})();`;

/** A booted Messenger, as Intercom's widget leaves `window.Intercom`: the adapter calls `update`, then `showNewMessage`. */
const INTERCOM_STUB = `(() => {
  const intercom = function (method) {
    if (method === 'showNewMessage') window.__marks.call ??= performance.now();
  };
  intercom.booted = true;
  window.Intercom = intercom;
})();`;

/** Zendesk's Messaging `zE`: records `open`, and confirms it as the widget does (its `open` event). */
const ZENDESK_STUB = `(() => {
  const onOpen = [];
  window.zE = function (command, name, callback) {
    if (command === 'messenger:on' && name === 'open') {
      onOpen.push(callback);
      return () => { const i = onOpen.indexOf(callback); if (i >= 0) onOpen.splice(i, 1); };
    }
    if (command === 'messenger' && name === 'open') {
      window.__marks.call ??= performance.now();
      for (const listener of [...onOpen]) setTimeout(listener, 0);
    }
  };
})();`;

interface Target {
  /** The row's name. */
  name: string;
  /** The in-page script that records `__marks.call`. */
  stub: string;
  /** The page to open (it signs in first, for the starter). */
  path: string;
  /** The sidebar tab to click. */
  tab: string;
  /** When prefetched: what tells that the escalation code has run. */
  loaded(page: Page): Promise<void>;
}

const CLICK_APPS = ['intercom', 'zendesk'] as const;

/** Builds a click app (scripts/bench/click-app/<name>.ts) with code splitting: `/<name>/app.js` and its chunks. */
async function bundleClickApp(name: (typeof CLICK_APPS)[number]): Promise<Map<string, string>> {
  const outdir = join(root, 'node_modules/.cache/pillar-bench-click', name);
  const result = await build({
    entryPoints: { app: join(root, 'scripts/bench/click-app', `${name}.ts`) },
    tsconfig: join(root, 'tsconfig.json'),
    bundle: true,
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [`/${name}/${relative(outdir, file.path).split(sep).join('/')}`, file.text]));
}

/** Serves the click apps on loopback: `/<name>/` (the page, with the Pillar config), its scripts. */
async function serveClickApps(pillarApiBaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const files = new Map<string, string>();
  for (const name of CLICK_APPS) for (const [path, text] of await bundleClickApp(name)) files.set(path, text);
  const config = JSON.stringify({ productKey: 'bench', apiBaseUrl: pillarApiBaseUrl });
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const script = files.get(path);
    const app = CLICK_APPS.find((name) => path === `/${name}/`);
    if (script !== undefined) res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(script);
    else if (app) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>click bench: ${app}</title>
<script type="application/json" id="pillar-config">${config}</script>
<script type="module" src="/${app}/app.js"></script></head><body><main><h1>${app}</h1></main></body></html>`);
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function once(page: Page, origin: string, target: Target, mode: Mode): Promise<number> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.exposeFunction('__clicked', () => release());
  if (mode === 'not prefetched') await page.route('**/chunks/escalation-*', async (route) => held.then(() => route.continue()));
  else release();
  await page.addInitScript(`${PROBE}\n${target.stub}`);
  await page.goto(`${origin}${target.path}`);
  await page.locator('body[data-ready="true"]').waitFor(WAIT);
  const tab = page.getByRole('button', { name: target.tab, exact: true });
  await tab.waitFor({ state: 'visible', ...WAIT });
  if (mode === 'prefetched') await target.loaded(page);
  await tab.click();
  await page.waitForFunction(() => (window as unknown as { __marks: { call?: number } }).__marks.call !== undefined, undefined, WAIT);
  const marks = await page.evaluate(() => (window as unknown as { __marks: { click: number; call: number } }).__marks);
  return marks.call - marks.click;
}

/** The figures of one target: median and range per mode, over {@link RUNS} page loads each. */
export type ClickFigures = Record<Mode, { median: number; min: number; max: number }>;

/**
 * Click to the provider's call for the relay (the starter), Intercom Messenger and Zendesk
 * Messenger, each with the escalation chunk prefetched and not: the section's markdown, and the
 * figures by target.
 */
export async function clickToPost(log: (line: string) => void = () => {}): Promise<{ markdown: string; ms: Record<string, ClickFigures> }> {
  const pillarApi = `http://127.0.0.1:${await closedPort()}`;
  const zendesk = await startFakeZendesk();
  const starter = await startServer({
    appDir: join(root, 'examples/starter'),
    zendesk: { subdomain: 'acme', auth: { email: 'agent@example.com', apiToken: 'bench-token' }, baseUrl: zendesk.baseUrl },
    pillar: { productKey: 'bench', apiBaseUrl: pillarApi },
    port: 0,
    onError: () => {},
  });
  const apps = await serveClickApps(pillarApi);
  const chatLoaded = (page: Page) => page.locator('body[data-escalation="loaded"]').waitFor({ state: 'attached', ...WAIT });
  const targets: Array<Target & { origin: string }> = [
    // The starter's escalation module sets no flag: an idle network means its chunk has come and run.
    { name: 'relay POST (`fetch` called; the starter)', stub: FETCH_PROBE, path: '/sign-in?user=u_free', tab: 'Email support', loaded: (page) => page.waitForLoadState('networkidle'), origin: starter.url },
    { name: "Intercom Messenger (`showNewMessage` called)", stub: INTERCOM_STUB, path: '/intercom/', tab: 'Chat with us', loaded: chatLoaded, origin: apps.url },
    { name: "Zendesk Messenger (`zE('messenger', 'open')` called)", stub: ZENDESK_STUB, path: '/zendesk/', tab: 'Chat with us', loaded: chatLoaded, origin: apps.url },
  ];
  const browser = await launchChromium('pnpm bench (click to the provider call)');
  const samples = new Map(targets.map((target) => [target.name, { prefetched: [] as number[], 'not prefetched': [] as number[] }]));
  try {
    // Only loopback: no vendor script, and Pillar's API is a closed port.
    await browser.context.route('**/*', (route) => (route.request().url().startsWith('http://127.0.0.1:') ? route.continue() : route.abort('blockedbyclient')));
    for (let run = 0; run < RUNS; run++) {
      for (const target of targets) {
        for (const mode of MODES) {
          const page = await browser.context.newPage();
          try {
            samples.get(target.name)![mode].push(await once(page, target.origin, target, mode));
          } finally {
            await page.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
    await apps.close();
    await starter.close();
    await zendesk.close();
  }
  const ms: Record<string, ClickFigures> = {};
  const rows: string[][] = [];
  for (const target of targets) {
    const figures = Object.fromEntries(
      MODES.map((mode) => {
        const values = samples.get(target.name)![mode];
        return [mode, { median: median(values), min: Math.min(...values), max: Math.max(...values) }];
      }),
    ) as ClickFigures;
    ms[target.name] = figures;
    const cell = (mode: Mode) => `**${figures[mode].median.toFixed(1)}** (${figures[mode].min.toFixed(1)} – ${figures[mode].max.toFixed(1)})`;
    rows.push([target.name, cell('prefetched'), cell('not prefetched')]);
  }
  for (const row of rows) log(`  ${row.join(' | ')}`);
  const markdown = [
    `On loopback in headless Chromium with the real Pillar SDK offline, each app on the lazy path (the page loads the tabs and \`connectPillarLazily\`; the registry and the adapter are a chunk loaded on use): from the click on the sidebar tab to the provider's call, measured in the page with \`performance.now()\`; median of ${RUNS} page loads each, range in parentheses. The relay: the starter (examples/starter), its POST leaving the page (\`fetch\` called). The Messengers: the click apps of \`scripts/bench/click-app\` (core + one adapter), with in-page stubs of \`window.Intercom\` (booted) and \`window.zE\` that record the call; the vendors' scripts are not loaded, so this is the library's part of the time, not the widget's. Prefetched: the page was idle first, so \`connectPillarLazily\` had loaded and run the escalation chunk. Not prefetched: the chunk's response is held until the click (as on a first click before the page was ever idle), so the click pays for fetching, parsing and running it; on a real network add the chunk's download time.`,
    '',
    table(["provider's call", 'chunk prefetched: click → call, median (range), ms', 'not prefetched, ms'], rows),
  ].join('\n');
  return { markdown, ms };
}
