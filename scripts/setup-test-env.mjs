// The first step of `pnpm test`: makes sure what the tests need besides Node is on this machine.
// Chromium (the browser tests) and redis-server (the shared-store tests) come from Debian's
// packages. When one is missing, it is installed with apt-get where this process may (root, or
// passwordless sudo); otherwise the run stops at once with the one command to type.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const needs = [
  { pkg: 'chromium', why: 'the browser tests', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  { pkg: 'redis-server', why: 'the shared-store tests', present: () => Boolean(process.env.REDIS_URL) || onPath('redis-server') },
];

const missing = needs.filter((need) => !need.present());
if (missing.length === 0) process.exit(0);

const names = missing.map((need) => need.pkg).join(' ');
const install = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${names}`;
const isRoot = process.getuid?.() === 0;
const canSudo = !isRoot && onPath('sudo') && (() => {
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

if (!onPath('apt-get') || (!isRoot && !canSudo)) {
  console.error(`Missing for ${missing.map((need) => need.why).join(' and ')}: ${names}. Install it, then run the tests again:\n\n  sudo apt-get install -y ${names}\n`);
  process.exit(1);
}
console.log(`Installing ${names} from Debian's packages for ${missing.map((need) => need.why).join(' and ')}...`);
execFileSync('sh', ['-c', isRoot ? install : `sudo sh -c '${install}'`], { stdio: 'inherit' });
const still = missing.filter((need) => !need.present());
if (still.length) {
  console.error(`Still missing after apt-get: ${still.map((need) => need.pkg).join(' ')}`);
  process.exit(1);
}
