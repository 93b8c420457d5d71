import { configError } from '../internal';
import { parseBaseUrl } from '../target';

/** GitHub's rules: an owner is 1-39 letters, digits or inner hyphens; a repo name is letters, digits, `.`, `_`, `-`. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `https://github.com/owner/name` (or on a GitHub Enterprise host) from `owner/name`. */
export function githubRepoUrl(repo: unknown, baseUrl: string | undefined, option: string): URL {
  const base = parseBaseUrl(baseUrl ?? 'https://github.com', option);
  const parts = typeof repo === 'string' ? repo.split('/') : [];
  const [owner, name] = parts;
  if (parts.length !== 2 || !OWNER.test(owner!) || !NAME.test(name!) || name === '.' || name === '..') {
    throw configError(`${option} repo must be "owner/name", got ${JSON.stringify(repo)}`);
  }
  return new URL(`${base.href.replace(/\/$/, '')}/${owner}/${name}`);
}
