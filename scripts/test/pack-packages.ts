import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './scratch';

// Builds (tsup, as `pnpm build` does) and `pnpm pack`s workspace packages for the tests that
// install them outside the repository. Suites run in parallel workers and a build starts by
// deleting dist/, so one lock serialises every build and pack; a tarball is reused while the
// package's inputs (sources, manifest, build config, README, the shared build preset) hash
// the same.

const CACHE = join(REPO, '.scaffold-tmp', 'packed');
const LOCK = join(REPO, '.scaffold-tmp', 'pack.lock');
const INPUTS = ['src', 'bin', 'lib', 'template', 'package.json', 'tsup.config.ts', 'tsconfig.build.json', 'README.md'];

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function withLock<T>(run: () => T, waitMs = 300_000): T {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died (a killed run) leaves the lock behind: take it over.
      const holder = Number(existsSync(join(LOCK, 'pid')) ? readFileSync(join(LOCK, 'pid'), 'utf8') : NaN);
      if (Number.isInteger(holder) && !alive(holder)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`packPackages: ${LOCK} held for over ${waitMs} ms`);
      else sleep(200);
    }
  }
  try {
    return run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  return statSync(path).isDirectory() ? readdirSync(path).sort().flatMap((entry) => files(join(path, entry))) : [path];
}

/** The repository's build settings every package's build reads. */
const SHARED = ['tsup.preset.ts', 'tsconfig.base.json'].map((file) => join(REPO, file));

function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const file of [...SHARED, ...INPUTS.flatMap((input) => files(join(dir, input)))]) hash.update(relative(REPO, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds and packs `packages/<name>` for each name (a package without a `build` script, such as
 * the create package, is packed as it is) and copies the tarballs into `destination`; returns
 * their paths in the order of `names`.
 */
export function packPackages(names: string[], destination: string): string[] {
  mkdirSync(destination, { recursive: true });
  return withLock(() =>
    names.map((name) => {
      const dir = join(REPO, 'packages', name);
      const cached = join(CACHE, name, fingerprint(dir));
      if (!existsSync(cached) || readdirSync(cached).length !== 1) {
        rmSync(join(CACHE, name), { recursive: true, force: true });
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
        const env = { ...process.env, CI: 'true' };
        if (manifest.scripts?.build) execFileSync(process.execPath, [join(REPO, 'node_modules/tsup/dist/cli-default.js'), '--silent'], { cwd: dir, env, stdio: 'pipe' });
        execFileSync('pnpm', ['pack', '--pack-destination', cached], { cwd: dir, env, stdio: 'pipe' });
      }
      const [tarball] = readdirSync(cached);
      copyFileSync(join(cached, tarball!), join(destination, tarball!));
      return join(destination, tarball!);
    }),
  );
}
