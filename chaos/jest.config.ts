/** @jest-config-loader esbuild-register */
import { preset } from '../jest.preset';

// The chaos suite: a fault-injecting provider emulator, two relay processes sharing a real
// redis-server, 30 concurrent clients. One bounded run takes a minute or two.
export default preset('chaos', { testTimeout: 240_000 });
