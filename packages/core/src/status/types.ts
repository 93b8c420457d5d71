import type { StatusLocale, StatusStrings } from './messages';

/** The lifecycle of an escalation after the handoff, as the relay's webhooks report it. */
export type LifecycleState = 'created' | 'assigned' | 'agent_replied' | 'waiting_on_user' | 'solved' | 'closed' | 'booked' | 'canceled';

/** Every {@link LifecycleState}. */
export const LIFECYCLE_STATES: readonly LifecycleState[] = ['created', 'assigned', 'agent_replied', 'waiting_on_user', 'solved', 'closed', 'booked', 'canceled'];

/** Lifecycle states after which nothing more is followed. */
export const FINAL_LIFECYCLE_STATES: readonly LifecycleState[] = ['solved', 'closed', 'canceled'];

/** One lifecycle change, read from the relay's event stream or state endpoint. */
export interface LifecycleUpdate {
  /** The new state. */
  state: LifecycleState;
  /** The SSE event id, when it came from the stream (the resume point after a reload). */
  id?: string;
  /** When it happened, ISO 8601, as the provider said. */
  at?: string;
  /** The agent's public reply, as plain text, when the relay sent one (shown only with `showReplies`). */
  reply?: string;
}

/**
 * Where one escalation stands, as the status surface shows it. Apps that render their own
 * surface get the same object from `trackEscalationStatus`.
 *
 * - `working`: the registry is delivering.
 * - `delivered`: an option delivered (`delivery` says how); `lifecycle` follows.
 * - `failed`: nothing was delivered and nothing may exist: retry or choose another option.
 * - `unavailable`: the option's gate refused it (outside hours, plan); `opensAt` when known.
 * - `may-exist`: an attempt may have reached the provider and no lookup could tell: never
 *   offered elsewhere; "check again" repeats with the same key.
 */
export interface EscalationStatusView {
  /** See above. */
  phase: 'working' | 'delivered' | 'failed' | 'unavailable' | 'may-exist';
  /** The option the user asked for. */
  requestedOptionId: string;
  /** The option shown: the one that delivered (a fallback), else the one tried last. */
  optionId: string;
  /** The escalation's idempotency key (a retry reuses it); absent for a failure reported without one. */
  idempotencyKey?: string;
  /** The adapter kind behind `optionId` (for a relay: the server adapter's kind, once known). */
  kind?: string;
  /** The name shown for the provider, e.g. `Intercom`. */
  provider: string;
  /** How it was delivered (`delivered` only). */
  delivery?: 'opened' | 'created' | 'redirected';
  /** The ticket or conversation reference, when the adapter gave one. */
  reference?: {
    /** The ticket or conversation id. */
    id?: string;
    /** Its link. */
    url?: string;
  };
  /** The user's email, partially masked (`ada@…`), where a created ticket's answer goes. */
  replyTo?: string;
  /** Set when the requested option failed and a fallback delivered or is being tried. */
  fallback?: {
    /** The option that failed. */
    from: string;
    /** Its provider's name. */
    fromProvider: string;
    /** The option used instead. */
    to: string;
    /** Its provider's name. */
    toProvider: string;
    /** Why `from` failed (an `EscalationError` code). */
    code: string;
  };
  /** The failure (`failed`, `unavailable`, `may-exist`). */
  error?: {
    /** The `EscalationError` code. */
    code: string;
    /** Its message (for logs, not shown). */
    message: string;
    /** Whether the same request may succeed again. */
    retryable: boolean;
  };
  /** When the refused option opens again (`unavailable`), `null` when unknown. */
  opensAt?: Date | null;
  /** Other options this user may use now (`failed`, `unavailable`), in the registry's order. */
  alternatives: {
    /** The option id (`choose(id)`). */
    id: string;
    /** Its label. */
    label: string;
  }[];
  /** Whether `retry()` can repeat the escalation with the same key. */
  canRetry: boolean;
  /** The latest lifecycle state, once the relay reported one (or Calendly reported a booking). */
  lifecycle?: LifecycleState;
  /** When that state was reached, ISO 8601, when known. */
  lifecycleAt?: string;
  /** The agent's latest public reply, plain text, cut to `maxReplyLength` (only with `showReplies`). */
  reply?: string;
  /** Whether the relay's events are being followed now. */
  following: boolean;
  /** When the user clicked (epoch ms), kept across a reload. */
  startedAt: number;
  /** The locale the texts are in. */
  locale: StatusLocale;
  /** The time zone times are shown in. */
  timeZone?: string;
}

