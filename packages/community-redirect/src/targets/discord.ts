import { assertSameTarget } from '@pillar/escalation-core';
import { configError } from '../internal';
import type { CommunityTarget } from '../target';

/** A server invite: the code (`abc123`) or the whole link (`https://discord.gg/abc123`). */
export interface DiscordInviteOptions {
  /**
   * The invite code (2 to 32 letters, digits or `-`) or a whole invite link on `discord.gg`,
   * `discord.com/invite` or `discordapp.com/invite`; opened as `https://discord.com/invite/<code>`.
   */
  invite: string;
}

/** A channel the user is already a member of; both IDs from "Copy ID" in Discord's developer mode. */
export interface DiscordChannelOptions {
  /** The server's ID (Discord calls it a guild): a numeric snowflake of 17 to 20 digits. */
  guild: string;
  /** The channel's ID: a numeric snowflake of 17 to 20 digits. */
  channel: string;
}

/**
 * Options of {@link discord}: `{ invite }` for anyone (the invite lets them join the server), or
 * `{ guild, channel }` to open a channel of a server the user has already joined.
 */
export type DiscordOptions = DiscordInviteOptions | DiscordChannelOptions;

const SNOWFLAKE = /^\d{17,20}$/;
const INVITE_CODE = /^[A-Za-z0-9-]{2,32}$/;
const INVITE_LINK = /^https:\/\/(?:www\.)?(?:discord\.gg|discord\.com\/invite|discordapp\.com\/invite)\/([A-Za-z0-9-]{2,32})\/?$/;

/**
 * Opens Discord: `https://discord.com/invite/<code>` or `https://discord.com/channels/<guild>/<channel>`.
 * Discord takes no prefilled text, so the delivery carries the transcript for the app to offer as a copy.
 */
export function discord(options: DiscordOptions): CommunityTarget {
  const page = new URL(discordPath(options));
  return {
    name: 'discord',
    origin: page.origin,
    takesText: false,
    buildUrl(_text, maxLength) {
      return assertSameTarget(page.href, page, maxLength);
    },
  };
}

function discordPath(options: DiscordOptions): string {
  if (options !== null && typeof options === 'object' && 'invite' in options) {
    const invite = options.invite;
    const code = typeof invite === 'string' ? (INVITE_CODE.test(invite) ? invite : INVITE_LINK.exec(invite)?.[1]) : undefined;
    if (code === undefined) {
      throw configError(`discord invite must be an invite code or a discord.gg link, got ${JSON.stringify(invite)}`);
    }
    return `https://discord.com/invite/${code}`;
  }
  const { guild, channel } = (options ?? {}) as Partial<DiscordChannelOptions>;
  if (typeof guild !== 'string' || !SNOWFLAKE.test(guild) || typeof channel !== 'string' || !SNOWFLAKE.test(channel)) {
    throw configError(
      `discord needs { invite } or { guild, channel } with numeric IDs, got ${JSON.stringify({ guild, channel })}`,
    );
  }
  return `https://discord.com/channels/${guild}/${channel}`;
}
