// Sets a project's `testTimeout` (passed by jest.preset.ts as a global) for each of its suites:
// under the root `projects` run, Jest would otherwise give every test the global 5 s.
const timeout = (globalThis as { __PROJECT_TEST_TIMEOUT__?: unknown }).__PROJECT_TEST_TIMEOUT__;
if (typeof timeout === 'number') jest.setTimeout(timeout);
