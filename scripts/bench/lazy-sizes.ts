// Page-load bytes: the apps of lazy-app.mjs built with code splitting, as an app's bundler
// splits them. What the page fetches before it runs, and what the first use (or the prefetch) fetches.
import { EAGER_APP, LAZY_APPS, LAZY_GETTING_STARTED, LAZY_GETTING_STARTED_NAME, measureSplit, PAGE_LOAD_AIM_GZIP } from './lazy-app.mjs';
import { table } from './harness';

const bytes = (n: number): string => n.toLocaleString('en-US');

export async function lazySizes(): Promise<{ markdown: string; pageLoadGzip: number }> {
  const apps: { name: string; contents: string; modules?: Record<string, string> }[] = [
    { name: 'core + intercom, eager (`connectPillar`, today)', contents: EAGER_APP },
    ...Object.entries(LAZY_APPS).map(([name, contents]) => ({ name: name === 'getting-started: core + relay' ? 'getting-started, eager (core + relay)' : `${name}: \`lazyAdapter\``, contents })),
    { name: LAZY_GETTING_STARTED_NAME, ...LAZY_GETTING_STARTED },
  ];
  const rows: string[][] = [];
  let pageLoadGzip = 0;
  for (const app of apps) {
    const without = await measureSplit({ ...app, external: ['tsyringe'] });
    const withTsyringe = await measureSplit(app);
    const tsyringeAtLoad = withTsyringe.pageLoad.gzip - without.pageLoad.gzip;
    if (app.name === LAZY_GETTING_STARTED_NAME) pageLoadGzip = without.pageLoad.gzip;
    rows.push([
      app.name,
      bytes(without.pageLoad.minified),
      `**${bytes(without.pageLoad.gzip)}**`,
      tsyringeAtLoad > 50 ? bytes(tsyringeAtLoad) : '0 (loads on click)',
      without.onClick.files ? bytes(without.onClick.minified) : '–',
      without.onClick.files ? bytes(without.onClick.gzip) : '–',
      withTsyringe.onClick.files ? bytes(withTsyringe.onClick.gzip) : '–',
    ]);
  }
  const markdown = [
    '### The lazy boundary',
    '',
    `What the page fetches before it runs ("page load": the entry chunk and the chunks it imports statically) and what the first use fetches ("on click": the chunks reached only through \`import()\`, which \`connectPillar\` and \`connectPillarLazily\` prefetch when the browser is idle or the pointer nears the sidebar). esbuild with \`splitting\`, minified, gzip per file. Page load is measured without tsyringe, whose bytes are given apart (the aim is at most ${bytes(PAGE_LOAD_AIM_GZIP)} B gzip). Budgets: \`pageLoad\` in \`scripts/size-budgets.json\`; \`pnpm check:size\` also fails when the lazy getting-started app passes the aim, or when a click chunk is not smaller than the eager app. The apps are in \`scripts/bench/lazy-app.mjs\`.`,
    '',
    table(['app', 'page load min (B)', 'page load gzip (B)', 'tsyringe at page load, gzip (B)', 'on click min (B)', 'on click gzip (B)', 'on click gzip, with tsyringe (B)'], rows),
    '',
    'Two ways to draw the boundary:',
    '',
    "- **`@pillar/escalation-core/sidebar`** (the starter's way): the page imports only `sidebarTabs` (the tabs from the options and their gates) and `connectPillarLazily` (the sidebar binding, prefetch included); the app's escalation module, with the registry, its adapters, the relay client, transcripts, redaction, the handoff brief and tsyringe, loads on use. This is the one that meets the aim.",
    "- **`lazyAdapter`** keeps the registry at page load and moves only the adapter package's own code (`import('@pillar/escalation-intercom')`) to the click chunk. Core's main entry reaches all of core, and esbuild assigns whole files to chunks: the registry, the brief (its lexicon alone is about 23 KB minified), context parsing, redaction and whatever core code the adapter uses stay at page load. A `lazyAdapter` around core's own `relay` moves nothing for the same reason, so the getting-started app uses the sidebar entry instead.",
    '',
    'To opt out, import the escalation module statically (`import { connect } from \'./escalation\'` and call it where `connectPillarLazily` is), or build the registry at boot and call `connectPillar` yourself. Reasons to: a page where the first click comes before the browser is ever idle and the network is slow (the click waits for the chunk); `registry.preview` or `registry.available` needed at boot; an app whose deploys remove old chunks while pages stay open (a missing chunk is `PROVIDER_UNAVAILABLE`, and the browser keeps that failure until the page reloads); or a bundler setup without code splitting (the `import()` is then inlined and costs nothing, so nothing is gained either).',
  ].join('\n');
  return { markdown, pageLoadGzip };
}
