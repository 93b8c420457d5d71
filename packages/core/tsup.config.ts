import { defineConfig } from 'tsup';
import { preset } from '../../tsup.preset';

export default defineConfig(
  preset(
    { index: 'src/index.ts', suggest: 'src/suggest.ts', status: 'src/status.ts', sidebar: 'src/sidebar.ts', http: 'src/http.ts', reflect: 'src/reflect.ts' },
    // Imported by its package path so it stays its own module, evaluated before tsyringe.
    { external: ['@pillar/escalation-core/reflect'] },
  ),
);
