import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';

/** The browser app as served: scripts by URL path, and which of them the page loads at once. */
export interface DemoBundle {
  /** Every script by URL path: `/app.js` (the entry) and `/chunks/*.js`. */
  files: ReadonlyMap<string, string>;
  /**
   * What the page fetches before it runs (the entry and the chunks it imports statically); the
   * other files load on use, through `import()` (the escalation code: registry, adapters, relay client).
   */
  pageLoad: ReadonlySet<string>;
}

/** How to build it: the demo serves it unminified with inline source maps; the size test and the bench measure it minified. */
export interface BundleAppOptions {
  /** @defaultValue false */
  minify?: boolean;
  /** @defaultValue true */
  sourcemap?: boolean;
}

/**
 * Bundles the browser app from the packages' sources (the demo's tsconfig maps
 * `@pillar/escalation-*` to `packages/<name>/src`), so `pnpm demo` needs no build step. Code
 * splitting on: what `src/app/main.ts` imports with `import()` is in chunks of its own.
 * The Pillar SDK stays external: the page loads it from node_modules through an import map.
 */
export async function bundleApp(demoRoot: string, options: BundleAppOptions = {}): Promise<DemoBundle> {
  const outdir = join(demoRoot, 'dist-browser');
  const result = await build({
    entryPoints: { app: join(demoRoot, 'src/app/main.ts') },
    tsconfig: join(demoRoot, 'tsconfig.json'),
    bundle: true,
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['@pillar-ai/sdk'],
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: options.minify ?? false,
    legalComments: options.minify ? 'none' : 'inline',
    sourcemap: options.sourcemap === false ? false : 'inline',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const urlOf = (path: string) => `/${relative(outdir, path).split(sep).join('/')}`;
  const files = new Map(result.outputFiles.map((file) => [urlOf(file.path), file.text]));
  if (!files.has('/app.js')) throw new Error('esbuild produced no /app.js for the demo app');
  // The metafile's paths are relative to the working directory.
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([path, output]) => [urlOf(join(process.cwd(), path)), output]));
  const pageLoad = new Set<string>();
  const stack = ['/app.js'];
  while (stack.length > 0) {
    const url = stack.pop()!;
    if (pageLoad.has(url)) continue;
    pageLoad.add(url);
    for (const imported of outputs[url]?.imports ?? []) {
      if (!imported.external && imported.kind === 'import-statement') stack.push(urlOf(join(process.cwd(), imported.path)));
    }
  }
  return { files, pageLoad };
}
