import { http, HttpResponse } from 'msw';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';

const API = 'https://api.intercom.io';
const server = setupProviderServer();

describeAdapterConformance('intercom-conversation', () => intercomConversation({ accessToken: 'test-token', retry: false }), {
  textFields: ['body', 'contact.*'],
  deliver: {
    run: true,
    setup() {
      server.use(
        http.post(`${API}/contacts/search`, () => HttpResponse.json({ type: 'list', data: [{ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', role: 'user' }], total_count: 1 })),
        http.post(`${API}/conversations`, () => HttpResponse.json({ type: 'user_message', id: '1', conversation_id: '499' })),
      );
    },
    expect(delivery) {
      expect(delivery).toMatchObject({ status: 'created', reference: { id: '499' } });
    },
  },
});

describeAdapterConformance('intercom-ticket', () => intercomTicket({ accessToken: 'test-token', ticketTypeId: '88', retry: false }), {
  textFields: ['ticket_attributes.*', 'contacts[].*'],
  deliver: {
    run: true,
    setup() {
      server.use(http.post(`${API}/tickets`, () => HttpResponse.json({ type: 'ticket', id: '626', ticket_id: '33' })));
    },
    expect(delivery) {
      expect(delivery).toMatchObject({ status: 'created', reference: { id: '626' } });
    },
  },
});
