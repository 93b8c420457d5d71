/** @jest-config-loader esbuild-register */
import { preset } from '../jest.preset';

// Tests of the repo scripts (scaffolding, packing): slow, so they run in their own project.
export default preset('scripts', { setupFiles: ['reflect-metadata'], testMatch: ['<rootDir>/test/**/*.test.ts'] });
