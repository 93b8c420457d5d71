import { defineConfig } from 'tsup';

// tsup.config.ts: ESM and CommonJS, with .d.ts and .d.cts, core left external.
export default defineConfig({
  entry: { index: 'src/index.ts', server: 'src/server.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  external: ['@pillar/escalation-core'],
});
