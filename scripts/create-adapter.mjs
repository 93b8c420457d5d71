// `pnpm create-adapter <name> [--dir <package dir>] [--root <dir for docs/ and .changeset/>]`
// Writes a new adapter package from scripts/adapter-template: factory with a TSDoc'd options
// type, conformance test, browser bundle check, docs page with a compiled sample, changeset. It
// passes `pnpm test` as generated; then replace the made-up ticket API with your provider's.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const templates = join(repo, 'scripts', 'adapter-template');

function fail(message) {
  console.error(`create-adapter: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { name: undefined, dir: undefined, root: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dir' || arg === '--root') {
      const value = argv[(i += 1)];
      if (!value) fail(`${arg} needs a path`);
      args[arg.slice(2)] = resolve(value);
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg}`);
    } else if (args.name === undefined) {
      args.name = arg;
    } else {
      fail(`unexpected argument ${arg}`);
    }
  }
  return args;
}

const { name, dir: dirArg, root: rootArg } = parseArgs(process.argv.slice(2));
if (!name) fail('usage: pnpm create-adapter <name> [--dir <package dir>] [--root <docs root>], e.g. pnpm create-adapter acme-desk');
// The name becomes a package name, a folder, a kind and an identifier: keep it simple.
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 40) fail(`"${name}" must be lower-case words joined by "-" (e.g. acme-desk)`);
if (['core', 'testkit', 'server'].includes(name)) fail(`"${name}" is a package of this repository`);

const dir = dirArg ?? join(repo, 'packages', name);
const root = rootArg ?? repo;
const words = name.split('-');
const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const values = {
  __name__: name,
  __factory__: pascal[0].toLowerCase() + pascal.slice(1),
  __Pascal__: pascal,
  __Title__: words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' '),
  __CONST__: words.join('_').toUpperCase(),
  // Config files import the repo's shared presets relative to where the package lands.
  __root__: relative(dir, repo).split('\\').join('/') || '.',
};
const fill = (text) => text.replace(/__(name|factory|Pascal|Title|CONST|root)__/g, (key) => values[key]);

const files = new Map();
const walk = (from) =>
  readdirSync(from).flatMap((entry) => (statSync(join(from, entry)).isDirectory() ? walk(join(from, entry)) : [join(from, entry)]));
for (const template of walk(templates)) {
  const rel = relative(templates, template).replace(/\.tmpl$/, '');
  if (rel.startsWith('docs-') || rel === 'changeset.md') continue;
  files.set(join(dir, rel === 'src/adapter.ts' ? `src/${name}.ts` : rel), fill(readFileSync(template, 'utf8')));
}
const example = fill(readFileSync(join(templates, 'docs-example.ts.tmpl'), 'utf8'));
files.set(join(root, 'docs', 'examples', `${name}-1.ts`), example);
files.set(join(root, 'docs', 'adapters', `${name}.md`), fill(readFileSync(join(templates, 'docs-page.md.tmpl'), 'utf8')).replace('__example__', example.trimEnd()));
files.set(join(root, '.changeset', `${name}-first-release.md`), fill(readFileSync(join(templates, 'changeset.md.tmpl'), 'utf8')));

// Never overwrite: a typo in the name must not clobber an existing adapter.
const existing = [dir, ...[...files.keys()].filter((file) => !file.startsWith(dir + '/'))].filter((path) => existsSync(path));
if (existing.length > 0) fail(`already exists, nothing written:\n  ${existing.join('\n  ')}`);

for (const [file, text] of files) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

// The type check resolves workspace packages through tsconfig.json paths (the docs sample imports the package).
const tsconfigPath = join(root, 'tsconfig.json');
let pathsAdded = false;
if (existsSync(tsconfigPath) && root === repo && dir === join(repo, 'packages', name)) {
  const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8'));
  const paths = tsconfig.compilerOptions?.paths;
  if (paths && !paths[`@pillar/escalation-${name}`]) {
    paths[`@pillar/escalation-${name}`] = [`./packages/${name}/src/index.ts`];
    writeFileSync(tsconfigPath, `${JSON.stringify(tsconfig, null, 2)}\n`);
    pathsAdded = true;
  }
}

console.log(`Created @pillar/escalation-${name}:`);
for (const file of files.keys()) console.log(`  ${relative(process.cwd(), file)}`);
if (pathsAdded) console.log(`  tsconfig.json (paths: @pillar/escalation-${name})`);
console.log(`
Next:
  pnpm install --offline        # link the new workspace package
  npx jest --selectProjects ${name}
Then replace the made-up ticket API in src/${name}.ts with your provider's, declare its limits,
and follow docs/writing-adapters.md.`);
