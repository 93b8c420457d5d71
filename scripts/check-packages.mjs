// Runs publint and @arethetypeswrong/cli on every published package, and checks each ships a
// README with an install command, an example and a docs link; fails if any complains.
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
// Every published package ships a README (its npm page): install, an example, a link to its docs.
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const readme = join(dir, 'README.md');
  const problems = [];
  if (!existsSync(readme)) problems.push('has no README.md');
  else {
    const text = readFileSync(readme, 'utf8');
    if (!(pkg.files ?? []).includes('README.md')) problems.push('does not list README.md in "files"');
    if (!/(npm|pnpm) (install|add) [^\n]*/.test(text) || !text.includes(pkg.name)) problems.push('README.md has no install command for the package');
    if (!/```(ts|typescript)\n/.test(text)) problems.push('README.md has no TypeScript example');
    if (!/\]\([^)]*docs\/[^)]+\.md/.test(text)) problems.push('README.md links no docs page');
  }
  for (const problem of problems) {
    failed += 1;
    console.error(`✗ ${pkg.name} ${problem}`);
  }
}
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
