// The sample in packages/server/README.md (compiled by the type check; check:docs keeps them equal).
import { createServer } from 'node:http';
import { createRegistry } from '@pillar/escalation-core';
import { createEscalationHandler, toNodeHandler } from '@pillar/escalation-server';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';

const registry = createRegistry([
  { id: 'ticket', label: 'Email support', adapter: zendeskTicket({ subdomain: 'acme', auth: { email: 'bot@acme.com', apiToken: process.env.ZENDESK_TOKEN ?? '' } }) },
]);
createServer(toNodeHandler(createEscalationHandler({ registry }))).listen(3000);
