import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the browser app from the packages' sources (the demo's tsconfig maps
 * `@pillar/escalation-*` to `packages/<name>/src`), so `pnpm demo` needs no build step.
 * The Pillar SDK stays external: the page loads it from node_modules through an import map.
 */
export async function bundleApp(demoRoot: string): Promise<string> {
  const result = await build({
    entryPoints: [join(demoRoot, 'src/app/main.ts')],
    tsconfig: join(demoRoot, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['@pillar-ai/sdk'],
    define: { 'process.env.NODE_ENV': '"production"' },
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the demo app');
  return output.text;
}
