import { defineConfig } from 'tsup';
import { preset } from '../../tsup.preset';

// Server only (node:crypto), so the declarations need Node's types.
export default defineConfig(
  preset({ index: 'src/index.ts' }, { dts: { compilerOptions: { ignoreDeprecations: '6.0', types: ['node'], paths: {} } } }),
);
