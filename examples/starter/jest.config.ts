/** @jest-config-loader esbuild-register */
import { preset } from '../../jest.preset';

// Real HTTP on loopback and a real Chromium with the real Pillar SDK: give the suites room.
export default preset('starter', { testTimeout: 90_000 });
