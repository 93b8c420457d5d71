import type { BoundedRender } from '@pillar/escalation-core';
import { checkBaseUrl, optionError, OptionProblem } from '@pillar/escalation-core';

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
 * Checks a base URL given in a target's options with core's URL rule (no secret travels here,
 * so http is allowed): absolute http(s), no credentials, no query or fragment (the target adds
 * its own). Returns it without a trailing slash on the path; else `CONFIGURATION` naming
 * `options.baseUrl` of the target.
 */
export function parseBaseUrl(value: unknown, target: string): URL {
  const checked = checkBaseUrl(value, false);
  if (checked instanceof OptionProblem) {
    throw optionError(target, 'baseUrl', checked.reason ?? `must be an absolute http or https URL, got ${JSON.stringify(value)}`);
  }
  return new URL(checked);
}
