// Runs publint and @arethetypeswrong/cli on every published package; fails if any complains.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dirs = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(root, 'packages', d.name))
  .filter((dir) => existsSync(join(dir, "package.json")))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);

let failed = 0;
for (const dir of dirs) {
  for (const [bin, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'node16']],
  ]) {
    try {
      execFileSync(join(root, 'node_modules/.bin', bin), args, { cwd: dir, stdio: 'inherit' });
    } catch {
      failed += 1;
      console.error(`✗ ${bin} failed in ${dir}`);
    }
  }
}
if (failed) process.exit(1);
console.log(`publint and attw clean for ${dirs.length} packages`);
