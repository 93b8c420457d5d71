import { isLifecycleState } from '../lifecycle/states';
import { bodyDigest, sameSecret } from './crypto';
import { field, idText, text, ticketStatusState, timestamp, tokenReferences, type MappedEvent, type WebhookProvider } from './provider';

/**
 * `webhooks.freshdesk`: Freshdesk signs nothing, so the automation rule's webhook carries a long
 * secret of yours: in a custom header (`X-Pillar-Webhook-Token`, or `header`) or in the URL
 * (`…/webhooks/freshdesk?token=<token>`).
 */
export interface FreshdeskWebhookOptions {
  /** The shared secret, at least 32 characters (e.g. `openssl rand -hex 32`). */
  token: string;
  /** The request header that carries it. @defaultValue 'x-pillar-webhook-token' */
  header?: string;
}

/** The shortest token accepted: it is all that authenticates a Freshdesk webhook. */
export const MIN_FRESHDESK_TOKEN = 32;

/**
 * Freshdesk: the token from the header, else from the `token` query parameter, compared in
 * constant time. Bodies are the automation body the docs suggest (`ticket_id`, `status`, `tags`,
 * `agent`, `latest_public_comment`, `state?`), also in Freshdesk's `freshdesk_webhook` wrapper
 * with `ticket_`-prefixed names.
 */
export function freshdeskWebhook(options: FreshdeskWebhookOptions): WebhookProvider {
  const { token } = options;
  const headerName = (options.header ?? 'x-pillar-webhook-token').toLowerCase();
  return {
    name: 'freshdesk',
    async verify(input) {
      let given = input.header(headerName);
      if (given === null) {
        try {
          given = new URL(input.url).searchParams.get('token');
        } catch {
          given = null;
        }
      }
      if (given === null || given === '') return { ok: false, reason: `missing ${headerName} header or token query parameter` };
      return (await sameSecret(given, token)) ? { ok: true } : { ok: false, reason: 'token mismatch' };
    },
    async map(body, raw) {
      const ticket = field(body, 'freshdesk_webhook') ?? body;
      const read = (name: string) => field(ticket, name) ?? field(ticket, `ticket_${name}`);
      const named = read('state');
      const assigned = text(read('agent')) !== undefined || text(read('agent_name')) !== undefined || idText(read('responder_id')) !== undefined;
      const state = isLifecycleState(named) ? named : ticketStatusState(read('status'), assigned);
      if (!state) return [];
      const references: string[] = [];
      const id = idText(read('id'));
      if (id) references.push(`ref:freshdesk:${id}`);
      references.push(...tokenReferences(raw));
      const mapped: MappedEvent = { eventId: `freshdesk:${idText(read('event_id')) ?? `body:${await bodyDigest(raw)}`}`, state, references };
      const at = timestamp(read('updated_at'));
      if (at !== undefined) mapped.at = at;
      const reply = text(read('latest_public_comment'));
      if (state === 'agent_replied' && reply !== undefined) mapped.text = reply;
      return [mapped];
    },
  };
}
