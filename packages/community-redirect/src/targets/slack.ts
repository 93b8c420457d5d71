import { buildBoundedUrl } from '@pillar/escalation-core';
import { configError } from '../internal';
import type { CommunityTarget } from '../target';

/**
 * Options of {@link slack}: the channel to open, by ID (Slack's `app_redirect` takes IDs, not
 * names). Both are checked when the target is created (`CONFIGURATION`).
 */
export interface SlackOptions {
  /** The workspace ID (`T0123ABCD`; `E...` for Enterprise Grid), from the workspace URL or "About this workspace". */
  team: string;
  /** The channel ID (`C0123ABCD`), from the channel's details; a channel name does not work. */
  channel: string;
}

const ID = /^[A-Z0-9]{3,}$/;

/**
 * Opens a Slack channel: `https://slack.com/app_redirect?channel=<id>&team=<id>`. Slack takes
 * no prefilled text, so the delivery carries the transcript for the app to offer as a copy.
 */
export function slack(options: SlackOptions): CommunityTarget {
  const team = options?.team;
  const channel = options?.channel;
  if (typeof team !== 'string' || !ID.test(team) || !/^[TE]/.test(team)) {
    throw configError(`slack team must be a workspace ID like "T0123ABCD", got ${JSON.stringify(team)}`);
  }
  if (typeof channel !== 'string' || !ID.test(channel)) {
    throw configError(`slack channel must be a channel ID like "C0123ABCD" (not a name), got ${JSON.stringify(channel)}`);
  }
  const page = new URL('https://slack.com/app_redirect');
  return {
    name: 'slack',
    origin: page.origin,
    takesText: false,
    buildUrl(_text, maxLength) {
      return buildBoundedUrl(
        page,
        [
          { name: 'channel', value: channel },
          { name: 'team', value: team },
        ],
        maxLength,
      );
    },
  };
}
