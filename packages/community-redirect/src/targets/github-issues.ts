import { buildBoundedUrl, type BoundedParam } from '@pillar/escalation-core';
import { configError, requireText } from '../internal';
import type { CommunityTarget } from '../target';
import { githubRepoUrl } from './github-repo';

/** Options of {@link githubIssues}: the repository, and the labels and template of the new issue. */
export interface GithubIssuesOptions {
  /** The repository, `owner/name`. */
  repo: string;
  /** Labels to apply (only users with triage access see them applied); none may contain a comma. @defaultValue none */
  labels?: string[];
  /** An issue template file name in `.github/ISSUE_TEMPLATE` (`bug_report.md`, `support.yml`). @defaultValue none */
  template?: string;
  /**
   * The query parameter that gets the transcript. An issue form (`.yml` template) ignores
   * `body` and fills the field whose `id` matches instead. @defaultValue `'body'`
   */
  bodyField?: string;
  /** For GitHub Enterprise Server. @defaultValue `'https://github.com'` */
  baseUrl?: string;
}

/** A new GitHub issue, prefilled: `/owner/name/issues/new?title=&body=&labels=&template=`. */
export function githubIssues(options: GithubIssuesOptions): CommunityTarget {
  const repo = githubRepoUrl(options?.repo, options?.baseUrl, 'githubIssues');
  const labels = options.labels === undefined ? [] : validateLabels(options.labels);
  const template = options.template === undefined ? undefined : requireText(options.template, 'githubIssues template');
  const bodyField = options.bodyField === undefined ? 'body' : requireText(options.bodyField, 'githubIssues bodyField');
  if (bodyField === 'title' || bodyField === 'labels' || bodyField === 'template') {
    throw configError(`githubIssues bodyField cannot be "${bodyField}", which GitHub reads for something else`);
  }
  const page = new URL(`${repo.href}/issues/new`);
  return {
    name: 'github-issues',
    origin: repo.origin,
    takesText: true,
    buildUrl(text, maxLength) {
      const params: BoundedParam[] = [
        { name: 'title', value: text.title },
        { name: bodyField, value: text.body },
      ];
      if (labels.length > 0) params.push({ name: 'labels', value: labels.join(',') });
      if (template !== undefined) params.push({ name: 'template', value: template });
      return buildBoundedUrl(page, params, maxLength);
    },
  };
}

function validateLabels(labels: unknown): string[] {
  if (!Array.isArray(labels)) throw configError('githubIssues labels must be an array of strings');
  return labels.map((label, i) => {
    if (typeof label !== 'string' || label.trim() === '' || label.includes(',')) {
      throw configError(`githubIssues labels[${i}] must be a non-empty label without commas, got ${JSON.stringify(label)}`);
    }
    return label;
  });
}
