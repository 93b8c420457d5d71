import { buildBoundedUrl, type BoundedParam } from '@pillar/escalation-core';
import { configError, requireText } from '../internal';
import { parseBaseUrl, type CommunityTarget } from '../target';

/** Options of {@link discourse}: the forum, and the category and tags the new topic gets. */
export interface DiscourseOptions {
  /** The forum's address, with its subfolder if it has one (`https://forum.example.com`, `https://example.com/community`). */
  baseUrl: string;
  /** Category slug, or `parent/child` for a subcategory. @defaultValue none (the user picks) */
  category?: string;
  /** Tags to preselect; a tag has no comma and no whitespace. @defaultValue none */
  tags?: string[];
}

/**
 * A new Discourse topic, prefilled: `<baseUrl>/new-topic?title=&body=&category=&tags=`.
 * Logged-out users log in first and come back to the prefilled composer.
 */
export function discourse(options: DiscourseOptions): CommunityTarget {
  const base = parseBaseUrl(options?.baseUrl, 'discourse');
  const category = options.category === undefined ? undefined : requireText(options.category, 'discourse category');
  const tags = options.tags === undefined ? undefined : validateTags(options.tags);
  const page = new URL(`${base.href.replace(/\/$/, '')}/new-topic`);
  return {
    name: 'discourse',
    origin: base.origin,
    takesText: true,
    buildUrl(text, maxLength) {
      const params: BoundedParam[] = [
        { name: 'title', value: text.title },
        { name: 'body', value: text.body },
      ];
      if (category !== undefined) params.push({ name: 'category', value: category });
      if (tags !== undefined && tags.length > 0) params.push({ name: 'tags', value: tags.join(',') });
      return buildBoundedUrl(page, params, maxLength);
    },
  };
}

function validateTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw configError('discourse tags must be an array of strings');
  return tags.map((tag, i) => {
    if (typeof tag !== 'string' || tag === '' || /[\s,]/.test(tag)) {
      throw configError(`discourse tags[${i}] must be a non-empty tag without commas or whitespace, got ${JSON.stringify(tag)}`);
    }
    return tag;
  });
}
