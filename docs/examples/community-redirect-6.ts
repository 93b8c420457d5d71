import { buildBoundedUrl } from '@pillar/escalation-core';
import { communityRedirect, parseBaseUrl, type CommunityTarget } from '@pillar/escalation-community-redirect';

// A target of your own: a Discourse private message to the support group instead of a public topic.
export function discourseMessage(options: { baseUrl: string; group: string }): CommunityTarget {
  const base = parseBaseUrl(options.baseUrl, 'discourseMessage baseUrl');
  const page = new URL(`${base.href.replace(/\/$/, '')}/new-message`);
  return {
    name: 'discourse-message',
    origin: base.origin,
    takesText: true,
    buildUrl(text, maxLength) {
      // Fixed values go in whole; the renderers (title, body) share what is left, encoded.
      return buildBoundedUrl(
        page,
        [
          { name: 'groupname', value: options.group },
          { name: 'title', value: text.title },
          { name: 'body', value: text.body },
        ],
        maxLength,
      );
    },
  };
}

export const messageSupport = communityRedirect({
  target: discourseMessage({ baseUrl: 'https://forum.example.com', group: 'support' }),
  includeUser: true, // a private message: the support group may see who asks
});
