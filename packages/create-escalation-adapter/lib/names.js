// How one word on the command line becomes a package name, a factory, a kind and an identifier.
import { basename } from 'node:path';

/** Lower-case words joined by "-": it becomes a folder, a kind and (camel-cased) an identifier. */
const PROVIDER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** npm's rules for new package names: lower case, URL-safe, an optional scope. */
const PACKAGE = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const PREFIX = 'pillar-escalation-';

/** A mistake on the command line: the CLI prints the message and exits with 1, nothing written. */
export class UsageError extends Error {
  name = 'UsageError';
}

/**
 * The names of a new adapter. `provider` defaults to the folder's name (or the package name's
 * last part) without a `pillar-escalation-` prefix; `packageName` to `pillar-escalation-<provider>`.
 */
export function adapterNames({ target, packageName, provider }) {
  if (packageName !== undefined) checkPackageName(packageName);
  const fromName = packageName === undefined ? undefined : packageName.slice(packageName.lastIndexOf('/') + 1);
  const chosen = provider ?? stripPrefix(fromName ?? basename(target));
  if (!PROVIDER.test(chosen) || chosen.length > 40) {
    throw new UsageError(`the provider "${chosen}" must be lower-case words joined by "-" (e.g. acme-desk), at most 40 letters; pass --provider <name>`);
  }
  const name = packageName ?? `${PREFIX}${chosen}`;
  checkPackageName(name);
  const words = chosen.split('-');
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return {
    packageName: name,
    provider: chosen,
    factory: pascal[0].toLowerCase() + pascal.slice(1),
    pascal,
    title: words.map((word) => word[0].toUpperCase() + word.slice(1)).join(' '),
    constant: words.join('_').toUpperCase(),
    kind: `${chosen}-ticket`,
  };
}

function checkPackageName(name) {
  if (!PACKAGE.test(name) || name.length > 214) throw new UsageError(`"${name}" is not a valid npm package name`);
  if (name.startsWith('@pillar/')) throw new UsageError('the @pillar scope belongs to Pillar Escalation itself: name yours pillar-escalation-<provider> or @you/pillar-escalation-<provider>');
}

function stripPrefix(name) {
  return name.startsWith(PREFIX) && name.length > PREFIX.length ? name.slice(PREFIX.length) : name;
}
