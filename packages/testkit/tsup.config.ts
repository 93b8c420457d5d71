import { defineConfig } from 'tsup';
import { preset } from '../../tsup.preset';

// The bundle check reads files and resolves paths (node:fs, node:path), so the declarations need Node's types.
export default defineConfig(
  preset(
    { index: 'src/index.ts', msw: 'src/msw.ts', fakes: 'src/fakes.ts', bundle: 'src/bundle.ts' },
    { dts: { compilerOptions: { ignoreDeprecations: '6.0', types: ['node'], paths: {} } } },
  ),
);
