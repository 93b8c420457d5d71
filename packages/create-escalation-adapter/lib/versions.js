// The ranges of core and the testkit that a new adapter starts with.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The packages a new adapter depends on, with the range this starter was released with. */
export const PILLAR_PACKAGES = ['@pillar/escalation-core', '@pillar/escalation-testkit'];

/**
 * The registry range of each of {@link PILLAR_PACKAGES}, e.g. `^0.1.0`. They are this package's
 * own devDependencies: in the repository they say `workspace:^`, which `pnpm pack` and `pnpm
 * publish` replace with `^<the version next to it>`, so a published starter always names the
 * versions it was released (and tested) with. Run from the repository, the sibling packages'
 * versions give the same answer.
 */
export function pillarRanges(packageDir = join(here, '..')) {
  const own = readJson(join(packageDir, 'package.json'));
  const ranges = {};
  for (const name of PILLAR_PACKAGES) {
    const range = own.devDependencies?.[name];
    if (typeof range !== 'string') throw new Error(`${own.name} names no range for ${name}`);
    ranges[name] = range.startsWith('workspace:') ? fromWorkspace(packageDir, name, range.slice('workspace:'.length)) : range;
  }
  return ranges;
}

function fromWorkspace(packageDir, name, range) {
  const packages = dirname(packageDir);
  const sibling = readdirSync(packages)
    .map((dir) => join(packages, dir, 'package.json'))
    .find((file) => existsSync(file) && readJson(file).name === name);
  if (!sibling) throw new Error(`${name} is not in ${packages}`);
  const { version } = readJson(sibling);
  // workspace:^ and workspace:~ become ^/~ + version; workspace:* the exact version, as pnpm does.
  return range === '^' || range === '~' ? `${range}${version}` : range === '*' ? version : range;
}
