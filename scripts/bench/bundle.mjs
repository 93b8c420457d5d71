// Bundles browser entries the way an app's bundler would (esbuild, minified ESM for the browser),
// with the workspace packages resolved to their sources so no build is needed. Shared by
// scripts/check-size.mjs (budgets in `pnpm test`) and the size section of `pnpm bench`.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const root = new URL('../..', import.meta.url).pathname;

/** The browser entries: what `import ... from '<name>'` gives an app in the browser. */
export const BROWSER_ENTRIES = [
  { name: 'core', specifier: '@pillar/escalation-core' },
  { name: 'core/suggest', specifier: '@pillar/escalation-core/suggest' },
  { name: 'core/status', specifier: '@pillar/escalation-core/status' },
  { name: 'core/sidebar', specifier: '@pillar/escalation-core/sidebar' },
  { name: 'intercom', specifier: '@pillar/escalation-intercom' },
  { name: 'zendesk', specifier: '@pillar/escalation-zendesk' },
  { name: 'freshdesk', specifier: '@pillar/escalation-freshdesk' },
  { name: 'calendly', specifier: '@pillar/escalation-calendly' },
  { name: 'community-redirect', specifier: '@pillar/escalation-community-redirect' },
];

// The same map the type checker and Jest use (tsconfig.json "paths"), so the three never disagree.
const paths = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions.paths;

/** The source file a workspace specifier resolves to, or undefined for anything else. */
export function sourceOf(specifier) {
  const exact = paths[specifier];
  if (exact) return join(root, exact[0]);
  for (const [pattern, [target]] of Object.entries(paths)) {
    if (!pattern.endsWith('/*')) continue;
    const prefix = pattern.slice(0, -1);
    if (specifier.startsWith(prefix)) return join(root, target.replace('*', specifier.slice(prefix.length)));
  }
  return undefined;
}

function workspacePlugin(external) {
  return {
    name: 'workspace-sources',
    setup(b) {
      b.onResolve({ filter: /^@pillar\/escalation-/ }, (args) => {
        if (external.some((name) => args.path === name || args.path.startsWith(`${name}/`))) return { path: args.path, external: true };
        const path = sourceOf(args.path);
        return path ? { path } : { errors: [{ text: `No source for ${args.path} in tsconfig.json paths` }] };
      });
    },
  };
}

/**
 * Bundles one app module (`contents`, TypeScript) and measures it.
 * @param {{ contents: string, external?: string[] }} input
 * @returns {Promise<{ minified: number, gzip: number, inputs: string[], code: string }>}
 */
export async function measure({ contents, external = [], minifyIdentifiers = true }) {
  const result = await build({
    stdin: { contents, loader: 'ts', resolveDir: root, sourcefile: 'app.ts' },
    bundle: true,
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // The root tsconfig turns on experimentalDecorators (tsyringe's parameter decorators).
    tsconfig: join(root, 'tsconfig.json'),
    absWorkingDir: root,
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [workspacePlugin(external)],
    external: external.filter((name) => !name.startsWith('@pillar/')),
  });
  const code = result.outputFiles[0].contents;
  // Only the files that put bytes into the output: the metafile also lists files that were
  // parsed and then tree-shaken away entirely.
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([path]) => relative(root, join(root, path)));
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs, code: Buffer.from(code).toString('utf8') };
}

/** Everything an entry exports, kept (the worst case: an app that uses all of it). */
export const reexportAll = (specifier) => `export * from '${specifier}';\n`;

/** Inputs that must never reach a browser bundle: axios, and server-only sources. */
export function serverOnlyInputs(inputs) {
  return inputs.filter((path) =>
    /(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?axios\//.test(path) ||
    /^packages\/[^/]+\/src\/server\.ts$/.test(path) ||
    /^packages\/core\/src\/http(\.ts|\/send-json\.ts)$/.test(path),
  );
}

/** Which workspace packages a bundle took code from (by source path). */
export function packagesIn(inputs) {
  return [...new Set(inputs.map((path) => /^packages\/([^/]+)\//.exec(path)?.[1]).filter(Boolean))].sort();
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
