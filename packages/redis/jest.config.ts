/** @jest-config-loader esbuild-register */
import { preset } from '../../jest.preset';

// Runs against a real redis-server: REDIS_URL when set, else one the global setup starts.
export default preset('redis', { setupFiles: ['reflect-metadata'], globalSetup: '<rootDir>/test/global-setup.ts', globalTeardown: '<rootDir>/test/global-teardown.ts' });