/** How the relay's lifecycle events are followed. */
export interface StatusFollowOptions {
  /** The relay's base (what `relay({ endpoint })` got), e.g. `/api/escalation`. */
  endpoint: string;
  /**
   * Which delivered adapter kinds are followed (only escalations that reached your relay can
   * be heard back from). @defaultValue `['relay']`
   */
  kinds?: readonly string[];
  /** `credentials` of the polling requests; `include` also makes the EventSource send cookies cross-origin. @defaultValue 'same-origin' */
  credentials?: RequestCredentials;
  /**
   * Request headers for polling (e.g. `Authorization`). An EventSource cannot send headers, so
   * with headers the surface polls. @defaultValue none
   */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** `auto`: Server-Sent Events, polling when they fail; `poll`: polling only. @defaultValue 'auto' */
  transport?: 'auto' | 'poll';
  /** Polling interval in ms (doubled after a failed request, up to 60 s). @defaultValue 10000 */
  pollIntervalMs?: number;
  /** The `fetch` used for polling. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /** The `EventSource` constructor; `null` polls. @defaultValue `globalThis.EventSource` */
  EventSource?: typeof EventSource | null;
}

/** What the status surface reports for analytics at every lifecycle change. */
export interface StatusLifecycleEvent {
  /** The option that delivered. */
  optionId: string;
  /** Its adapter kind (the server adapter's for a relay), when known. */
  kind?: string;
  /** The escalation's key. */
  idempotencyKey: string;
  /** The new state. */
  state: LifecycleState;
  /** Milliseconds since the click (kept across a reload). */
  sinceClickMs: number;
}

/** What the status surface reports when the escalation is solved, and when the user goes back to the assistant. */
export interface StatusResolvedEvent extends StatusLifecycleEvent {
  /** `false` when it was solved; `true` when the user then pressed "Back to the assistant". */
  backToAssistant: boolean;
}

/** The part of the Pillar SDK instance the surface uses to hand back (`@pillar-ai/sdk` 0.1.34 has `open`). */
export interface StatusPillar {
  /** Opens the Pillar panel; the surface calls `open({ view: 'chat', focusInput: true })`. */
  open?(options?: { view?: string; focusInput?: boolean }): void;
}

/** Options of the status surface (`showEscalationStatus`, `connectPillar({ status })`, `trackEscalationStatus`). */
export interface StatusOptions {
  /**
   * Follow the relay's lifecycle events after a relayed delivery (`GET <endpoint>/escalations/<key>/events`,
   * polling `GET <endpoint>/escalations/<key>` when the stream fails): a string is the endpoint.
   * @defaultValue nothing is followed
   */
  follow?: string | StatusFollowOptions;
  /** The locale of the texts (BCP 47). @defaultValue the context's `user.locale`, else `navigator.language`, else `en` */
  locale?: string;
  /** The IANA time zone times are shown in. @defaultValue the context's `user.timeZone`, else the browser's */
  timeZone?: string;
  /** Your own texts, by locale, over the built-in ones. @defaultValue none */
  strings?: Partial<Record<StatusLocale, Partial<StatusStrings>>>;
  /** The name shown for a provider, by option id or adapter kind (e.g. `{ 'zendesk-ticket': 'Acme Help' }`). @defaultValue from the kind, else the option's label */
  providerNames?: Readonly<Record<string, string>>;
  /**
   * Show the agent's public reply text that the relay sends with `agent_replied`. Off by
   * default: the reply then lives only in the provider's own channel (email, Messenger), and a
   * page may be on a shared screen. Turn it on when the page is where the user expects the
   * answer (no email on file, an in-app inbox). Shown as text only, never as markup.
   * @defaultValue false
   */
  showReplies?: boolean;
  /** The longest reply shown, in characters (cut with `…`). @defaultValue 280 */
  maxReplyLength?: number;
  /** The Pillar instance: at `solved`, "Back to the assistant" calls its `open()`. `connectPillar` passes its own. @defaultValue none */
  pillar?: StatusPillar;
  /** Called when the user presses "Back to the assistant" (after `pillar.open`). @defaultValue none */
  onBackToAssistant?: () => void;
  /**
   * When an option refused by its gate opens again. The default computes it when the option's
   * `when` is a `businessHours()` gate; give this for composed gates (`allOf(plans(...),
   * businessHours(...))`), e.g. `(id, at) => nextOpening(hours, at)`. `null` or `undefined`: unknown.
   * @defaultValue the option's business-hours gate
   */
  nextOpening?: (optionId: string, at: Date) => Date | null | undefined;
  /** Called at every lifecycle change (analytics). @defaultValue none */
  onLifecycle?: (event: StatusLifecycleEvent) => void;
  /** Called when solved, and again when the user goes back to the assistant (analytics). @defaultValue none */
  onResolved?: (event: StatusResolvedEvent) => void;
  /** Where the followed escalation is kept across reloads; `null` keeps nothing. @defaultValue `sessionStorage` */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** The storage key. @defaultValue 'pillar-escalation-status' */
  storageKey?: string;
  /** Where the element is added (`showEscalationStatus`, `connectPillar`). @defaultValue `document.body` */
  container?: Element;
  /** Lay the panel out in the page flow instead of fixed in a corner. @defaultValue false */
  inline?: boolean;
}
