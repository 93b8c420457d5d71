import { buildBoundedUrl } from '@pillar/escalation-core';
import { requireText } from '../internal';
import type { CommunityTarget } from '../target';
import { githubRepoUrl } from './github-repo';

/** Options of {@link githubDiscussions}: the repository and the discussion category. */
export interface GithubDiscussionsOptions {
  /** The repository, `owner/name`. */
  repo: string;
  /** The discussion category's slug (`q-a`, `general`), as in `/discussions/categories/<slug>`. */
  category: string;
  /** For GitHub Enterprise Server. @defaultValue `'https://github.com'` */
  baseUrl?: string;
}

/** A new GitHub discussion, prefilled: `/owner/name/discussions/new?category=&title=&body=`. */
export function githubDiscussions(options: GithubDiscussionsOptions): CommunityTarget {
  const repo = githubRepoUrl(options?.repo, options?.baseUrl, 'githubDiscussions');
  const category = requireText(options.category, 'githubDiscussions category');
  const page = new URL(`${repo.href}/discussions/new`);
  return {
    name: 'github-discussions',
    origin: repo.origin,
    takesText: true,
    buildUrl(text, maxLength) {
      return buildBoundedUrl(
        page,
        [
          { name: 'category', value: category },
          { name: 'title', value: text.title },
          { name: 'body', value: text.body },
        ],
        maxLength,
      );
    },
  };
}
