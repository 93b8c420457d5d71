import type { LifecycleState } from '../lifecycle/states';
import { fromHex, verifyHmac } from './crypto';
import { field, idText, text, timestamp, tokenReferences, type MappedEvent, type WebhookProvider } from './provider';

/** `webhooks.intercom`: the app's client secret (Developer Hub, the app's Basic information). */
export interface IntercomWebhookOptions {
  /** The client secret that keys Intercom's `X-Hub-Signature`. */
  clientSecret: string;
}

/** Topics that mean a lifecycle state; every other topic (including `ping`) is answered 200 without effect. */
const TOPICS: Readonly<Record<string, LifecycleState>> = {
  'conversation.user.created': 'created',
  'conversation.admin.assigned': 'assigned',
  'conversation.admin.opened': 'assigned',
  'conversation.admin.replied': 'agent_replied',
  'conversation.admin.closed': 'solved',
  'ticket.created': 'created',
  'ticket.admin.assigned': 'assigned',
  'ticket.admin.replied': 'agent_replied',
};

/** Intercom ticket states (the string, or the category of a `ticket_state` object). */
const TICKET_STATES: Readonly<Record<string, LifecycleState>> = {
  submitted: 'created',
  in_progress: 'assigned',
  waiting_on_customer: 'waiting_on_user',
  resolved: 'solved',
};

/**
 * Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1(client secret, raw body)>`. The signature has
 * no timestamp, so a replayed notification passes the check: its id makes it a duplicate, and
 * its `created_at` makes it stale once anything newer was applied.
 */
export function intercomWebhook(options: IntercomWebhookOptions): WebhookProvider {
  const { clientSecret } = options;
  return {
    name: 'intercom',
    async verify(input) {
      const header = input.header('x-hub-signature');
      if (!header) return { ok: false, reason: 'missing X-Hub-Signature' };
      const match = /^sha1=([0-9a-fA-F]{40})$/.exec(header.trim());
      const mac = match ? fromHex(match[1]!) : undefined;
      if (!mac) return { ok: false, reason: 'X-Hub-Signature is not sha1=<40 hex digits>' };
      return (await verifyHmac('SHA-1', clientSecret, input.body, mac)) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    async map(body, raw) {
      const topic = text(field(body, 'topic'));
      const eventId = idText(field(body, 'id'));
      const item = field(field(body, 'data'), 'item');
      if (!topic || !eventId || item === undefined) return [];
      let state: LifecycleState | undefined = TOPICS[topic];
      if (topic === 'ticket.state.updated') {
        const ticketState = field(item, 'ticket_state');
        const name = text(ticketState) ?? text(field(ticketState, 'category'));
        state = name ? TICKET_STATES[name] : undefined;
      }
      if (!state) return [];
      const references: string[] = [];
      for (const name of ['id', 'ticket_id', 'conversation_id']) {
        const id = idText(field(item, name));
        if (id) references.push(`ref:intercom:${id}`);
      }
      references.push(...tokenReferences(raw));
      const mapped: MappedEvent = { eventId: `intercom:${eventId}`, state, references };
      const at = timestamp(field(body, 'created_at')) ?? timestamp(field(item, 'updated_at'));
      if (at !== undefined) mapped.at = at;
      if (state === 'agent_replied') {
        const reply = latestAdminPart(item);
        if (reply !== undefined) mapped.text = reply;
      }
      return [mapped];
    },
  };
}

/** The body of the latest part an admin wrote in public (`comment`), if the item lists parts. */
function latestAdminPart(item: unknown): string | undefined {
  const parts = field(field(item, 'conversation_parts'), 'conversation_parts') ?? field(field(item, 'ticket_parts'), 'ticket_parts');
  if (!Array.isArray(parts)) return undefined;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part: unknown = parts[i];
    if (text(field(field(part, 'author'), 'type')) !== 'admin') continue;
    const kind = text(field(part, 'part_type'));
    if (kind !== undefined && kind !== 'comment' && kind !== 'open' && kind !== 'close' && kind !== 'assignment') continue;
    const body = text(field(part, 'body'));
    if (body !== undefined) return body;
  }
  return undefined;
}
