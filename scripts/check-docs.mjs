// Every TypeScript sample in docs/ and in the packages' READMEs (a ```ts fence; ```ts signature marks a bare type signature) must be the text of a file under docs/examples/, which the
// type check compiles: a sample that drifts from the API fails `pnpm test`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const docs = join(root, 'docs');
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
const normalize = (text) => text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trim();

const files = walk(docs);
const examples = files.filter((f) => f.includes('/examples/') && f.endsWith('.ts')).map((f) => normalize(readFileSync(f, 'utf8')));
let samples = 0;
const missing = [];
// Package READMEs (their npm pages) are held to the same rule.
const readmes = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'README.md')).filter((f) => {
  try { return statSync(f).isFile(); } catch { return false; }
});
for (const file of [...files.filter((f) => f.endsWith('.md')), ...readmes]) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/```(ts|typescript)\n([\s\S]*?)```/g)) {
    samples += 1;
    const sample = normalize(match[2]);
    if (!examples.some((example) => example.includes(sample))) {
      const line = text.slice(0, match.index).split('\n').length;
      missing.push(`${relative(root, file)}:${line}`);
    }
  }
}
if (missing.length) {
  console.error(`These TypeScript samples are not in any docs/examples/*.ts file (so nothing compiles them):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs: ${samples} TypeScript samples, all compiled from docs/examples/`);
