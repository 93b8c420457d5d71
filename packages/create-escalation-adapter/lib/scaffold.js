// Writes a standalone adapter package from ../template into a new folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, adapterNames } from './names.js';
import { pillarRanges } from './versions.js';

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '..', 'template');

const walk = (dir) => readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? walk(join(dir, entry)) : [join(dir, entry)]));

/** Where a template file lands: `.tmpl` dropped, the adapter's files named after the provider. */
function targetPath(rel, provider) {
  const path = rel.replace(/\.tmpl$/, '');
  // npm leaves a .gitignore out of a tarball, so the template ships it without the dot.
  if (path === 'gitignore') return '.gitignore';
  if (path === 'src/adapter.ts') return `src/${provider}.ts`;
  if (path === 'test/adapter.test.ts') return `test/${provider}.test.ts`;
  return path;
}

/**
 * Writes the package into `target` (a new or empty folder; anything else is refused before a
 * file is written) and returns what it wrote, relative to `target`, with the names it used.
 */
export function scaffold({ target: targetArg, packageName, provider, ranges = pillarRanges() }) {
  const target = resolve(targetArg);
  const names = adapterNames({ target, packageName, provider });
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new UsageError(`${target} already exists and is not an empty folder: nothing written`);
  }
  const values = {
    name: names.packageName,
    provider: names.provider,
    factory: names.factory,
    Pascal: names.pascal,
    Title: names.title,
    CONST: names.constant,
    kind: names.kind,
    coreRange: ranges['@pillar/escalation-core'],
    testkitRange: ranges['@pillar/escalation-testkit'],
  };
  const fill = (text) => text.replace(/__([A-Za-z]+)__/g, (whole, key) => (key in values ? values[key] : whole));
  const files = walk(TEMPLATE).map((file) => ({ path: targetPath(relative(TEMPLATE, file).split('\\').join('/'), names.provider), text: fill(readFileSync(file, 'utf8')) }));
  for (const { path, text } of files) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    // 'wx': never overwrite, even a file that appeared since the check above.
    writeFileSync(join(target, path), text, { flag: 'wx' });
  }
  return { target, names, files: files.map(({ path }) => path).sort() };
}
