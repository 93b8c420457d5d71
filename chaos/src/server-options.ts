import type { EscalationOption } from '@pillar/escalation-core';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { intercomConversation } from '@pillar/escalation-intercom/server';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import type { EmulatorCredentials } from './emulator/server';
import type { ProviderName } from './emulator/truth';

const ZENDESK_AUTH = { email: 'agent@example.com', apiToken: 'zd-chaos-token' };
const FRESHDESK_KEY = 'fd-chaos-key';
const INTERCOM_TOKEN = 'ic-chaos-token';

/** The `Authorization` headers the adapters below send, for the emulator to accept. */
export const CHAOS_CREDENTIALS: EmulatorCredentials = {
  zendesk: `Basic ${Buffer.from(`${ZENDESK_AUTH.email}/token:${ZENDESK_AUTH.apiToken}`).toString('base64')}`,
  freshdesk: `Basic ${Buffer.from(`${FRESHDESK_KEY}:X`).toString('base64')}`,
  intercom: `Bearer ${INTERCOM_TOKEN}`,
};

/** How the relay's adapters are tuned for a run. */
export interface ChaosAdapterSettings {
  /** Each provider's API base on the emulator. */
  baseUrls: Record<ProviderName, string>;
  /** Per-request timeout of every adapter, in ms (the emulator's `slow` answers come later). */
  timeoutMs: number;
  /**
   * Intercom's `find.absentWhenNotFound`: whether a search that finds nothing proves nothing
   * was made. The emulator's search sees a new conversation at once, the assumption under which
   * `true` is safe; with `false` (the adapter's default) an Intercom create that may have
   * landed and did not stays "may exist" for good. @defaultValue true
   */
  trustIntercomSearch?: boolean;
}

/**
 * The relay's options: the real Zendesk, Freshdesk and Intercom server adapters, each falling
 * back to the other two. Everything else is the adapters' defaults (retries, lookups' waits).
 */
export function chaosServerOptions(settings: ChaosAdapterSettings): EscalationOption[] {
  const { baseUrls, timeoutMs, trustIntercomSearch = true } = settings;
  return [
    {
      id: 'zendesk',
      label: 'Zendesk ticket',
      adapter: zendeskTicket({ subdomain: 'chaos', auth: ZENDESK_AUTH, baseUrl: baseUrls.zendesk, timeoutMs }),
      fallback: ['freshdesk', 'intercom'],
    },
    {
      id: 'freshdesk',
      label: 'Freshdesk ticket',
      adapter: freshdeskTicket({ domain: 'chaos', apiKey: FRESHDESK_KEY, baseUrl: baseUrls.freshdesk, timeoutMs }),
      fallback: ['intercom', 'zendesk'],
    },
    {
      id: 'intercom',
      label: 'Intercom conversation',
      adapter: intercomConversation({ accessToken: INTERCOM_TOKEN, baseUrl: baseUrls.intercom, timeoutMs, find: { absentWhenNotFound: trustIntercomSearch } }),
      fallback: ['zendesk', 'freshdesk'],
    },
  ];
}

/** The server option escalation `index` asks for first: the three in turn. */
export function chaosOptionFor(index: number): 'zendesk' | 'freshdesk' | 'intercom' {
  return (['zendesk', 'freshdesk', 'intercom'] as const)[index % 3]!;
}
