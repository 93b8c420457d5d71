#!/usr/bin/env node
// npm create @pillar/escalation-adapter <folder> [-- --name <package name> --provider <provider>]
// (npm passes options after `--` on to this bin; `npx @pillar/create-escalation-adapter` takes them as they are.)
import { relative } from 'node:path';
import { UsageError } from '../lib/names.js';
import { scaffold } from '../lib/scaffold.js';

const USAGE = `Usage: npm create @pillar/escalation-adapter <folder> [-- [--name <package name>] [--provider <provider>]]

Writes a standalone Pillar Escalation adapter package into <folder> (new or empty):
a factory that POSTs tickets to a made-up API, the conformance test, an msw test,
a Jest config, a tsup build (ESM + CJS + types) and a README.

  <folder>               where to write it; its name is the provider unless --provider is given
  --name <package>       the npm name (default pillar-escalation-<provider>; a scope is fine:
                         @you/pillar-escalation-<provider>)
  --provider <provider>  lower-case words joined by "-" (e.g. acme-desk): the factory, kind and
                         file names come from it (default: the folder's or package's name
                         without "pillar-escalation-")`;

function parseArgs(argv) {
  const args = { target: undefined, packageName: undefined, provider: undefined, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--name' || arg === '--provider') {
      const value = argv[(i += 1)];
      if (!value || value.startsWith('-')) throw new UsageError(`${arg} needs a value`);
      args[arg === '--name' ? 'packageName' : 'provider'] = value;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (args.target === undefined) args.target = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  return args;
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (args.target === undefined) throw new UsageError('name the folder to create, e.g. npm create @pillar/escalation-adapter acme-desk');
  const { target, names, files } = scaffold(args);
  const where = relative(process.cwd(), target) || '.';
  console.log(`Created ${names.packageName} (factory ${names.factory}(), kind '${names.kind}') in ${where}:`);
  for (const file of files) console.log(`  ${file}`);
  console.log(`
Next:
  cd ${where}
  npm install
  npm test         # type check, conformance suite and msw tests
  npm run build    # dist/: ESM, CommonJS and types

Then replace the made-up ticket API in src/${names.provider}.ts with your provider's, declare
its limits, and follow "Write an adapter" (docs/writing-adapters.md) in the Pillar Escalation docs.`);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`create-escalation-adapter: ${error.message}\n\n${USAGE}`);
  process.exit(1);
}
