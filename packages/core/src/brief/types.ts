import type { CopilotAction } from '../context/actions';
import type { EscalationReason } from '../context/types';
import type { Redactor } from '../transcript/redact';

/** A piece of the conversation, quoted: the user's or the assistant's own words, never rewritten. */
export interface BriefQuote {
  /** The quoted text (redacted, whitespace collapsed, at most a few hundred characters, '…' where cut). */
  text: string;
  /** Where it was said: the index in `context.messages` (0-based). */
  messageIndex: number;
}

/** A step the assistant suggested and the user reported on. */
export interface BriefStep extends BriefQuote {
  /** `failed`: the user said it did not work; `done`: the user said they did it. */
  outcome: 'failed' | 'done';
  /** The index of the user's message that reported it. */
  reportIndex: number;
}

/** One piece of evidence that a human is needed. */
export interface BriefSignal {
  /**
   * - `asked_for_human`: the user asked for a person;
   * - `still_failing`: the user said something still does not work;
   * - `assistant_cannot`: the assistant said it cannot do what is needed.
   */
  kind: 'asked_for_human' | 'still_failing' | 'assistant_cannot';
  /** How many messages said so. */
  count: number;
  /** The latest of them (the assistant's words for `assistant_cannot`). */
  quote: BriefQuote;
}

/** What the agent reads first: the ask, what was tried, where, why, who. */
export interface HandoffBrief {
  /** The user's ask in their own words: the first substantive message, or the later one where the topic changed. Absent when the user has not asked anything yet. */
  request?: BriefQuote;
  /** Steps the assistant suggested that the user then reported as done or not working, oldest first (at most 8, the latest). */
  tried: BriefStep[];
  /** Where the user is and what the co-pilot did in the product. */
  where: {
    /** The page's title, from `context.page`. */
    pageTitle?: string;
    /** The page's address, from `context.page`. */
    pageUrl?: string;
    /** The product page the app last gave `pillar.setContext` (`currentPage`). */
    productPage?: string;
    /** The feature the app last gave `pillar.setContext` (`currentFeature`). */
    feature?: string;
    /** The error state the app last gave `pillar.setContext`, as `code: message`. */
    error?: string;
    /** What the co-pilot ran in the product, latest last (at most 8). */
    actions: CopilotAction[];
  };
  /** Why a human is needed now. */
  why: {
    /** `context.reason`, when set. */
    reason?: EscalationReason;
    /** The evidence in the conversation, strongest first. */
    signals: BriefSignal[];
  };
  /** Who is asking. */
  who: {
    /** Display name. */
    name?: string;
    /** Email address. */
    email?: string;
    /** Billing plan. */
    plan?: string;
    /** Role in the app. */
    role?: string;
    /** The user's BCP 47 locale. */
    locale?: string;
    /** The user's IANA time zone. */
    timeZone?: string;
    /** When the user last wrote (the latest message's `createdAt`), ISO 8601; shown in the user's zone. */
    lastMessageAt?: string;
  };
}

/** Options for {@link handoffBrief}. */
export interface HandoffBriefOptions {
  /**
   * Applied to every quoted text and value before it is returned.
   * @defaultValue `defaultRedactor`; none for a context returned by `redactContext` (already redacted)
   */
  redact?: Redactor | false;
}
