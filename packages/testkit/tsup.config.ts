import { defineConfig } from 'tsup';
import { preset } from '../../tsup.preset';

export default defineConfig(preset({index: 'src/index.ts', msw: 'src/msw.ts', fakes: 'src/fakes.ts'}));
