import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { InboxEntry } from './inbox-adapter';
import type { DemoWebhookSecrets } from './webhook-secrets';

/** What the agent does in the console: each sends one provider webhook. */
export type AgentAction = 'assign' | 'reply' | 'solve';

/** Console buttons: an agent's action, the last webhook sent again (a provider's retry), or a solve signed with a wrong secret. */
export type ConsoleCommand = AgentAction | 'resend' | 'forge';

/** Every {@link ConsoleCommand}: what the console's form may send. */
export const CONSOLE_COMMANDS: readonly ConsoleCommand[] = ['assign', 'reply', 'solve', 'resend', 'forge'];

/** The provider whose webhooks an inbox entry gets: what its option stands in for. */
export type ConsoleProvider = 'zendesk' | 'freshdesk';

/** One webhook request, exactly as it goes over the wire. */
export interface PreparedWebhook {
  provider: ConsoleProvider;
  /** The provider's name for the event, e.g. `ticket.comment_added`. */
  event: string;
  headers: Record<string, string>;
  body: string;
}

/** One webhook the console sent, with the relay's answer. */
export interface SentWebhook extends PreparedWebhook {
  /** 1, 2, … per ticket. */
  n: number;
  command: ConsoleCommand;
  sentAt: string;
  /** The relay's HTTP status (0 when the request itself failed). */
  status: number;
  /** The relay's answer body (or the network error), cut to 300 characters. */
  answer: string;
}

/** The ticket as the stand-in provider has it (the console's side, not the relay's). */
export interface ConsoleTicket {
  status: 'new' | 'open' | 'solved';
  assignee?: string;
  /** The agent's public replies, oldest first. */
  replies: string[];
  /** The webhooks sent for it, oldest first. */
  sent: SentWebhook[];
}

/** The local inbox's agent console: it plays Zendesk (for "Open a ticket") or Freshdesk (for "Leave a message"). */
export interface AgentConsole {
  /** The ticket's state at the stand-in provider (a fresh `new` ticket when nothing was done). */
  ticket(entryId: string): ConsoleTicket;
  /** Which provider's webhooks this entry gets. */
  providerOf(entry: InboxEntry): ConsoleProvider;
  /**
   * Sends the command's webhook to the relay and records it with the answer; `refused` (and
   * nothing sent) for a reply without text or over {@link MAX_REPLY_CHARS}, or `resend` before anything was sent.
   */
  send(entry: InboxEntry, command: ConsoleCommand, text?: string): Promise<{ sent: SentWebhook } | { refused: 'empty-reply' | 'long-reply' | 'nothing-sent' }>;
}

/** Options of {@link createAgentConsole}. */
export interface AgentConsoleOptions {
  /** The relay's webhook secrets (the console signs with the same ones, as the provider would). */
  secrets: DemoWebhookSecrets['webhooks'];
  /** The relay's base URL, e.g. `http://127.0.0.1:5173/api/escalation`. */
  relayUrl: () => string;
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /** @defaultValue the system clock */
  now?: () => Date;
}

/** The agent the console acts as. */
export const DEMO_AGENT = { id: 9001, name: 'Alex (demo agent)' } as const;
const REQUESTER_ID = 8001;
const ZENDESK_ACCOUNT_ID = 10_000_001;
/** The longest reply the console sends. */
export const MAX_REPLY_CHARS = 2_000;

/**
 * The token `freshdeskTicket` adds to a ticket's tags: `pillar` and 24 hex digits of the
 * SHA-256 of the escalation's provider key. The relay registers it for every delivery.
 */
export function keyToken(providerKey: string): string {
  return `pillar${createHash('sha256').update(providerKey, 'utf8').digest('hex').slice(0, 24)}`;
}

/** Zendesk's signature: base64(HMAC-SHA256(secret, timestamp + body)). */
export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(timestamp + body, 'utf8').digest('base64');
}

/**
 * The agent console of the local inbox. It keeps each ticket's state at the stand-in provider
 * and sends that provider's webhook for every action, signed with the relay's secret, over
 * HTTP to the relay's webhook route, as the real provider would.
 */
