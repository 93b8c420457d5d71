/** @jest-config-loader esbuild-register */
import { preset } from '../jest.preset';

// Real Chromium and the real Pillar SDK: each test launches a browser, so give them room.
export default preset('e2e', { testTimeout: 90_000 });
