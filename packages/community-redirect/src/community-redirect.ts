import {
  bool,
  custom,
  defineOptions,
  EscalationError,
  int,
  oneOf,
  openUrl,
  string,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  renderTranscript,
  throwIfAborted,
  titleFromContext,
  transcriptRenderer,
  truncateText,
  type BoundedRender,
  type EscalationAdapter,
  type EscalationContext,
  type OpenIn,
} from '@pillar/escalation-core';
import type { CommunityTarget, ConversationText } from './target';

/** The adapter kind, as in `registry.preview()` and the payload map. */
export const COMMUNITY_REDIRECT_KIND = 'community-redirect';

/** Titles longer than this read badly in a forum list (GitHub allows 256, Discourse 255). */
export const COMMUNITY_TITLE_MAX_LENGTH = 120;

/** Options of {@link communityRedirect}: a target and how to open and fit the URL. */
export interface CommunityRedirectOptions {
  /** Where to send the user: `discourse(...)`, `githubDiscussions(...)`, `githubIssues(...)`, `slack(...)`, `discord(...)`, `urlTemplate(...)`. */
  target: CommunityTarget;
  /** Open the URL in a new tab (the app stays open) or in this one. @defaultValue `'new-tab'` */
  openIn?: OpenIn;
  /**
   * The longest URL to produce; the transcript is cut to fit. About 2,000 works in every
   * browser; GitHub answers 414 past about 8,000. @defaultValue `2000`
   */
  maxUrlLength?: number;
  /** The transcript's format, in the URL body and in `data.transcript`. @defaultValue `'markdown'` */
  format?: 'markdown' | 'text';
  /**
   * The title when there is no user question and no page title yet.
   * @defaultValue `titleFromContext`'s fallback, `'Conversation with the AI assistant'`
   */
  defaultTitle?: string;
  /**
   * Put who the user is (name, email, plan) in the title, body and transcript. A forum post or
   * an issue is public, and the user posts it under their own account anyway.
   * @defaultValue `false`
   */
  includeUser?: boolean;
  /**
   * The longest transcript handed to the app for targets that take no text (Slack, Discord).
   * @defaultValue `20000`
   */
  transcriptMaxLength?: number;
}

/** What `toPayload` produces: the URL to open, and the transcript where the URL cannot carry it. */
export interface CommunityRedirectPayload {
  /** The target's name (`discourse`, `github-issues`, `slack`, ...). */
  target: string;
  /** The URL to open: encoded, on the target's host, at most `maxUrlLength` characters. */
  url: string;
  /** Where `deliver` opens `url`: the `openIn` option. */
  openIn: OpenIn;
  /** The conversation to offer as a copy, only for targets that take no text. */
  transcript?: string;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the community redirect adapter: {@link CommunityRedirectPayload}. */
    'community-redirect': CommunityRedirectPayload;
  }
}

const EMPTY_CONTEXT: EscalationContext = { conversationId: null, messages: [] };

const OPTIONS = defineOptions(COMMUNITY_REDIRECT_KIND, {
  target: custom({
    expects: 'a target, e.g. discourse({ baseUrl }) or githubIssues({ repo })',
    required: true as const,
    invalid: ['https://forum.example.com', {}],
    check: (t: unknown) =>
      typeof t === 'object' && t !== null && typeof (t as CommunityTarget).buildUrl === 'function' && typeof (t as CommunityTarget).origin === 'string' ? (t as CommunityTarget) : undefined,
  }),
  openIn: oneOf(['new-tab', 'same-tab'] as const, { default: 'new-tab' }),
  maxUrlLength: int({ default: 2000 }),
  format: oneOf(['markdown', 'text'] as const, { default: 'markdown' }),
  defaultTitle: string({ pattern: /\S/, expects: 'a non-empty string' }),
  includeUser: bool({ default: false }),
  transcriptMaxLength: int({ default: 20_000 }),
} satisfies OptionFieldsFor<CommunityRedirectOptions>);

/** The declared options of {@link communityRedirect}. */
export const COMMUNITY_REDIRECT_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Sends the user to a community (forum, GitHub, Slack, Discord, any URL) with the conversation
 * prefilled where the target takes text: the title from the user's question, the body from the
 * transcript in markdown.
 *
 * @example
 * ```ts
 * communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com', category: 'support' }) })
 * ```
 */
export function communityRedirect(options: CommunityRedirectOptions): EscalationAdapter<CommunityRedirectPayload> {
  const { target, openIn, maxUrlLength, transcriptMaxLength, format, defaultTitle, includeUser } = OPTIONS.check(options);
  // A copy without `user`: the context itself is never changed.
  const visible = (context: EscalationContext): EscalationContext => (includeUser || context.user === undefined ? context : { ...context, user: undefined });
  const textOf = (context: EscalationContext): ConversationText => ({
    title: cappedAt(
      COMMUNITY_TITLE_MAX_LENGTH,
      bounded((max) => titleFromContext(context, { maxLength: max, ...(defaultTitle === undefined ? {} : { fallback: defaultTitle }) })),
    ),
    body: bounded(transcriptRenderer(context, { format })),
    conversationId: whole(context.conversationId ?? ''),
    reason: whole(context.reason ?? ''),
    pageUrl: whole(context.page?.url ?? ''),
  });
  // The URL without any conversation must fit: a too-long base or template fails here, at boot.
  target.buildUrl(textOf(EMPTY_CONTEXT), maxUrlLength);

  return {
    kind: COMMUNITY_REDIRECT_KIND,
    runtime: 'browser',
    limits: { maxUrlLength, ...(target.takesText ? {} : { fields: { transcript: transcriptMaxLength } }) },
    toPayload(context) {
      const shown = visible(context);
      const payload: CommunityRedirectPayload = { target: target.name, url: target.buildUrl(textOf(shown), maxUrlLength), openIn };
      if (!target.takesText) payload.transcript = renderTranscript(shown, { format, maxLength: transcriptMaxLength });
      return payload;
    },
    async deliver(payload, { signal }) {
      throwIfAborted(signal);
      assertOnTarget(payload.url, target.origin);
      openUrl(payload.url, payload.openIn === 'same-tab' ? 'same-tab' : 'new-tab', `communityRedirect (${target.name})`);
      return {
        status: 'redirected',
        reference: { url: payload.url },
        ...(payload.transcript === undefined ? {} : { data: { transcript: payload.transcript, format } }),
      };
    },
  };
}

/** deliver opens only what toPayload could have built: a payload edited in between is refused. */
function assertOnTarget(url: unknown, origin: string): void {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.origin !== origin) {
    throw new EscalationError('CONFIGURATION', `communityRedirect refuses to open a URL outside ${origin}`, { retryable: false });
  }
}

/**
 * Holds a renderer to its promise (`maxLength`), whatever it returns, and remembers its answers:
 * the budget search asks for the same length more than once, and a title from a megabyte-long
 * message is costly to redo.
 */
function bounded(render: BoundedRender): BoundedRender {
  const seen = new Map<number, string>();
  return (max) => {
    let text = seen.get(max);
    if (text === undefined) {
      text = render(max);
      if (text.length > max) text = truncateText(text, max);
      seen.set(max, text);
    }
    return text;
  };
}

/** Asks `render` for at most `cap`, so every larger budget is one cached call. */
function cappedAt(cap: number, render: BoundedRender): BoundedRender {
  return (max) => render(Math.min(max, cap));
}

/** An identifier: whole, or nothing when it does not fit (a cut id or URL points elsewhere). */
function whole(text: string): BoundedRender {
  return (max) => (text.length <= max ? text : '');
}
