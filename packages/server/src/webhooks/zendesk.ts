import { isLifecycleState, type LifecycleState } from '../lifecycle/states';
import { bodyDigest, fromBase64, verifyHmac } from './crypto';
import { field, idText, text, ticketStatusState, timestamp, tokenReferences, type MappedEvent, type WebhookProvider } from './provider';

/** `webhooks.zendesk`: the webhook's signing secret (Admin Center, the webhook's page, "Reveal secret"). */
export interface ZendeskWebhookOptions {
  /** The signing secret Zendesk shows for the webhook. */
  secret: string;
}

/**
 * Zendesk: `X-Zendesk-Webhook-Signature` is base64(HMAC-SHA256(secret, timestamp + body)) with
 * the timestamp of `X-Zendesk-Webhook-Signature-Timestamp` (ISO 8601), which must be within
 * `toleranceMs` of the relay's clock. Bodies are event envelopes (`zen:event-type:ticket.…`) or
 * the trigger body the docs suggest.
 */
export function zendeskWebhook(options: ZendeskWebhookOptions, toleranceMs: number): WebhookProvider {
  const { secret } = options;
  return {
    name: 'zendesk',
    async verify(input) {
      const signature = input.header('x-zendesk-webhook-signature');
      const stamp = input.header('x-zendesk-webhook-signature-timestamp');
      if (!signature || !stamp) return { ok: false, reason: 'missing X-Zendesk-Webhook-Signature or its timestamp' };
      const at = timestamp(stamp);
      if (at === undefined) return { ok: false, reason: 'unreadable signature timestamp' };
      if (Math.abs(input.now - at) > toleranceMs) return { ok: false, reason: 'stale signature timestamp' };
      const mac = fromBase64(signature.trim());
      if (!mac) return { ok: false, reason: 'the signature is not base64' };
      return (await verifyHmac('SHA-256', secret, stamp + input.body, mac)) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    async map(body, raw) {
      const type = text(field(body, 'type'));
      if (type?.startsWith('zen:event-type:')) {
        const event = eventEnvelope(body, type.slice('zen:event-type:'.length));
        return event ? [event] : [];
      }
      const event = await triggerBody(body, raw);
      return event ? [event] : [];
    },
  };
}

/** References of a ticket: its id, the stamped `external_id`, tokens anywhere in the body. */
function ticketReferences(id: string | undefined, externalId: string | undefined, raw: string): string[] {
  const refs: string[] = [];
  if (externalId) refs.push(`key:${externalId}`);
  if (id) refs.push(`ref:zendesk:${id}`);
  refs.push(...tokenReferences(raw));
  return refs;
}

/** A Zendesk event (`ticket.status_changed`, `ticket.comment_added`, `ticket.agent_assignment_changed`, `ticket.created`). */
function eventEnvelope(body: unknown, type: string): MappedEvent | undefined {
  const eventId = idText(field(body, 'id'));
  if (!eventId) return undefined;
  const detail = field(body, 'detail');
  const event = field(body, 'event');
  const subject = text(field(body, 'subject'));
  const ticketId = idText(field(detail, 'id')) ?? (subject?.startsWith('zen:ticket:') ? subject.slice('zen:ticket:'.length) : undefined);
  let state: LifecycleState | undefined;
  let reply: string | undefined;
  switch (type) {
    case 'ticket.created':
      state = 'created';
      break;
    case 'ticket.status_changed':
      state = ticketStatusState(field(event, 'current') ?? field(detail, 'status'), idText(field(detail, 'assignee_id')) !== undefined);
      break;
    case 'ticket.agent_assignment_changed':
      state = idText(field(event, 'current')) !== undefined ? 'assigned' : undefined;
      break;
    case 'ticket.comment_added': {
      const comment = field(event, 'comment');
      const author = field(comment, 'author');
      const staff = field(author, 'is_staff');
      const byAgent = typeof staff === 'boolean' ? staff : idText(field(author, 'id')) !== undefined && idText(field(author, 'id')) !== idText(field(detail, 'requester_id'));
      if (field(comment, 'is_public') === true && byAgent) {
        state = 'agent_replied';
        reply = text(field(comment, 'body'));
      }
      break;
    }
    default:
      state = undefined;
  }
  if (!state) return undefined;
  const mapped: MappedEvent = { eventId: `zendesk:${eventId}`, state, references: ticketReferences(ticketId, idText(field(detail, 'external_id')), JSON.stringify(detail ?? null)) };
  const at = timestamp(field(body, 'time'));
  if (at !== undefined) mapped.at = at;
  if (reply !== undefined) mapped.text = reply;
  return mapped;
}

/**
 * The trigger body the docs suggest: `{ ticket_id, external_id, status, assignee, updated_at,
 * latest_public_comment, state? }` (placeholders; also under a `ticket` object). `state` names
 * the lifecycle state outright (a trigger on agent replies sends `agent_replied`); else the status
 * decides. The body's digest is its event id, so a doubled delivery is applied once.
 */
async function triggerBody(body: unknown, raw: string): Promise<MappedEvent | undefined> {
  const ticket = typeof field(body, 'ticket') === 'object' ? field(body, 'ticket') : body;
  const read = (name: string) => field(ticket, name) ?? field(body, name);
  const named = read('state');
  const assigned = text(read('assignee')) !== undefined || idText(read('assignee_id')) !== undefined;
  const state = isLifecycleState(named) ? named : ticketStatusState(read('status'), assigned);
  if (!state) return undefined;
  const id = idText(read('ticket_id')) ?? idText(read('id'));
  const mapped: MappedEvent = {
    eventId: `zendesk:${idText(read('event_id')) ?? `body:${await bodyDigest(raw)}`}`,
    state,
    references: ticketReferences(id, idText(read('external_id')), raw),
  };
  const at = timestamp(read('updated_at'));
  if (at !== undefined) mapped.at = at;
  const reply = text(read('latest_public_comment'));
  if (state === 'agent_replied' && reply !== undefined) mapped.text = reply;
  return mapped;
}
