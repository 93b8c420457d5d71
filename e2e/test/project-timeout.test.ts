// Under the root `projects` run Jest ignores a project's own `testTimeout`; jest.preset.ts carries
// it in with a setup file. jest-circus reads the timeout in force from this symbol, so a missing
// or broken setup leaves it unset and the browser tests would get the global 5 s again.
it('runs the browser suites with the e2e project timeout (90 s), not the global 5 s', () => {
  expect((globalThis as Record<symbol, unknown>)[Symbol.for('TEST_TIMEOUT_SYMBOL')]).toBe(90_000);
});
