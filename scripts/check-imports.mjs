// Every entry of every published package imports without throwing in a fresh Node process, as
// CommonJS and as ESM, with no Reflect polyfill loaded first; and an app that loads
// reflect-metadata or @abraham/reflection before or after core keeps working. Runs on the
// builds (after `pnpm build`), from each package's own folder, as an installed app would.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { BROWSER_ENTRIES } from './bench/bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const failures = [];
let checked = 0;

function run(cwd, type, code) {
  const args = type === 'esm' ? ['--input-type=module', '-e', code] : ['--input-type=commonjs', '-e', code];
  try {
    execFileSync(process.execPath, args, { cwd, stdio: 'pipe', timeout: 30_000 });
    return undefined;
  } catch (error) {
    return String(error.stderr || error.message).split('\n').find((line) => /Error|error/.test(line)) ?? String(error.message);
  }
}

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
  .map((d) => ({ dir: join(root, 'packages', d.name), pkg: JSON.parse(readFileSync(join(root, 'packages', d.name, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);


for (const { dir, pkg } of packages) {
  for (const subpath of Object.keys(pkg.exports ?? {})) {
    if (subpath === './package.json') continue;
    const specifier = pkg.name + subpath.slice(1);
    const noPolyfill = "if (typeof Reflect.getMetadata === 'function') throw new Error('a Reflect polyfill was loaded before the import');";
    for (const [type, code] of [
      ['cjs', `${noPolyfill} require(${JSON.stringify(specifier)});`],
      ['esm', `${noPolyfill} await import(${JSON.stringify(specifier)});`],
    ]) {
      checked += 1;
      const failure = run(dir, type, code);
      if (failure) failures.push(`${specifier} (${type}) throws at import: ${failure}`);
    }
  }
}

// Either order with either polyfill: core's registry resolves, and the app's own metadata
// stored through the polyfill stays readable.
const coreDir = join(root, 'packages/core');
const registryWorks = `const registry = core.createRegistry([{ id: 'x', label: 'X', adapter: { kind: 'k', runtime: 'universal', toPayload: () => ({}), deliver: async () => ({ status: 'opened' }) } }]);
if (registry.all().length !== 1) throw new Error('registry lost its option');`;
const appMetadata = `class AppThing {}
Reflect.defineMetadata('app:key', 42, AppThing);
const check = () => { if (Reflect.getMetadata('app:key', AppThing) !== 42) throw new Error('app metadata lost'); };`;
for (const polyfill of ['reflect-metadata', '@abraham/reflection']) {
  for (const order of ['polyfill first', 'core first']) {
    const code =
      order === 'polyfill first'
        ? `await import(${JSON.stringify(polyfill)}); ${appMetadata} const core = await import('@pillar/escalation-core'); ${registryWorks} check();`
        : `const core = await import('@pillar/escalation-core'); await import(${JSON.stringify(polyfill)}); ${appMetadata} ${registryWorks} check();`;
    checked += 1;
    const failure = run(coreDir, 'esm', code);
    if (failure) failures.push(`core with ${polyfill} (${order}): ${failure}`);
  }
}

// Each browser entry, bundled from the builds as an app's bundler would (esbuild, browser
// platform), runs in a fresh realm whose Reflect has no metadata API.
for (const entry of BROWSER_ENTRIES) {
  const pkgName = entry.specifier.split('/').slice(0, 2).join('/');
  const { dir } = packages.find(({ pkg }) => pkg.name === pkgName);
  checked += 1;
  try {
    const out = await build({
      stdin: { contents: `import * as entry from ${JSON.stringify(entry.specifier)}; globalThis.exported = Object.keys(entry).length;`, resolveDir: dir },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      tsconfigRaw: {}, // the builds, not the sources the repo's tsconfig paths point at
    });
    const realm = {};
    realm.window = realm;
    realm.self = realm;
    runInNewContext(out.outputFiles[0].text, realm);
    if (!(realm.exported > 0)) failures.push(`${entry.specifier} (browser bundle) exported nothing`);
  } catch (error) {
    failures.push(`${entry.specifier} (browser bundle) throws at import: ${String(error.message).split('\n')[0]}`);
  }
}

if (failures.length) {
  console.error(failures.map((f) => `✗ ${f}`).join('\n'));
  process.exit(1);
}
console.log(`imports clean: ${checked} checks: every entry as CJS and ESM without a polyfill, every browser entry bundled, and core with reflect-metadata and @abraham/reflection in either order`);
