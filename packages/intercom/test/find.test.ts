import { delay, http, HttpResponse } from 'msw';
import type { EscalationError } from '@pillar/escalation-core';
import { intercomConversation, intercomTicket, keyToken, type IntercomConversationOptions, type IntercomTicketOptions } from '@pillar/escalation-intercom/server';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { billingContext, responseErrors, specErrors } from './support';

const API = 'https://api.intercom.io';
const KEY = 'pe-0123456789abcdef';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const conversation = (extra: Partial<IntercomConversationOptions> = {}) => intercomConversation({ accessToken: 't', retry: false, find: { waitMs: 0 }, ...extra });
const ticket = (extra: Partial<IntercomTicketOptions> = {}) => intercomTicket({ accessToken: 't', ticketTypeId: '88', retry: false, find: { waitMs: 0 }, ...extra });

/** A conversation search answer, checked against the spec's conversation_list first. */
function conversations(...items: Array<{ id: string; created_at: number }>) {
  const body = { type: 'conversation.list', conversations: items.map((c) => ({ type: 'conversation', ...c, updated_at: c.created_at, open: true, state: 'open' })), total_count: items.length };
  expect(responseErrors('conversation_list', body)).toEqual([]);
  return HttpResponse.json(body);
}

/** A ticket search answer, checked against the spec's ticket_list first. */
function tickets(...items: Array<{ id: string; created_at: number }>) {
  const body = { type: 'ticket.list', tickets: items.map((t) => ({ type: 'ticket', ...t, ticket_id: '33', updated_at: t.created_at })), total_count: items.length };
  expect(responseErrors('ticket_list', body)).toEqual([]);
  return HttpResponse.json(body);
}

