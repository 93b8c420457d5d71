import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { preset } from '../../../jest.preset';

interface AssertionResult {
  ancestorTitles: string[];
  title: string;
  status: 'passed' | 'failed' | 'pending';
  failureMessages: string[];
}
interface JestJson {
  testResults: Array<{ name: string; assertionResults: AssertionResult[] }>;
}

const packageDir = join(__dirname, '..');
let results: AssertionResult[] = [];
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'testkit-fails-'));
  const outputFile = join(dir, 'results.json');
  const config = {
    ...preset('testkit-fixtures'),
    rootDir: packageDir,
    testMatch: ['<rootDir>/test/fixtures/*.jest.ts'],
    // Core's registry uses tsyringe, which needs a Reflect polyfill loaded first (as in jest.config.ts).
    setupFiles: ['reflect-metadata'],
  };
  const run = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--ci', '--runInBand', '--json', '--outputFile', outputFile],
    { cwd: packageDir, encoding: 'utf8', timeout: 90_000 },
  );
  // Jest exits 1 when tests fail; anything else (a crash, a timeout) is a broken setup.
  if (run.status !== 1) throw new Error(`The child Jest exited with ${String(run.status)}:\n${run.stderr.slice(-4_000)}`);
  const json = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
  results = json.testResults.flatMap((file) => file.assertionResults);
}, 100_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The checks (title prefixes) that failed and passed for one adapter's suite. */
function checksOf(adapter: string): { failed: Set<string>; passed: Set<string>; messages: string[] } {
  const mine = results.filter((r) => r.ancestorTitles[0] === `${adapter}: adapter conformance`);
  expect(mine.length).toBeGreaterThanOrEqual(77);
  const check = (r: AssertionResult): string => r.title.split(':')[0] ?? '';
  return {
    failed: new Set(mine.filter((r) => r.status === 'failed').map(check)),
    passed: new Set(mine.filter((r) => r.status === 'passed').map(check)),
    messages: mine.flatMap((r) => r.failureMessages),
  };
}

describe('the conformance suite fails a misbehaving adapter on the broken rule only', () => {
  it.each([
    ['random', ['deterministic', 'property'], /\[deterministic\] fixture "multi-turn": payload\.nonce: toPayload is not deterministic/],
    ['dated', ['serializable', 'property'], /\[serializable\] fixture "empty": payload\.due: is a Date/],
    ['unbounded', ['limits', 'property'], /\[limits\] fixture "long-single-word": payload\.subject: is 20036 UTF-16 units long; limits\.fields\["subject"\] allows 150/],
    ['echo', ['html-safety', 'property'], /\[html-safety\] fixture "html-injection": payload\.html: HTML contains a <script> tag/],
    ['careless', ['escalation-errors-only', 'property'], /\[escalation-errors-only\] fixture "empty": toPayload\(context\): toPayload threw TypeError: Cannot read properties of undefined \(reading 'name'\)/],
    ['mutating', ['no-mutation', 'property'], /\[no-mutation\] fixture "multi-turn": context\.messages\[0\]\.content: toPayload changed its input/],
    ['ignores-abort', ['deliver-abort'], /\[deliver-abort\] fixture "multi-turn": .*deliver resolved with an already-aborted signal/],
    ['forgetful', ['find'], /\[find\] fixture "multi-turn": find\(key\): find\("conformance-test-note-find"\) answered null right after deliver created a record with that key/],
    ['finds-anything', ['find'], /\[find\] fixture "multi-turn": find\(unknownKey\): find\("conformance-test-note-never-delivered"\) must answer null/],
    ['no-find', ['find'], /\[find\] fixture "multi-turn": adapter\.find: options\.find\.run is set, but the adapter has no find method/],
  ])('%s', (adapter, expected, message) => {
    const { failed, passed, messages } = checksOf(adapter);
    expect([...failed].sort()).toEqual([...expected].sort());
    for (const check of ['kind', 'runtime', 'produces-payload']) expect(passed).toContain(check);
    expect(messages.join('\n')).toMatch(message);
  });

  it('passes an adapter that refuses a context with an EscalationError', () => {
    const { failed, passed } = checksOf('strict');
    expect([...failed]).toEqual([]);
    expect(passed).toContain('escalation-errors-only');
  });
});

describe('skip', () => {
  it('shows each skipped check and fixture as pending, with its reason, and runs the rest', () => {
    const mine = results.filter((r) => r.ancestorTitles[0] === 'skipping: adapter conformance');
    const pending = mine.filter((r) => r.status === 'pending').map((r) => r.title);
    expect(pending).toContain('fixture "one-megabyte-message" (skipped: covered by conformance.test.ts)');
    expect(pending.filter((t) => t.startsWith('html-safety: '))).toHaveLength(11);
    expect(pending.every((t) => t.includes('(skipped: '))).toBe(true);
    expect(pending).toHaveLength(12);
    expect(mine.filter((r) => r.status === 'failed')).toEqual([]);
    expect(mine.find((r) => r.title.startsWith('property: '))?.title).toBe('property: arbitrary contexts pass every check (fast-check seed 42, 25 runs)');
  });
});

describe('setupProviderServer fails closed', () => {
  it('fails a test whose code swallowed the network error of an unmocked request', () => {
    const swallowed = results.find((r) => r.title === 'swallows a network error');
    expect(swallowed?.status).toBe('failed');
    expect(swallowed?.failureMessages.join('\n')).toContain('The test sent 1 request(s) that no msw handler matched:\n  GET https://unmocked.example.com/tickets');
  });

  it('passes the tests that only send handled requests', () => {
    expect(results.find((r) => r.title === 'sends only handled requests')?.status).toBe('passed');
  });
});
