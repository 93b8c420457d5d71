import { describeOptionChecks } from '@pillar/escalation-testkit';
import { ACME_TICKET_OPTIONS, acmeTicket, type AcmeTicketOptions } from './options-1';

describeOptionChecks<AcmeTicketOptions>('acmeTicket', {
  factory: acmeTicket,
  declaration: ACME_TICKET_OPTIONS,
  valid: { apiKey: 'k' },
  sources: [{ file: 'src/acme-ticket.ts', interface: 'AcmeTicketOptions' }],
});
