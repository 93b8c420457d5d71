// `pnpm bench`: bundles the benchmarks with esbuild, the workspace packages from their sources
// (as an app's bundler builds them), and runs them with node. Not tsx: it compiles with
// esbuild's keepNames, which wraps every closure the code under test creates in a call, and a
// transcript render measured 40% slower under it than bundled.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, sourceOf } from './bundle.mjs';

const out = join(root, 'node_modules/.cache/pillar-bench');
const entries = { index: 'scripts/bench/index.ts', 'relay-server': 'scripts/bench/relay-server.ts' };

await build({
  entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
  plugins: [
    {
      name: 'workspace-sources',
      setup(b) {
        // Workspace packages from their sources; every other package as installed.
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@pillar/escalation-') ? { path: sourceOf(args.path) } : { path: args.path, external: true },
        );
        // The bench's own files find things next to them (the repo root, the relay server).
        b.onLoad({ filter: /[\\/]scripts[\\/]bench[\\/][^\\/]+\.(ts|mjs)$/ }, async (args) => ({
          contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: extname(args.path) === '.ts' ? 'ts' : 'js',
        }));
      },
    },
  ],
});

const run = spawnSync(process.execPath, [join(out, 'index.mjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PILLAR_BENCH_RELAY_SERVER: join(out, 'relay-server.mjs') },
});
process.exit(run.status ?? 1);
