/** @jest-config-loader esbuild-register */
import { preset } from '../../jest.preset';

export default preset('demo', { testTimeout: 120_000, setupFiles: ['reflect-metadata'] });
