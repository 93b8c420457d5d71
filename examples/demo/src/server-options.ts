import { businessHours, not, type EscalationOption } from '@pillar/escalation-core';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { intercomConversation, type IntercomApiRegion } from '@pillar/escalation-intercom/server';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { SUPPORT_HOURS } from './hours';
import { inboxAdapter, type InboxStore } from './inbox-adapter';

/** Where one server-side option delivers, as printed at startup and shown on the page. */
export interface ServerOptionMode {
  optionId: string;
  label: string;
  /** `inbox` (no credentials), or the provider the credentials are for. */
  mode: 'inbox' | 'zendesk' | 'freshdesk' | 'intercom';
  /** One line for people: "a Zendesk ticket in acme.zendesk.com". */
  target: string;
  /** Set when some variables of a provider are present but not all of them. */
  warning?: string;
}

export type DemoEnv = Readonly<Record<string, string | undefined>>;

const ZENDESK_VARS = ['ZENDESK_SUBDOMAIN', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'] as const;
const FRESHDESK_VARS = ['FRESHDESK_DOMAIN', 'FRESHDESK_API_KEY'] as const;
const INTERCOM_VARS = ['INTERCOM_ACCESS_TOKEN'] as const;

/** `complete` when every variable is set, `partial` (with the missing names) when only some are. */
function credentials(env: DemoEnv, names: readonly string[]): { state: 'none' | 'partial' | 'complete'; missing: string[] } {
  const missing = names.filter((name) => !env[name]?.trim());
  return { state: missing.length === 0 ? 'complete' : missing.length === names.length ? 'none' : 'partial', missing };
}

function partialWarning(provider: string, missing: string[]): string {
  return `${provider} variables are incomplete (missing ${missing.join(', ')}): delivering to the local inbox instead`;
}

/**
 * The server's options, with the same ids as the browser's relay options. Each delivers to the
 * real provider when its variables are set, else to the local inbox. Invalid values (a subdomain
 * with a space, an unknown region) throw `CONFIGURATION` here, at startup.
 */
export function serverOptions(env: DemoEnv, store: InboxStore, inboxUrl: () => string): { options: EscalationOption[]; modes: ServerOptionMode[] } {
  const modes: ServerOptionMode[] = [];
  const inbox = (optionId: string, label: string, standsFor: string) => inboxAdapter({ store, optionId, label, standsFor, inboxUrl });

  // "Open a ticket": a Zendesk ticket.
  const zendesk = credentials(env, ZENDESK_VARS);
  let ticket: EscalationOption;
  if (zendesk.state === 'complete') {
    const subdomain = env.ZENDESK_SUBDOMAIN!.trim();
    ticket = {
      id: 'ticket',
      label: 'Open a ticket',
      adapter: zendeskTicket({ subdomain, auth: { email: env.ZENDESK_EMAIL!.trim(), apiToken: env.ZENDESK_API_TOKEN!.trim() } }),
    };
    modes.push({ optionId: 'ticket', label: 'Open a ticket', mode: 'zendesk', target: `a Zendesk ticket in ${subdomain}.zendesk.com` });
  } else {
    ticket = { id: 'ticket', label: 'Open a ticket', adapter: inbox('ticket', 'Open a ticket', 'a Zendesk ticket') };
    modes.push({
      optionId: 'ticket',
      label: 'Open a ticket',
      mode: 'inbox',
      target: 'the local inbox (set ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN for Zendesk)',
      ...(zendesk.state === 'partial' ? { warning: partialWarning('Zendesk', zendesk.missing) } : {}),
    });
  }

  // "Leave a message" (out of hours): a Freshdesk ticket, else an Intercom conversation.
  const freshdesk = credentials(env, FRESHDESK_VARS);
  const intercom = credentials(env, INTERCOM_VARS);
  const outOfHours = not(businessHours(SUPPORT_HOURS));
  let message: EscalationOption;
  const warnings = freshdesk.state === 'partial' ? [partialWarning('Freshdesk', freshdesk.missing)] : [];
  if (freshdesk.state === 'complete') {
    const domain = env.FRESHDESK_DOMAIN!.trim();
    message = { id: 'message', label: 'Leave a message', when: outOfHours, adapter: freshdeskTicket({ domain, apiKey: env.FRESHDESK_API_KEY!.trim() }) };
    modes.push({ optionId: 'message', label: 'Leave a message', mode: 'freshdesk', target: `a Freshdesk ticket in ${domain.replace(/\.freshdesk\.com$/i, '')}.freshdesk.com` });
  } else if (intercom.state === 'complete') {
    const region = (env.INTERCOM_REGION?.trim() || 'us') as IntercomApiRegion;
    message = { id: 'message', label: 'Leave a message', when: outOfHours, adapter: intercomConversation({ accessToken: env.INTERCOM_ACCESS_TOKEN!.trim(), region }) };
    modes.push({
      optionId: 'message',
      label: 'Leave a message',
      mode: 'intercom',
      target: `an Intercom conversation (REST API, region ${region})`,
      ...(warnings.length ? { warning: warnings.join('; ') } : {}),
    });
  } else {
    message = { id: 'message', label: 'Leave a message', when: outOfHours, adapter: inbox('message', 'Leave a message', 'a Freshdesk ticket or an Intercom conversation') };
    modes.push({
      optionId: 'message',
      label: 'Leave a message',
      mode: 'inbox',
      target: 'the local inbox (set FRESHDESK_DOMAIN, FRESHDESK_API_KEY for Freshdesk, or INTERCOM_ACCESS_TOKEN for Intercom)',
      ...(warnings.length ? { warning: warnings.join('; ') } : {}),
    });
  }
  return { options: [ticket, message], modes };
}
