import { http, HttpResponse } from 'msw';
import { createRegistry, EscalationError } from '@pillar/escalation-core';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { billingContext } from './support';

const API = 'https://api.intercom.io';
const CONTACT_ID = '6762f0dd1bb69f9f2193bb83';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

function serverRegistry() {
  return createRegistry([
    { id: 'message', label: 'Message support', adapter: intercomConversation({ accessToken: 't', retry: false, find: { waitMs: 0 } }), fallback: ['ticket'] },
    { id: 'ticket', label: 'Open a ticket', adapter: intercomTicket({ accessToken: 't', ticketTypeId: '88', retry: false }) },
  ]);
}

const found = http.post(`${API}/contacts/search`, () => HttpResponse.json({ type: 'list', data: [{ type: 'contact', id: CONTACT_ID, role: 'user', external_id: 'u_42' }], total_count: 1 }));
const ticketCreated = http.post(`${API}/tickets`, () => HttpResponse.json({ type: 'ticket', id: '626', ticket_id: '33' }));

describe('Intercom adapters in a registry', () => {
  it('falls back from the conversation to a ticket when Intercom is rate limiting (nothing was created)', async () => {
    server.use(
      found,
      http.post(`${API}/conversations`, () =>
        HttpResponse.json({ type: 'error.list', request_id: 'r', errors: [{ code: 'rate_limit_exceeded', message: 'Slow down' }] }, { status: 429, headers: { 'X-RateLimit-Reset': '4102444800' } }),
      ),
      ticketCreated,
    );

    const result = await serverRegistry().escalate('message', billingContext());

    expect(result).toMatchObject({ optionId: 'ticket', requestedOptionId: 'message', kind: 'intercom-ticket', status: 'created', reference: { id: '626' } });
    expect(result.attempts.map((a) => [a.optionId, a.outcome])).toEqual([
      ['message', 'failed'],
      ['ticket', expect.any(String)],
    ]);
  });

  it('does not fall back after an ambiguous conversation create that the search cannot settle: the conversation may exist', async () => {
    server.use(
      found,
      http.post(`${API}/conversations`, () => new HttpResponse('upstream reset', { status: 502 })),
      http.post(`${API}/conversations/search`, () => HttpResponse.json({ type: 'conversation.list', conversations: [], total_count: 0 })),
    );

    const error = (await serverRegistry().escalate('message', billingContext()).catch((e: unknown) => e)) as EscalationError;

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', optionId: 'message', details: { ambiguous: true } });
    expect((await requests.all()).map((r) => new URL(r.url).pathname)).toEqual(['/contacts/search', '/conversations', '/conversations/search']);
  });

  it('previews the payload with its type from the declaration merge', () => {
    const preview = serverRegistry().preview('message', billingContext(), 'intercom-conversation');
    // Typed as IntercomConversationPayload through AdapterPayloads: no cast needed.
    const body: string = preview.payload.body;
    expect(body).toContain('Go to Billing → Invoices and click Export.');
    expect(preview.payload.contact).toEqual({ external_id: 'u_42', email: 'ada@example.com', name: 'Ada Lovelace' });
  });
});
