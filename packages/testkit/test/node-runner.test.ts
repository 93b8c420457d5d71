import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { useTestRunner, type TestRunner } from '@pillar/escalation-testkit';

const root = join(__dirname, '../../..');
const suite = join(__dirname, 'node-runner/suite.ts');

interface Run {
  code: number;
  output: string;
}

/** Runs node-runner/suite.ts under node:test (tsx for the TypeScript, the root tsconfig's paths). */
function runUnderNodeTest(env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', suite], { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const count = (output: string, name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);

describe('the suites under node:test (no Jest globals)', () => {
  it('register and pass: conformance, option checks and the msw server', async () => {
    const run = await runUnderNodeTest();
    expect({ code: run.code, fail: count(run.output, 'fail') }).toEqual({ code: 0, fail: 0 });
    expect(count(run.output, 'pass')).toBeGreaterThan(50);
    expect(run.output).toMatch(/^\s*ok \d+ - deterministic: /m);
    expect(run.output).toMatch(/^\s*ok \d+ - options\.timeoutMs = .* is CONFIGURATION naming it$/m);
    expect(run.output).toMatch(/^\s*ok \d+ - answers with its handlers$/m);
  }, 90_000);

  it('fail when the adapter breaks a check', async () => {
    const run = await runUnderNodeTest({ PILLAR_BROKEN: '1' });
    expect(run.code).not.toBe(0);
    expect(count(run.output, 'fail')).toBeGreaterThan(0);
    expect(run.output).toMatch(/\[deterministic\] fixture "empty": payload\.subject: toPayload is not deterministic/);
  }, 90_000);

  it('say to call useTestRunner when the runner has no globals', async () => {
    const run = await runUnderNodeTest({ PILLAR_NO_RUNNER: '1' });
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/found no test runner.*useTestRunner/);
  }, 90_000);
});

describe('useTestRunner', () => {
  it('names what a runner lacks', () => {
    const partial = { describe: () => undefined, it: Object.assign(() => undefined, {}), beforeAll: () => undefined } as unknown as TestRunner;
    expect(() => useTestRunner(partial)).toThrow(new TypeError('useTestRunner: the runner lacks afterAll, afterEach, it.skip'));
  });
});
