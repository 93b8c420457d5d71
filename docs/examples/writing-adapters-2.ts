import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { acmeDesk } from './writing-adapters-1';

const registry = createRegistry([{ id: 'ticket', label: 'Open a ticket', adapter: acmeDesk({ subdomain: 'acme', token: process.env.ACME_TOKEN ?? '' }) }]);
const context: EscalationContext = { conversationId: 'conv_1', messages: [{ role: 'user', content: 'My export fails' }] };

// The kind names the payload type: `payload` is an AcmeDeskTicket, no cast.
const { payload } = registry.preview('ticket', context, 'acme-ticket');
console.log(payload.subject, payload.tags.join(', '));

// @ts-expect-error -- AcmeDeskTicket has no `body`: a typo is a compile error.
console.log(payload.body);

// Without the kind, the payload is `unknown`: narrow it yourself.
const untyped = registry.preview('ticket', context).payload;
// @ts-expect-error -- `unknown` has no properties.
console.log(untyped.subject);
