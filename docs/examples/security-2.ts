// Gates on the server read only what identify returned.
import { allOf, attribute, createRegistry, plans, type Gate } from '@pillar/escalation-core';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';

/** Signed-in users only: on the server, user.id comes from identify alone. */
const signedIn: Gate = (context) => context.user?.id !== undefined;

export const registry = createRegistry([
  {
    id: 'priority-ticket',
    label: 'Priority support',
    adapter: zendeskTicket({ subdomain: 'acme', auth: { oauthToken: process.env.ZENDESK_OAUTH_TOKEN! } }),
    when: allOf(signedIn, plans(['enterprise']), attribute('seats', (seats) => Number(seats) >= 50)),
  },
  {
    // No gate: anonymous visitors may use it too, with the email they type.
    id: 'contact',
    label: 'Contact us',
    adapter: freshdeskTicket({ domain: 'acme', apiKey: process.env.FRESHDESK_API_KEY! }),
  },
]);
