import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages } from './pack-packages';

// Proves the testkit works in a project outside this monorepo: build and `pnpm pack` core and
// the testkit, install the tarballs with npm into a fresh project in the OS temp dir (no
// workspace links, no parent node_modules), and run a third-party adapter's conformance
// tests there with that project's own Jest.
const node = process.execPath;
const project = mkdtempSync(join(tmpdir(), 'pillar-pack-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
}

interface JestReport {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

function jest(args: string[]): JestReport {
  const out = join(project, `report-${Date.now()}.json`);
  spawnSync(node, [join(project, 'node_modules/jest/bin/jest.js'), '--ci', '--json', `--outputFile=${out}`, ...args], { cwd: project, encoding: 'utf8' });
  return JSON.parse(readFileSync(out, 'utf8')) as JestReport;
}

beforeAll(() => {
  // `pnpm test` runs the unit tests before `pnpm build`: build what we pack (one build at a
  // time: the create package's pack test builds the same packages).
  const packed = packPackages(['core', 'testkit'], join(project, 'tarballs'));
  cpSync(join(__dirname, 'pack-fixture'), project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'acme-notes-adapter', version: '1.0.0', private: true }));
  sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...packed, 'jest@30.5.2', '@jest/globals@30.5.2', 'reflect-metadata@0.2.2'], project);
}, 240_000);

describe('the packed testkit in a project outside the monorepo', () => {
  it('installs from the tarballs, with workspace ranges replaced', () => {
    const testkit = JSON.parse(execFileSync(node, ['-p', "JSON.stringify(require('@pillar/escalation-testkit/package.json'))"], { cwd: project, encoding: 'utf8' }));
    expect(testkit.peerDependencies['@pillar/escalation-core']).not.toMatch(/workspace:/);
    // Resolved inside the temporary project, not from the monorepo.
    const resolved = execFileSync(node, ['-p', "require.resolve('@pillar/escalation-core')"], { cwd: project, encoding: 'utf8' }).trim();
    expect(resolved.startsWith(join(project, 'node_modules'))).toBe(true);
  });

  it("runs a third-party adapter's conformance suite with the project's own Jest", () => {
    const report = jest([]);
    const failures = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed'));
    expect(failures).toEqual([]);
    expect(report).toMatchObject({ success: true, numFailedTests: 0, numPendingTests: 0 });
    expect(report.numPassedTests).toBeGreaterThan(50);
  }, 60_000);

  it('fails a non-conformant adapter there, naming the checks', () => {
    const report = jest(['--testMatch', '<rootDir>/test/broken.fails.js']);
    expect(report.success).toBe(false);
    const failed = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.title));
    expect(failed.some((title) => title.startsWith('deterministic'))).toBe(true);
    expect(failed.some((title) => title.startsWith('html-safety'))).toBe(true);
  }, 60_000);

  it('loads core as an ES module from the tarball', () => {
    const out = execFileSync(node, ['--input-type=module', '-e', "import 'reflect-metadata'; import { EscalationError, createRegistry } from '@pillar/escalation-core'; console.log(typeof createRegistry, new EscalationError('TIMEOUT', 'x').retryable)"], { cwd: project, encoding: 'utf8' });
    expect(out.trim()).toBe('function true');
  });
});
