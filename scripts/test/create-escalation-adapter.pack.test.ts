import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages } from './pack-packages';

// The proof that a third-party author can start outside this repository: pack core, the
// testkit and the create package, run the create package's bin from its tarball (as `npm
// create` does) in the OS temp dir, point the new package's core and testkit at the tarballs
// (they are not published yet; everything else comes from the registry), then `npm install`,
// `npm test` and `npm run build` there, as its README says.
const work = mkdtempSync(join(tmpdir(), 'pillar-create-'));
const project = join(work, 'acme-desk');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = { ...process.env, CI: 'true' };
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** Runs a command; resolves its output and exit status (a failing command is a test failure, not a throw). */
function run(command: string, args: string[], cwd: string, timeout: number): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}${result.error ? `\n${String(result.error)}` : ''}` };
}

let createTarball: string;
let coreVersion: string;

beforeAll(() => {
  const tarballs = join(work, 'tarballs');
  const [core, testkit, create] = packPackages(['core', 'testkit', 'create-escalation-adapter'], tarballs);
  createTarball = create!;
  coreVersion = (JSON.parse(execFileSync('tar', ['-xzOf', core!, 'package/package.json'], { encoding: 'utf8' })) as { version: string }).version;

  // `npm create @pillar/escalation-adapter acme-desk` is `npm exec @pillar/create-escalation-adapter -- acme-desk`.
  const created = run('npm', ['exec', '--yes', ...npmFlags, `--package=${createTarball}`, '--', 'create-escalation-adapter', 'acme-desk'], work, 120_000);
  if (created.status !== 0) throw new Error(`the create package's bin failed:\n${created.output}`);
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  writeFileSync(join(project, 'scaffolded-package.json'), JSON.stringify(manifest));
  manifest.devDependencies['@pillar/escalation-core'] = `file:${core}`;
  manifest.devDependencies['@pillar/escalation-testkit'] = `file:${testkit}`;
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  const installed = run('npm', ['install', ...npmFlags], project, 240_000);
  if (installed.status !== 0) throw new Error(`npm install failed in the new package:\n${installed.output}`);
}, 420_000);

describe('npm create @pillar/escalation-adapter, packed, outside the repository', () => {
  it('names registry ranges of core (peer and dev) and the testkit (dev), no workspace: range', () => {
    const scaffolded = JSON.parse(readFileSync(join(project, 'scaffolded-package.json'), 'utf8'));
    expect(scaffolded.peerDependencies).toEqual({ '@pillar/escalation-core': `^${coreVersion}` });
    expect(scaffolded.devDependencies).toMatchObject({ '@pillar/escalation-core': `^${coreVersion}`, '@pillar/escalation-testkit': expect.stringMatching(/^\^\d+\.\d+\.\d+/) });
    // The installed core is the tarball, inside the new package, and satisfies its peer range.
    const resolved = execFileSync(process.execPath, ['-p', "require.resolve('@pillar/escalation-core')"], { cwd: project, encoding: 'utf8' }).trim();
    expect(resolved.startsWith(join(project, 'node_modules'))).toBe(true);
  });

  it('passes `npm test` (type check, conformance suite, msw tests)', () => {
    const test = run('npm', ['test', '--', '--ci'], project, 150_000);
    expect(test.status).toBe(0);
    // All passed: none failed, skipped or todo.
    const summary = /^Tests:.*$/m.exec(test.output)?.[0];
    expect(summary).toMatch(/^Tests:\s+(\d+) passed, \1 total$/);
    expect(Number(/(\d+) passed/.exec(summary ?? '')?.[1])).toBeGreaterThan(50);
  }, 160_000);

  it('builds with `npm run build`: ESM, CommonJS and types that load from the package name', () => {
    const build = run('npm', ['run', 'build'], project, 120_000);
    expect(build.status).toBe(0);
    const cjs = execFileSync(process.execPath, ['-e', "const m = require('pillar-escalation-acme-desk'); console.log(m.acmeDesk({ url: 'https://acme.example/t', token: 't' }).kind)"], { cwd: project, encoding: 'utf8' });
    expect(cjs.trim()).toBe('acme-desk-ticket');
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', "import { acmeDesk, ACME_DESK_KIND } from 'pillar-escalation-acme-desk'; console.log(acmeDesk({ url: 'https://acme.example/t', token: 't' }).kind === ACME_DESK_KIND)"], { cwd: project, encoding: 'utf8' });
    expect(esm.trim()).toBe('true');
    for (const types of ['dist/index.d.ts', 'dist/index.d.cts']) {
      expect(readFileSync(join(project, types), 'utf8')).toContain("'acme-desk-ticket': AcmeDeskPayload;");
    }
  }, 130_000);

  it("fails the new package's tests when its adapter stops sending the idempotency key", () => {
    const source = join(project, 'src/acme-desk.ts');
    const original = readFileSync(source, 'utf8');
    expect(original).toContain(", 'Idempotency-Key': idempotencyKey");
    writeFileSync(source, original.replace(", 'Idempotency-Key': idempotencyKey", ''));
    try {
      const test = run(process.execPath, [join(project, 'node_modules/jest/bin/jest.js'), '--ci'], project, 120_000);
      expect(test.status).not.toBe(0);
      expect(test.output).toMatch(/Tests:\s+2 failed/);
      expect(test.output).toContain('POSTs the ticket with the token and the idempotency key');
    } finally {
      writeFileSync(source, original);
    }
  }, 130_000);
});
