import type { CopilotActivity } from './actions';

/** Who wrote a message in the co-pilot conversation. */
export type ChatRole = 'user' | 'assistant' | 'system';

/** One message of the conversation, as the user and the co-pilot exchanged it. */
export interface ChatMessage {
  /** Who wrote it: the user, the co-pilot (`assistant`), or a note added by the app or the tool (`system`). */
  role: ChatRole;
  /** The text as shown in the chat (Markdown from the co-pilot is kept as is); may be `''`. */
  content: string;
  /**
   * When the message was written: an ISO 8601 date-time with a time zone, e.g.
   * `2026-05-04T09:30:00Z` (`parseContext` refuses one without a zone, which would be ambiguous).
   */
  createdAt?: string;
}

/** A scalar that every provider can store as a custom field or attribute. */
export type Scalar = string | number | boolean | null;

/** The person asking for help, as the app knows them (never trust a browser's claim on a server). */
export interface EscalationUser {
  /** The app's id for the user (at most 256 characters). */
  id?: string;
  /** Display name (at most 256 characters). */
  name?: string;
  /** Email address (at most 254 characters). */
  email?: string;
  /** Billing plan, read by the `plans()` gate. */
  plan?: string;
  /** Role in the app, read by the `roles()` gate. */
  role?: string;
  /** BCP 47 tag, e.g. `en-US`. */
  locale?: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timeZone?: string;
  /**
   * Anything else the gates or the providers should see, read by the `attribute()` gate.
   * Scalars only; keys `__proto__`, `constructor` and `prototype` are refused.
   */
  attributes?: Record<string, Scalar>;
}

/** Why the user needs a human; providers get it as a tag or field, gates and routing can use it. */
export type EscalationReason = 'human_requested' | 'billing' | 'account' | 'bug' | 'complex' | 'other';

/** All reasons, in a stable order (for validation, tool schemas and docs). */
export const ESCALATION_REASONS: readonly EscalationReason[] = [
  'human_requested',
  'billing',
  'account',
  'bug',
  'complex',
  'other',
];

/** Everything an agent needs to pick up where the co-pilot left off. */
export interface EscalationContext {
  /** Pillar's conversation id, or `null` before the first message. */
  conversationId: string | null;
  /** The conversation, oldest first. */
  messages: ChatMessage[];
  /** Who is asking, from the app (`getContext` in the browser, `identify` on the server). Absent: an anonymous user. */
  user?: EscalationUser;
  /** The page the user was on when they asked for a human. */
  page?: {
    /**
     * Its address: an absolute http(s) URL without credentials, safe to link (`parseContext`
     * moves any other address to `displayUrl`, and drops one with credentials).
     */
    url?: string;
    /**
     * The page's address when it is not an http(s) URL (a Capacitor, Electron or Tauri app's
     * `capacitor://localhost/...`, a browser extension page): text to show an agent, never a
     * link. Adapters must not build a link, a URL or a header from it.
     */
    displayUrl?: string;
    /** Its title, e.g. `document.title`. */
    title?: string;
  };
  /** Why the user needs a human, when known (the co-pilot's tool input, or the app's own call). */
  reason?: EscalationReason;
  /** App-defined facts (account id, feature flags, ...). */
  metadata?: Record<string, Scalar>;
  /** What the co-pilot did in the product (`connectPillar` records it); the handoff brief shows it. */
  copilot?: CopilotActivity;
}