export function createAgentConsole(options: AgentConsoleOptions): AgentConsole {
  const tickets = new Map<string, ConsoleTicket>();
  const last = new Map<string, PreparedWebhook>();
  const now = options.now ?? (() => new Date());
  const doFetch = options.fetch ?? globalThis.fetch;

  const ticketOf = (id: string): ConsoleTicket => {
    let ticket = tickets.get(id);
    if (!ticket) tickets.set(id, (ticket = { status: 'new', replies: [], sent: [] }));
    return ticket;
  };
  const providerOf = (entry: InboxEntry): ConsoleProvider => (entry.optionId === 'message' ? 'freshdesk' : 'zendesk');

  /** Zendesk's event envelope (`zen:event-type:ticket.…`), signed with `secret`. */
  const zendesk = (entry: InboxEntry, ticket: ConsoleTicket, action: AgentAction, text: string | undefined, secret: string): PreparedWebhook => {
    const at = now().toISOString();
    const detail = {
      id: entry.id,
      external_id: entry.idempotencyKey,
      subject: entry.subject,
      status: ticket.status.toUpperCase(),
      requester_id: String(REQUESTER_ID),
      assignee_id: ticket.assignee ? String(DEMO_AGENT.id) : null,
      created_at: entry.receivedAt,
      updated_at: at,
    };
    let type: string;
    let event: unknown;
    if (action === 'assign') {
      type = 'ticket.agent_assignment_changed';
      event = { current: String(DEMO_AGENT.id), previous: null };
    } else if (action === 'reply') {
      type = 'ticket.comment_added';
      event = { comment: { id: randomUUID(), body: text ?? '', is_public: true, author: { id: String(DEMO_AGENT.id), is_staff: true, name: DEMO_AGENT.name } } };
    } else {
      type = 'ticket.status_changed';
      event = { current: 'SOLVED', previous: ticket.status.toUpperCase() };
    }
    const body = JSON.stringify({
      type: `zen:event-type:${type}`,
      account_id: ZENDESK_ACCOUNT_ID,
      id: randomUUID(),
      time: at,
      zendesk_event_version: '2022-11-06',
      subject: `zen:ticket:${entry.id}`,
      detail,
      event,
    });
    return {
      provider: 'zendesk',
      event: type,
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': zendeskSignature(secret, at, body),
        'x-zendesk-webhook-signature-timestamp': at,
      },
      body,
    };
  };

  /** The Freshdesk automation rule's body (docs/webhooks.md), with the shared token header. */
  const freshdesk = (entry: InboxEntry, ticket: ConsoleTicket, action: AgentAction, text: string | undefined, token: string): PreparedWebhook => {
    const body = JSON.stringify({
      ticket_id: entry.id,
      status: action === 'solve' ? 'Resolved' : 'Open',
      tags: `support, ${keyToken(entry.idempotencyKey)}`,
      agent: action === 'assign' || ticket.assignee ? DEMO_AGENT.name : '',
      latest_public_comment: action === 'reply' ? (text ?? '') : (ticket.replies.at(-1) ?? ''),
      updated_at: now().toISOString(),
      ...(action === 'reply' ? { state: 'agent_replied' } : {}),
    });
    return {
      provider: 'freshdesk',
      event: action === 'reply' ? 'rule: public reply' : action === 'solve' ? 'rule: status Resolved' : 'rule: agent assigned',
      headers: { 'content-type': 'application/json', 'x-pillar-webhook-token': token },
      body,
    };
  };

  const prepare = (entry: InboxEntry, ticket: ConsoleTicket, action: AgentAction, text: string | undefined, forged: boolean): PreparedWebhook => {
    const { secrets } = options;
    if (providerOf(entry) === 'freshdesk') return freshdesk(entry, ticket, action, text, forged ? `forged-${secrets.freshdesk.token}` : secrets.freshdesk.token);
    return zendesk(entry, ticket, action, text, forged ? `forged-${secrets.zendesk.secret}` : secrets.zendesk.secret);
  };

  const post = async (request: PreparedWebhook): Promise<{ status: number; answer: string }> => {
    try {
      const response = await doFetch(`${options.relayUrl()}/webhooks/${request.provider}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
      return { status: response.status, answer: (await response.text()).slice(0, 300) };
    } catch (error) {
      return { status: 0, answer: `The request failed: ${(error as Error).message}`.slice(0, 300) };
    }
  };

  return {
    ticket: (id) => {
      const t = ticketOf(id);
      return { ...t, replies: [...t.replies], sent: [...t.sent] };
    },
    providerOf,
    async send(entry, command, text) {
      const ticket = ticketOf(entry.id);
      let request: PreparedWebhook | undefined;
      if (command === 'resend') {
        // A provider's retry: the same bytes, the same signature, the same event id.
        request = last.get(entry.id);
        if (!request) return { refused: 'nothing-sent' };
      } else if (command === 'forge') {
        request = prepare(entry, ticket, 'solve', undefined, true);
      } else {
        const reply = command === 'reply' ? (text ?? '').trim() : undefined;
        if (command === 'reply' && !reply) return { refused: 'empty-reply' };
        if (reply !== undefined && [...reply].length > MAX_REPLY_CHARS) return { refused: 'long-reply' };
        request = prepare(entry, ticket, command, reply, false);
      }
      const { status, answer } = await post(request);
      // The provider's own ticket changes with the agent's action, whatever the relay answered.
      if (command === 'assign') {
        ticket.assignee = DEMO_AGENT.name;
        if (ticket.status === 'new') ticket.status = 'open';
      } else if (command === 'reply') {
        ticket.replies.push((text ?? '').trim());
        if (ticket.status === 'new') ticket.status = 'open';
      } else if (command === 'solve') {
        ticket.status = 'solved';
      }
      if (command !== 'resend' && command !== 'forge') last.set(entry.id, request);
      const sent: SentWebhook = { ...request, n: ticket.sent.length + 1, command, sentAt: now().toISOString(), status, answer };
      ticket.sent.push(sent);
      return { sent };
    },
  };
}
