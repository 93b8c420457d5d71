import type { LifecycleState } from '../lifecycle/states';

/** What a provider module reads of a webhook request. */
export interface WebhookInput {
  /** A request header by lower-case name, or `null`. */
  header(name: string): string | null;
  /** The absolute request URL (Freshdesk may carry its token in the query). */
  url: string;
  /** The raw body, exactly as received (signatures cover these bytes). */
  body: string;
  /** The relay's clock, in ms since the epoch. */
  now: number;
}

/** A verification failure: the reason is for the server's log, never for the caller. */
export type Verdict = { ok: true } | { ok: false; reason: string };

/** One provider event mapped to the lifecycle, not yet joined to an escalation. */
export interface MappedEvent {
  /** The provider's event id (or a digest of the body when it has none). */
  eventId: string;
  /** The lifecycle state it means. */
  state: LifecycleState;
  /** The provider's timestamp, in ms since the epoch, when the event has one. */
  at?: number;
  /** References to look up, most specific first: `ref:<provider>:<id>`, `key:<stamped key>`, `token:pillar…`. */
  references: string[];
  /** The agent's public reply text (raw: HTML or plain), when the event carries one. */
  text?: string;
}

/** A provider's webhook support: verify first, then map. */
export interface WebhookProvider {
  readonly name: string;
  verify(input: WebhookInput): Promise<Verdict>;
  /** The events in a verified body; empty for a topic that means nothing to the lifecycle. */
  map(body: unknown, raw: string): Promise<MappedEvent[]>;
}

const TOKEN = /\bpillar[0-9a-f]{24}\b/g;

/** `token:` references for every key token (`pillar` and 24 hex digits) in the raw body. */
export function tokenReferences(raw: string): string[] {
  return [...new Set(raw.match(TOKEN) ?? [])].map((token) => `token:${token}`);
}

/** A property of a plain object, or `undefined`. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

/** A non-empty string or a finite number, as text; else `undefined`. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 255) return value.trim();
  return undefined;
}

/** A non-empty string, or `undefined`. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * A timestamp in ms: an ISO 8601 string, or a number of seconds (below 10^11) or milliseconds.
 * `undefined` when there is none or it cannot be read.
 */
export function timestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e11 ? value * 1000 : value;
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^\d+(?:\.\d+)?$/.test(value.trim())) return timestamp(Number(value));
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/**
 * A help-desk ticket status (Zendesk or Freshdesk, by name or Freshdesk's number) as a state:
 * new `created`; open `assigned` when someone is assigned, else `created`; hold `assigned`;
 * pending `waiting_on_user`; solved or resolved `solved`; closed `closed`. `undefined` for
 * anything else (a custom status).
 */
export function ticketStatusState(status: unknown, assigned: boolean): LifecycleState | undefined {
  const name = typeof status === 'number' ? String(status) : typeof status === 'string' ? status.trim().toLowerCase() : '';
  switch (name) {
    case 'new':
      return 'created';
    case 'open':
    case '2':
      return assigned ? 'assigned' : 'created';
    case 'hold':
    case 'on-hold':
    case 'on hold':
      return 'assigned';
    case 'pending':
    case '3':
      return 'waiting_on_user';
    case 'solved':
    case 'resolved':
    case '4':
      return 'solved';
    case 'closed':
    case '5':
      return 'closed';
    default:
      return undefined;
  }
}
