// The getting-started app on the lazy path, built the way an app's bundler builds it (esbuild,
// ESM, code splitting, minified): what the page loads at once, and the chunk a click loads.
// Shared by scripts/check-size.mjs (the page-load budget in `pnpm test`) and `pnpm bench`.
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, sourceOf } from './bundle.mjs';

/** The app's page module: a registry of lazy options, gated, wired to the Pillar sidebar. */
export const LAZY_APPS = {
  'core + intercom (lazy)': `import { connectPillar, createRegistry, lazyAdapter, plans } from '@pillar/escalation-core';
const chat = lazyAdapter({
  kind: 'intercom-messenger',
  runtime: 'browser',
  load: () => import('@pillar/escalation-intercom').then((m) => m.intercomMessenger({ appId: 'abc123' })),
});
const registry = createRegistry([
  { id: 'chat', label: 'Talk to Support', icon: 'support', adapter: chat },
  { id: 'priority', label: 'Priority support', icon: 'support', when: plans(['pro', 'enterprise']), adapter: chat },
]);
const pillar = (globalThis as any).pillar;
registry.sidebarTabs({ conversationId: null, messages: [], user: { plan: 'pro' } }).then((tabs) => pillar.init({ sidebarTabs: tabs }));
connectPillar(pillar, registry);
`,
  // The getting-started app (examples/starter/src/browser.ts): its one browser adapter is core's
  // own relay, which core's entry reaches, so a lazy boundary cannot move it (see docs/performance.md).
  'getting-started: core + relay': `import { connectPillar, createRegistry, plans, relay } from '@pillar/escalation-core';
const relayed = relay({ endpoint: '/api/escalation' });
const registry = createRegistry([
  { id: 'ticket', label: 'Email support', icon: 'mail', adapter: relayed },
  { id: 'priority', label: 'Priority support', icon: 'support', when: plans(['pro', 'enterprise']), adapter: relayed },
]);
const pillar = (globalThis as any).pillar;
registry.sidebarTabs({ conversationId: null, messages: [], user: { plan: 'pro' } }).then((tabs) => pillar.init({ sidebarTabs: tabs }));
connectPillar(pillar, registry, { onEscalated: (result) => console.log(result.reference?.id) });
`,
};

/** What the lazy getting-started app may load before the first click, gzip, without tsyringe (issue 17's aim). */
export const PAGE_LOAD_AIM_GZIP = 4096;

/** The name of {@link LAZY_GETTING_STARTED} in tables and budgets. */
export const LAZY_GETTING_STARTED_NAME = 'getting-started, lazy (core/sidebar + relay on use)';

/**
 * The getting-started app on the lazy path (examples/starter/src/browser.ts): the page imports
 * only `@pillar/escalation-core/sidebar`; the registry and the relay are in `app:escalation`,
 * loaded on use.
 */
export const LAZY_GETTING_STARTED = {
  contents: `import { connectPillarLazily, plans, sidebarTabs } from '@pillar/escalation-core/sidebar';
const supportOptions = [
  { id: 'ticket', label: 'Email support', icon: 'mail' as const },
  { id: 'priority', label: 'Priority support', icon: 'support' as const, when: plans(['pro', 'enterprise']) },
];
const pillar = (globalThis as any).pillar;
sidebarTabs(supportOptions, { conversationId: null, messages: [], user: { plan: 'pro' } }).then((tabs) => pillar.init({ sidebarTabs: tabs }));
connectPillarLazily(pillar, {
  tabs: supportOptions.map((option) => option.id),
  load: (p) => import('app:escalation').then((m) => m.connect(p, supportOptions)),
});
`,
  modules: {
    'app:escalation': `import { connectPillar, createRegistry, relay, type EscalationOption, type PillarLike } from '@pillar/escalation-core';
export function connect(pillar: PillarLike, options: Omit<EscalationOption, 'adapter'>[]) {
  const registry = createRegistry(options.map((option) => ({ ...option, adapter: relay({ endpoint: '/api/escalation' }) })));
  return connectPillar(pillar, registry, { onEscalated: (result) => console.log(result.reference?.id) });
}
`,
  },
};

/** The same app, eager (today's): everything at page load. */
export const EAGER_APP = `import { connectPillar, createRegistry, plans } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
const chat = intercomMessenger({ appId: 'abc123' });
const registry = createRegistry([
  { id: 'chat', label: 'Talk to Support', icon: 'support', adapter: chat },
  { id: 'priority', label: 'Priority support', icon: 'support', when: plans(['pro', 'enterprise']), adapter: chat },
]);
const pillar = (globalThis as any).pillar;
registry.sidebarTabs({ conversationId: null, messages: [], user: { plan: 'pro' } }).then((tabs) => pillar.init({ sidebarTabs: tabs }));
connectPillar(pillar, registry);
`;

const size = (bytes) => ({ minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength });
const sum = (parts) => parts.reduce((a, b) => ({ minified: a.minified + b.minified, gzip: a.gzip + b.gzip }), { minified: 0, gzip: 0 });

/**
 * Builds one app with code splitting. `pageLoad`: the entry chunk and every chunk it imports
 * statically (what the browser fetches before the app runs); `onClick`: the chunks reached only
 * through dynamic `import()` (what the first use, or the prefetch, fetches). Gzip is per file,
 * as a server sends them. `inputs` lists the sources with bytes in each part.
 * @param {{ contents: string, modules?: Record<string, string>, external?: string[] }} input (`modules`: the app's other modules, imported as `app:<name>`)
 */
export async function measureSplit({ contents, modules = {}, external = [] }) {
  const result = await build({
    entryPoints: ['app-entry'],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    absWorkingDir: root,
    outdir: join(root, '.size-out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    external,
    plugins: [
      {
        name: 'app-and-workspace',
        setup(b) {
          b.onResolve({ filter: /^app-entry$|^app:/ }, (args) => ({ path: args.path, namespace: 'app' }));
          b.onLoad({ filter: /.*/, namespace: 'app' }, (args) => ({ contents: args.path === 'app-entry' ? contents : modules[args.path], loader: 'ts', resolveDir: root }));
          b.onResolve({ filter: /^@pillar\/escalation-/ }, (args) => {
            const path = sourceOf(args.path);
            return path ? { path } : { errors: [{ text: `No source for ${args.path}` }] };
          });
        },
      },
    ],
  });
  const outputs = result.metafile.outputs;
  const bytesOf = new Map(result.outputFiles.map((file) => [file.path.slice(root.length), file.contents]));
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint);
  const walk = (start, kinds) => {
    const seen = new Set();
    const stack = [start];
    while (stack.length) {
      const path = stack.pop();
      if (seen.has(path)) continue;
      seen.add(path);
      for (const imported of outputs[path].imports) if (!imported.external && kinds.includes(imported.kind)) stack.push(imported.path);
    }
    return seen;
  };
  const pageLoad = walk(entry, ['import-statement']);
  const everything = walk(entry, ['import-statement', 'dynamic-import']);
  const onClick = [...everything].filter((path) => !pageLoad.has(path));
  const part = (paths) => ({
    ...sum([...paths].map((path) => size(bytesOf.get(path)))),
    files: [...paths].length,
    inputs: [...new Set([...paths].flatMap((path) => Object.entries(outputs[path].inputs).filter(([, info]) => info.bytesInOutput > 0).map(([input]) => input)))].sort(),
  });
  return { pageLoad: part(pageLoad), onClick: part(onClick) };
}