describe('intercomConversation: find', () => {
  it("searches source.body for the key's token, as the spec takes it, and answers the conversation", async () => {
    server.use(http.post(`${API}/conversations/search`, () => conversations({ id: '499', created_at: 1_765_000_000 })));
    await expect(conversation().find!(KEY, billingContext())).resolves.toEqual({ status: 'created', reference: { id: '499' }, data: { found: 'search' } });
    const [sent, ...more] = await requests.all();
    expect(more).toEqual([]);
    expect(sent?.body).toEqual({ query: { field: 'source.body', operator: '~', value: await keyToken(KEY) }, pagination: { per_page: 5 } });
    expect(specErrors('POST /conversations/search', sent?.body)).toEqual([]);
    expect(sent?.headers['intercom-version']).toBe('2.16');
  });

  it('answers the first conversation made when several carry the token, naming the others', async () => {
    server.use(http.post(`${API}/conversations/search`, () => conversations({ id: '12', created_at: 1_765_000_050 }, { id: '11', created_at: 1_765_000_000 })));
    await expect(conversation().find!(KEY, billingContext())).resolves.toMatchObject({ reference: { id: '11' }, data: { duplicates: ['12'] } });
  });

  it('rejects "may exist" when the search finds nothing, by default: the index may lag', async () => {
    server.use(http.post(`${API}/conversations/search`, () => conversations()));
    const error = (await conversation().find!(KEY, billingContext()).catch((e: unknown) => e)) as EscalationError;
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: expect.objectContaining({ ambiguous: true }) });
    expect(error.message).toMatch(/may exist/);
  });

  it('answers null with absentWhenNotFound, after searching again until the wait is over', async () => {
    const looks: number[] = [];
    const started = Date.now();
    server.use(
      http.post(`${API}/conversations/search`, () => {
        looks.push(Date.now() - started);
        return conversations();
      }),
    );
    await expect(conversation({ find: { waitMs: 100, intervalMs: 40, absentWhenNotFound: true } }).find!(KEY, billingContext())).resolves.toBeNull();
    // It searched again, and its last search started once the wait was over (how many searches
    // fit in 100 ms depends on how fast each one answers on a loaded machine).
    expect(looks.length).toBeGreaterThanOrEqual(2);
    expect(looks.at(-1)).toBeGreaterThanOrEqual(100);
  });

  it('rejects "may exist" when the search keeps failing', async () => {
    server.use(http.post(`${API}/conversations/search`, () => HttpResponse.json({ type: 'error.list', errors: [{ code: 'server_error', message: 'boom' }] }, { status: 500 })));
    await expect(conversation({ find: { waitMs: 50, intervalMs: 10, absentWhenNotFound: true } }).find!(KEY, billingContext())).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      status: 500,
      details: expect.objectContaining({ ambiguous: true }),
    });
  });

  it('rejects with TIMEOUT ("may exist") when the search is slower than timeoutMs', async () => {
    server.use(
      http.post(`${API}/conversations/search`, async () => {
        await delay(1_000);
        return conversations();
      }),
    );
    const started = Date.now();
    await expect(conversation({ timeoutMs: 60 }).find!(KEY, billingContext())).rejects.toMatchObject({ code: 'TIMEOUT', details: expect.objectContaining({ ambiguous: true }) });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('finds what deliver created, and nothing for another key', async () => {
    const made: Array<{ id: string; body: string }> = [];
    server.use(
      http.post(`${API}/contacts/search`, () => HttpResponse.json({ type: 'list', data: [{ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', role: 'user', external_id: 'u_42' }], total_count: 1 })),
      http.post(`${API}/conversations`, async ({ request }) => {
        made.push({ id: String(500 + made.length), body: ((await request.json()) as { body: string }).body });
        return HttpResponse.json({ type: 'user_message', id: '1', conversation_id: made.at(-1)!.id });
      }),
      http.post(`${API}/conversations/search`, async ({ request }) => {
        const { query } = (await request.json()) as { query: { value: string } };
        // Intercom matches whole words of the body.
        return conversations(...made.filter((c) => c.body.split(/\s+/).includes(query.value)).map((c) => ({ id: c.id, created_at: 1_765_000_000 })));
      }),
    );
    const a = conversation({ find: { waitMs: 0, absentWhenNotFound: true } });
    const context = billingContext();
    const delivery = await a.deliver(a.toPayload(context), { context, idempotencyKey: KEY });
    await expect(a.find!(KEY, context)).resolves.toMatchObject({ reference: delivery.reference });
    await expect(a.find!('pe-ffffffffffffffff', context)).resolves.toBeNull();
  });
});

describe('intercomTicket: find', () => {
  it("searches tickets of the type whose description holds the key's token", async () => {
    server.use(http.post(`${API}/tickets/search`, () => tickets({ id: '626', created_at: 1_765_000_000 })));
    await expect(ticket().find!(KEY, billingContext())).resolves.toEqual({ status: 'created', reference: { id: '626' }, data: { found: 'search' } });
    const sent = await requests.last();
    expect(sent?.body).toEqual({
      query: {
        operator: 'AND',
        value: [
          { field: 'ticket_type_id', operator: '=', value: '88' },
          { field: 'description', operator: '~', value: await keyToken(KEY) },
        ],
      },
      pagination: { per_page: 5 },
    });
    expect(specErrors('POST /tickets/search', sent?.body)).toEqual([]);
  });

  it('answers the first ticket when several carry the token', async () => {
    server.use(http.post(`${API}/tickets/search`, () => tickets({ id: '7', created_at: 2 }, { id: '6', created_at: 1 })));
    await expect(ticket().find!(KEY, billingContext())).resolves.toMatchObject({ reference: { id: '6' }, data: { duplicates: ['7'] } });
  });

  it('rejects "may exist" on an empty search by default, and answers null when told to trust it', async () => {
    server.use(http.post(`${API}/tickets/search`, () => tickets()));
    await expect(ticket().find!(KEY, billingContext())).rejects.toMatchObject({ details: expect.objectContaining({ ambiguous: true }) });
    await expect(ticket({ find: { waitMs: 0, absentWhenNotFound: true } }).find!(KEY, billingContext())).resolves.toBeNull();
  });

  it('rejects "may exist" when the search is rate limited', async () => {
    server.use(http.post(`${API}/tickets/search`, () => HttpResponse.json({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] }, { status: 429 })));
    await expect(ticket({ find: { waitMs: 0, absentWhenNotFound: true } }).find!(KEY, billingContext())).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: expect.objectContaining({ ambiguous: true }),
    });
  });

  it('keeps the description with its token within descriptionMaxLength', async () => {
    let description = '';
    server.use(
      http.post(`${API}/tickets`, async ({ request }) => {
        description = ((await request.json()) as { ticket_attributes: { _default_description_: string } }).ticket_attributes._default_description_;
        return HttpResponse.json({ type: 'ticket', id: '626', ticket_id: '33' });
      }),
    );
    const a = ticket({ descriptionMaxLength: 300 });
    const context = { ...billingContext(), messages: Array.from({ length: 50 }, (_, i) => ({ role: 'user' as const, content: `message ${i} `.repeat(5) })) };
    await a.deliver(a.toPayload(context), { context, idempotencyKey: KEY });
    expect(description.length).toBeLessThanOrEqual(300);
    expect(description.endsWith(await keyToken(KEY))).toBe(true);
  });
});

describe('Intercom REST: the access token never travels in clear', () => {
  it.each(['http://proxy.example.com', 'http://10.0.0.1:8080', 'http://127.0.0.1.example.com'])('refuses baseUrl %s', (baseUrl) => {
    for (const make of [() => conversation({ baseUrl }), () => ticket({ baseUrl })]) {
      expect(make).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(/https/) }));
    }
  });

  it.each(['http://localhost:4010', 'http://127.0.0.1:4010', 'http://127.1.2.3', 'http://[::1]:4010', 'https://proxy.example.com/intercom'])('accepts baseUrl %s', (baseUrl) => {
    expect(() => conversation({ baseUrl })).not.toThrow();
    expect(() => ticket({ baseUrl })).not.toThrow();
  });

  it('refuses a bad find option with CONFIGURATION', () => {
    expect(() => conversation({ find: { absentWhenNotFound: 'yes' as unknown as boolean } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => ticket({ find: { waitMs: 1.5 } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
