/** Who wrote a message in the co-pilot conversation. */
export type ChatRole = 'user' | 'assistant' | 'system';

/** One message of the conversation, as the user and the co-pilot exchanged it. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** When the message was written, ISO 8601. */
  createdAt?: string;
}

/** A scalar that every provider can store as a custom field or attribute. */
export type Scalar = string | number | boolean | null;

/** The person asking for help, as the app knows them (never trust a browser's claim on a server). */
export interface EscalationUser {
  id?: string;
  name?: string;
  email?: string;
  /** Billing plan, read by the `plans()` gate. */
  plan?: string;
  /** Role in the app, read by the `roles()` gate. */
  role?: string;
  /** BCP 47 tag, e.g. `en-US`. */
  locale?: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timeZone?: string;
  /** Anything else the gates or the providers should see, read by the `attribute()` gate. */
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
  messages: ChatMessage[];
  user?: EscalationUser;
  /** The page the user was on. */
  page?: { url?: string; title?: string };
  reason?: EscalationReason;
  /** App-defined facts (account id, feature flags, ...). */
  metadata?: Record<string, Scalar>;
}
