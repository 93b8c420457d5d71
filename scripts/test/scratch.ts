import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '../..');

/**
 * A scratch folder inside the repository (so Node and Jest resolve the repo's node_modules from
 * it) but outside packages/ and examples/ (so no workspace glob sees it), git-ignored.
 * `remove()` deletes it; call it in `finally`/`afterAll`.
 */
export function scratchDir(label: string): { dir: string; remove: () => void } {
  const dir = join(REPO, '.scaffold-tmp', `${label}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
