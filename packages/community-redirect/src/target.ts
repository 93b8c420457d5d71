import type { BoundedRender } from '@pillar/escalation-core';
import { configError, describe } from './internal';

/**
 * The conversation as a target may put it in a URL. Every field renders at most `maxLength`
 * UTF-16 units and never cuts a character; identifiers render whole or not at all.
 */
export interface ConversationText {
  /** One line from the user's question (`titleFromContext`). */
  title: BoundedRender;
  /** The transcript (`renderTranscript`), in the format chosen on `communityRedirect`. */
  body: BoundedRender;
  /** Pillar's conversation id, or nothing. */
  conversationId: BoundedRender;
  /** The escalation reason (`billing`, `bug`, ...), or nothing. */
  reason: BoundedRender;
  /** The page the user was on, whole or nothing (a cut URL is a broken link). */
  pageUrl: BoundedRender;
}

/**
 * Where a community redirect sends the user. Each target is a small factory
 * (`discourse`, `githubDiscussions`, `githubIssues`, `slack`, `discord`, `urlTemplate`);
 * third parties can write their own.
 */
export interface CommunityTarget {
  /** Stable name, e.g. `discourse`; also in the payload. */
  readonly name: string;
  /** The origin every URL of this target stays on (`https://forum.example.com`). */
  readonly origin: string;
  /**
   * Whether the URL carries the conversation. `false` (Slack, Discord): the delivery carries
   * the transcript in `data.transcript` so the app can offer to copy it.
   */
  readonly takesText: boolean;
  /**
   * The URL for one conversation: pure, at most `maxLength` characters, every value encoded,
   * always on `origin`. Throws `CONFIGURATION` when even the URL without text is too long.
   */
  buildUrl(text: ConversationText, maxLength: number): string;
}

/**
 * Parses a base URL given in a target's options: absolute http(s), no credentials, no query or
 * fragment (the target adds its own). Returns it without a trailing slash on the path.
 */
export function parseBaseUrl(value: unknown, option: string): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw configError(`${option} must be an absolute http(s) URL, got ${describe(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(`${option} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(`${option} must use http or https, got "${url.protocol}" in "${value}"`);
  }
  if (url.username !== '' || url.password !== '') throw configError(`${option} must not contain credentials`);
  if (url.search !== '' || url.hash !== '') {
    throw configError(`${option} must not have a query or fragment, got "${value}"`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

