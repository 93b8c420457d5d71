import axios from 'axios';
import { http, HttpResponse } from 'msw';
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { zendeskRequest } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';

const server = setupProviderServer();

describeAdapterConformance(
  'zendesk-ticket',
  () =>
    zendeskTicket({
      subdomain: 'acme',
      auth: { email: 'agent@acme.test', apiToken: 'tok_123' },
      http: axios.create(),
      mapping: { fields: { conversationId: 360002, reason: 360003, plan: 360004, pageUrl: 360005, metadata: { accountId: 360006 } } },
    }),
  {
    htmlFields: ['ticket.comment.html_body'],
    // Zendesk shows these as text, escaping them itself.
    textFields: ['ticket.subject', 'ticket.requester.name', 'ticket.tags[]', 'ticket.custom_fields[].value', 'ticket.external_id'],
    deliver: {
      run: true,
      setup() {
        server.use(http.post('https://acme.zendesk.com/api/v2/tickets', () => HttpResponse.json({ ticket: { id: 1 } }, { status: 201 })));
      },
      expect(delivery) {
        expect(delivery).toEqual({ status: 'created', reference: { id: '1', url: 'https://acme.zendesk.com/agent/tickets/1' } });
      },
    },
  },
);

describeAdapterConformance('zendesk-request', () => zendeskRequest({ subdomain: 'acme' }), {
  textFields: ['request.subject', 'request.comment.body', 'request.requester.name'],
  deliver: {
    run: true,
    setup() {
      server.use(http.post('https://acme.zendesk.com/api/v2/requests', () => HttpResponse.json({ request: { id: 2 } }, { status: 201 })));
    },
    expect(delivery) {
      expect(delivery).toEqual({ status: 'created', reference: { id: '2' } });
    },
  },
});
