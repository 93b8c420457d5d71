/** A test body; async bodies return a promise the runner awaits. */
export type TestBody = () => void | Promise<void>;

/**
 * The functions the testkit's suites register their tests with. Jest's and Vitest's (with
 * `globals: true`) are found as globals; with another runner, or Vitest without globals, give
 * them to {@link useTestRunner} once per test file.
 */
export interface TestRunner {
  /** Groups tests under a name (`describe`). */
  describe(name: string, body: () => void): unknown;
  /** Registers a test (`it`), with `skip` for a test reported as skipped. */
  it: {
    (name: string, body: TestBody): unknown;
    /** Registers a test that is reported as skipped (a check that does not apply, with its reason). */
    skip(name: string, body: TestBody): unknown;
  };
  /** Runs once before the tests of the file or group (`beforeAll`; node:test's `before`). */
  beforeAll(body: TestBody): unknown;
  /** Runs once after them (`afterAll`; node:test's `after`). */
  afterAll(body: TestBody): unknown;
  /** Runs after each test (`afterEach`). */
  afterEach(body: TestBody): unknown;
}

// Kept on globalThis so that every entry sees it, even when a bundler copies this module into
// each (the CommonJS builds of the main and `/msw` entries do).
const CHOSEN = Symbol.for('@pillar/escalation-testkit/runner');
type Holder = { [CHOSEN]?: TestRunner };

/**
 * Registers the testkit's suites with these functions instead of the runner's globals.
 *
 * ```ts
 * import * as vitest from 'vitest';
 * useTestRunner(vitest);
 * // node:test names two of them differently:
 * import { describe, it, before, after, afterEach } from 'node:test';
 * useTestRunner({ describe, it, beforeAll: before, afterAll: after, afterEach });
 * ```
 */
export function useTestRunner(runner: TestRunner): void {
  const given = (runner ?? {}) as unknown as Record<string, unknown>;
  const missing = ['describe', 'it', 'beforeAll', 'afterAll', 'afterEach'].filter((name) => typeof given[name] !== 'function');
  if (typeof runner?.it?.skip !== 'function') missing.push('it.skip');
  if (missing.length > 0) throw new TypeError(`useTestRunner: the runner lacks ${missing.join(', ')}`);
  (globalThis as Holder)[CHOSEN] = runner;
}

/** The runner given to {@link useTestRunner}, else the globals Jest and Vitest define. */
export function testRunner(): TestRunner {
  const chosen = (globalThis as Holder)[CHOSEN];
  if (chosen) return chosen;
  const global = globalThis as Partial<TestRunner>;
  if (typeof global.describe === 'function' && typeof global.it === 'function' && typeof global.beforeAll === 'function' && typeof global.afterAll === 'function' && typeof global.afterEach === 'function') {
    return global as TestRunner;
  }
  throw new TypeError(
    'The testkit found no test runner: describe, it, beforeAll, afterAll and afterEach are not globals here. ' +
      "Call useTestRunner(...) first, e.g. `import * as vitest from 'vitest'; useTestRunner(vitest);`.",
  );
}

/** Registers a test, with a timeout when one is given. */
export function registerTest(name: string, body: TestBody, timeoutMs?: number): void {
  const { it } = testRunner();
  if (timeoutMs === undefined) it(name, body);
  // Jest, Vitest and Bun take the timeout as a third argument; node:test ignores it.
  else (it as unknown as (name: string, body: TestBody, timeoutMs: number) => unknown)(name, body, timeoutMs);
}
