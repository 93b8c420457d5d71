import type { Options } from 'tsup';

/**
 * Shared build: ESM + CJS with `.d.ts`/`.d.cts` for both, one file per entry, no bundled
 * dependencies (peers and dependencies stay external), tree-shakeable output.
 */
export function preset(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0', types: [], paths: {} } },
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: true,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    ...overrides,
  };
}
