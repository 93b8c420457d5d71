import axios from 'axios';
import { delay, http, HttpResponse } from 'msw';
import type { EscalationContext, EscalationError } from '@pillar/escalation-core';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { freshdeskTicket, keyTag, type FreshdeskTicketOptions } from '@pillar/escalation-freshdesk/server';
import { billingContext } from './support';

const TICKETS = 'https://acme.freshdesk.com/api/v2/tickets';
const SEARCH = 'https://acme.freshdesk.com/api/v2/search/tickets';
const KEY = 'pe-0123456789abcdef';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const base: FreshdeskTicketOptions = { domain: 'acme', apiKey: 'fd_test_key_123', http: axios.create(), retry: false, find: { waitMs: 0, intervalMs: 10 } };
const adapter = (extra: Partial<FreshdeskTicketOptions> = {}) => freshdeskTicket({ ...base, ...extra });
const find = (extra: Partial<FreshdeskTicketOptions> = {}, context: EscalationContext = billingContext(), key = KEY) => adapter(extra).find!(key, context);
const ticket = (id: number, tags: string[], created_at = '2026-12-07T10:00:00Z') => ({ id, subject: 'Export', status: 2, tags, created_at, requester_id: 77 });

describe('freshdeskTicket: find', () => {
  it("reads the requester's latest tickets (a list, not the search index) and answers the one tagged with the key", async () => {
    const tag = await keyTag(KEY);
    server.use(http.get(TICKETS, () => HttpResponse.json([ticket(9, ['pillar-escalation']), ticket(8, ['pillar-escalation', tag])])));
    await expect(find()).resolves.toEqual({ status: 'created', reference: { id: '8', url: 'https://acme.freshdesk.com/a/tickets/8' }, data: { found: 'tag' } });
    const [sent, ...more] = await requests.all();
    expect(more).toEqual([]);
    expect(sent?.method).toBe('GET');
    expect(Object.fromEntries(new URL(sent!.url).searchParams)).toEqual({ email: 'ada@example.com', order_by: 'created_at', order_type: 'desc', per_page: '100' });
    expect(sent?.headers.authorization).toBe('Basic ZmRfdGVzdF9rZXlfMTIzOlg=');
  });

  it('answers null when no ticket carries the tag until the wait is over, looking again meanwhile', async () => {
    const looks: number[] = [];
    const started = Date.now();
    server.use(
      http.get(TICKETS, () => {
        looks.push(Date.now() - started);
        return HttpResponse.json([ticket(9, ['pillar-escalation'])]);
      }),
    );
    await expect(find({ find: { waitMs: 100, intervalMs: 40 } })).resolves.toBeNull();
    // Looked again, and the last look started at or after the wait (how many looks fit in it
    // depends on how fast each answers on a loaded machine).
    expect(looks.length).toBeGreaterThanOrEqual(2);
    expect(looks.at(-1)).toBeGreaterThanOrEqual(100);
  });

  it('answers the first ticket made with the key when several carry the tag (a duplicate), naming the others', async () => {
    const tag = await keyTag(KEY);
    server.use(http.get(TICKETS, () => HttpResponse.json([ticket(12, [tag], '2026-12-07T10:00:09Z'), ticket(11, [tag.toUpperCase()], '2026-12-07T10:00:01Z')])));
    await expect(find()).resolves.toMatchObject({ reference: { id: '11' }, data: { found: 'tag', duplicates: ['12'] } });
  });

  it('cannot prove absence when the first page is full: rejects as "may exist"', async () => {
    server.use(http.get(TICKETS, () => HttpResponse.json(Array.from({ length: 100 }, (_, i) => ticket(1000 - i, [])))));
    await expect(find()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: expect.objectContaining({ ambiguous: true }) });
  });

  it('rejects as "may exist" when the lookup keeps failing', async () => {
    server.use(http.get(TICKETS, () => HttpResponse.json({ description: 'oops' }, { status: 502 })));
    const error = (await find({ find: { waitMs: 200, intervalMs: 20 } }).catch((e: unknown) => e)) as EscalationError;
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 502, details: expect.objectContaining({ ambiguous: true }) });
    expect((await requests.all()).length).toBeGreaterThan(1);
  });

  it('rejects with RATE_LIMITED ("may exist") when the list rate limit is spent', async () => {
    server.use(http.get(TICKETS, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } })));
    await expect(find()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 30_000, details: expect.objectContaining({ ambiguous: true }) });
  });

  it('rejects with TIMEOUT ("may exist") when the lookup is slower than timeoutMs', async () => {
    server.use(
      http.get(TICKETS, async () => {
        await delay(1_000);
        return HttpResponse.json([]);
      }),
    );
    const started = Date.now();
    await expect(find({ timeoutMs: 60 })).rejects.toMatchObject({ code: 'TIMEOUT', details: expect.objectContaining({ ambiguous: true }) });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('uses the search API for a requester without email, and never answers null from it', async () => {
    const tag = await keyTag(KEY);
    const context = { ...billingContext(), user: { id: 'u_42' } };
    server.use(http.get(SEARCH, () => HttpResponse.json({ total: 0, results: [] })));
    await expect(find({ requesterFallback: 'unique_external_id' }, context)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: expect.objectContaining({ ambiguous: true }) });
    const sent = await requests.last();
    expect(new URL(sent!.url).searchParams.get('query')).toBe(`"tag:'${tag}'"`);
    server.use(http.get(SEARCH, () => HttpResponse.json({ total: 1, results: [ticket(5, [tag])] })));
    await expect(find({ requesterFallback: 'unique_external_id' }, context)).resolves.toMatchObject({ reference: { id: '5' } });
  });

  it('finds what deliver created and nothing for another key', async () => {
    const made: Array<ReturnType<typeof ticket> & { email: string }> = [];
    server.use(
      http.post(TICKETS, async ({ request }) => {
        const body = (await request.json()) as { email: string; tags: string[] };
        made.push({ ...ticket(500 + made.length, body.tags), email: body.email });
        return HttpResponse.json({ id: made.at(-1)!.id }, { status: 201 });
      }),
      http.get(TICKETS, ({ request }) => HttpResponse.json(made.filter((t) => t.email === new URL(request.url).searchParams.get('email')))),
    );
    const a = adapter();
    const context = billingContext();
    const delivery = await a.deliver(a.toPayload(context), { context, idempotencyKey: KEY });
    await expect(a.find!(KEY, context)).resolves.toMatchObject({ reference: delivery.reference });
    await expect(a.find!('pe-ffffffffffffffff', context)).resolves.toBeNull();
  });

  it('says which context value it needs to look the ticket up', async () => {
    await expect(find({}, { conversationId: 'c', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ code: 'INVALID_CONTEXT', details: expect.objectContaining({ path: 'user.email' }) });
  });
});
