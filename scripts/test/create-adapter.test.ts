import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, scratchDir } from './scratch';

const node = process.execPath;
const script = join(REPO, 'scripts', 'create-adapter.mjs');
const run = (args: string[]) => spawnSync(node, [script, ...args], { cwd: REPO, encoding: 'utf8' });

describe('pnpm create-adapter', () => {
  const scratch = scratchDir('create-adapter');
  afterAll(() => scratch.remove());
  const pkg = join(scratch.dir, 'acme-desk');

  it('writes the package, a docs page with its sample, and a changeset', () => {
    const result = run(['acme-desk', '--dir', pkg, '--root', scratch.dir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of ['package.json', 'src/index.ts', 'src/acme-desk.ts', 'test/conformance.test.ts', 'jest.config.ts', 'tsup.config.ts', 'tsconfig.build.json', 'README.md']) {
      expect(existsSync(join(pkg, file))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@pillar/escalation-acme-desk', peerDependencies: { '@pillar/escalation-core': 'workspace:^' }, sideEffects: false });
    expect(readFileSync(join(pkg, 'src/acme-desk.ts'), 'utf8')).toContain("'acme-desk': AcmeDeskPayload");
    expect(readFileSync(join(scratch.dir, '.changeset/acme-desk-first-release.md'), 'utf8')).toContain('"@pillar/escalation-acme-desk": minor');
    const page = readFileSync(join(scratch.dir, 'docs/adapters/acme-desk.md'), 'utf8');
    expect(page).toContain(readFileSync(join(scratch.dir, 'docs/examples/acme-desk-1.ts'), 'utf8').trimEnd());
    expect(page).not.toMatch(/__[A-Za-z]+__/);
  });

  it('type-checks as generated (package, tests and docs sample)', () => {
    const paths = {
      '@pillar/escalation-core': [join(REPO, 'packages/core/src/index.ts')],
      '@pillar/escalation-core/*': [join(REPO, 'packages/core/src/*.ts')],
      '@pillar/escalation-testkit': [join(REPO, 'packages/testkit/src/index.ts')],
      '@pillar/escalation-testkit/*': [join(REPO, 'packages/testkit/src/*.ts')],
      '@pillar/escalation-acme-desk': [join(pkg, 'src/index.ts')],
    };
    writeFileSync(
      join(scratch.dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(REPO, 'tsconfig.base.json'), compilerOptions: { noEmit: true, paths }, include: ['acme-desk/src', 'acme-desk/test', 'docs/**/*.ts'] }),
    );
    const tsc = spawnSync(node, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(scratch.dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);

  it('passes its own tests as generated (conformance suite included)', () => {
    const jest = spawnSync(node, [join(REPO, 'node_modules/jest/bin/jest.js'), '--config', join(pkg, 'jest.config.ts'), '--ci', '--json'], { cwd: pkg, encoding: 'utf8' });
    const report = JSON.parse(jest.stdout) as { success: boolean; numPassedTests: number; numFailedTests: number; numPendingTests: number };
    expect(report).toMatchObject({ success: true, numFailedTests: 0, numPendingTests: 0 });
    expect(report.numPassedTests).toBeGreaterThan(50);
  }, 90_000);

  it('refuses to overwrite an existing package, a bad name, and a missing name', () => {
    const again = run(['acme-desk', '--dir', pkg, '--root', scratch.dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists, nothing written/);
    for (const bad of ['Acme', 'acme_desk', '-x', 'acme--desk', 'core']) {
      const result = run([bad, '--dir', join(scratch.dir, 'never'), '--root', scratch.dir]);
      expect(result.status).toBe(1);
      expect(existsSync(join(scratch.dir, 'never'))).toBe(false);
    }
    expect(run([]).stderr).toMatch(/usage: pnpm create-adapter <name>/);
  });
});
