import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO } from './scratch';

// The create package's bin, run from the repository's sources (the packed one, installed and
// tested outside the repository, is create-escalation-adapter.pack.test.ts).
const BIN = join(REPO, 'packages/create-escalation-adapter/bin/create-escalation-adapter.js');
const work = mkdtempSync(join(tmpdir(), 'pillar-create-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const create = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8' });
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const version = (name: string) => (readJson(join(REPO, 'packages', name, 'package.json')) as { version: string }).version;
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));

describe('npm create @pillar/escalation-adapter', () => {
  const pkg = join(work, 'acme-desk');

  it('writes a standalone package named after the folder, with registry ranges of core and the testkit', () => {
    const result = create(['acme-desk']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Created pillar-escalation-acme-desk (factory acmeDesk(), kind 'acme-desk-ticket') in acme-desk");
    expect(walk(pkg).map((file) => relative(pkg, file)).sort()).toEqual([
      '.gitignore',
      'README.md',
      'jest.config.js',
      'package.json',
      'src/acme-desk.ts',
      'src/index.ts',
      'test/acme-desk.test.ts',
      'test/conformance.test.ts',
      'tsconfig.json',
      'tsup.config.ts',
    ]);
    const manifest = readJson(join(pkg, 'package.json'));
    const core = `^${version('core')}`;
    expect(manifest).toMatchObject({
      name: 'pillar-escalation-acme-desk',
      type: 'module',
      sideEffects: false,
      files: ['dist', 'README.md'],
      engines: { node: '^20 || ^22 || >=24' },
      scripts: { build: 'tsup', test: 'tsc --noEmit && jest' },
      peerDependencies: { '@pillar/escalation-core': core },
      devDependencies: { '@pillar/escalation-core': core, '@pillar/escalation-testkit': `^${version('testkit')}` },
    });
    expect(manifest.exports['.']).toEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
    // No placeholder and no workspace range survives into any file.
    for (const file of walk(pkg)) {
      const text = readFileSync(file, 'utf8');
      expect([relative(pkg, file), text.match(/__[A-Za-z]+__|workspace:/g)]).toEqual([relative(pkg, file), null]);
    }
    expect(readFileSync(join(pkg, 'test/conformance.test.ts'), 'utf8')).toContain('describeAdapterConformance(ACME_DESK_KIND');
    expect(readFileSync(join(pkg, 'README.md'), 'utf8')).toContain('npm install @pillar/escalation-core pillar-escalation-acme-desk');
  });

  it('writes the adapter that docs/examples/create-adapter-template.ts holds (so `pnpm typecheck` compiles it)', () => {
    expect(readFileSync(join(pkg, 'src/acme-desk.ts'), 'utf8')).toBe(readFileSync(join(REPO, 'docs/examples/create-adapter-template.ts'), 'utf8'));
  });

  it('takes a scoped package name, and a provider apart from the folder', () => {
    const scoped = create(['ours', '--name', '@acme/pillar-escalation-help-desk']);
    expect(scoped.status).toBe(0);
    expect(readJson(join(work, 'ours/package.json')).name).toBe('@acme/pillar-escalation-help-desk');
    expect(readFileSync(join(work, 'ours/src/help-desk.ts'), 'utf8')).toMatch(/export function helpDesk\(options: HelpDeskOptions\)/);

    const named = create(['pillar-escalation-zammad', '--provider', 'zammad-cloud']);
    expect(named.status).toBe(0);
    expect(readJson(join(work, 'pillar-escalation-zammad/package.json')).name).toBe('pillar-escalation-zammad-cloud');
    expect(readFileSync(join(work, 'pillar-escalation-zammad/src/zammad-cloud.ts'), 'utf8')).toContain("export const ZAMMAD_CLOUD_KIND = 'zammad-cloud-ticket';");
  });

  it('strips the pillar-escalation- prefix from a folder name, and fills an existing empty folder', () => {
    mkdirSync(join(work, 'pillar-escalation-freescout'));
    const result = create(['pillar-escalation-freescout']);
    expect(result.status).toBe(0);
    expect(readJson(join(work, 'pillar-escalation-freescout/package.json')).name).toBe('pillar-escalation-freescout');
    expect(existsSync(join(work, 'pillar-escalation-freescout/src/freescout.ts'))).toBe(true);
  });

  it('refuses a folder that is not empty, writing nothing', () => {
    const before = readFileSync(join(pkg, 'src/acme-desk.ts'), 'utf8');
    writeFileSync(join(pkg, 'src/acme-desk.ts'), '// mine');
    const again = create(['acme-desk']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists and is not an empty folder: nothing written/);
    expect(readFileSync(join(pkg, 'src/acme-desk.ts'), 'utf8')).toBe('// mine');
    writeFileSync(join(pkg, 'src/acme-desk.ts'), before);

    mkdirSync(join(work, 'occupied'));
    writeFileSync(join(work, 'occupied', 'notes.txt'), 'keep');
    expect(create(['occupied']).status).toBe(1);
    expect(readdirSync(join(work, 'occupied'))).toEqual(['notes.txt']);
  });

  it.each([
    [['Acme'], /must be lower-case words/],
    [['acme_desk'], /must be lower-case words/],
    [['acme--desk'], /must be lower-case words/],
    [['9lives'], /must be lower-case words/],
    [['fine', '--provider', 'Bad'], /must be lower-case words/],
    [['fine', '--name', 'Not A Name'], /not a valid npm package name/],
    [['fine', '--name', '@pillar/escalation-acme'], /the @pillar scope belongs to Pillar Escalation/],
    [['fine', '--colour'], /unknown option --colour/],
    [['fine', '--name'], /--name needs a value/],
    [['fine', 'extra'], /unexpected argument extra/],
    [[], /name the folder to create/],
  ])('refuses %j with a usage message and writes nothing', (args, message) => {
    const result = create(args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm create @pillar/escalation-adapter <folder>');
    expect(existsSync(join(work, 'fine'))).toBe(false);
    expect(existsSync(join(work, args[0] ?? 'none'))).toBe(false);
  });

  it('prints its usage with --help', () => {
    const result = create(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm create @pillar\/escalation-adapter <folder>/);
  });
});
