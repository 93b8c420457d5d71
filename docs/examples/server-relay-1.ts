// server/escalation.ts: the server's registry and the relay handler, made once at startup.
import 'reflect-metadata';
import { createRegistry, plans, type EscalationUser } from '@pillar/escalation-core';
import { createEscalationHandler } from '@pillar/escalation-server';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';

/** Your session lookup (a cookie, a verified JWT): who is calling, as your server knows them. */
declare function currentUser(request: Request): Promise<{ id: string; email: string; name: string; plan: string; role: string } | null>;

const registry = createRegistry([
  {
    // The same id as the browser option that relays to it.
    id: 'ticket',
    label: 'Open a ticket',
    icon: 'mail',
    adapter: zendeskTicket({
      subdomain: 'acme',
      auth: { email: process.env.ZENDESK_EMAIL!, apiToken: process.env.ZENDESK_API_TOKEN! },
    }),
    // Checked again on the server, against what identify says, never what the browser claims.
    when: plans(['pro', 'enterprise']),
  },
]);

export const escalationHandler = createEscalationHandler({
  registry,
  async identify(request): Promise<EscalationUser | null> {
    const user = await currentUser(request);
    return user && { id: user.id, email: user.email, name: user.name, plan: user.plan, role: user.role };
  },
  rateLimit: { limit: 10, windowMs: 60_000 },
});
