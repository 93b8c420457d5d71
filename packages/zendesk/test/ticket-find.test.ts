import axios from 'axios';
import { delay, http, HttpResponse } from 'msw';
import type { EscalationContext, EscalationError } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { zendeskTicket, type ZendeskTicketOptions } from '@pillar/escalation-zendesk/server';
import { listTicketsQueryErrors, schemaErrors, ticketsResponseValidator } from './spec';

const TICKETS = 'https://acme.zendesk.com/api/v2/tickets';
const KEY = 'pe-0123456789abcdef';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const auth = { email: 'agent@acme.test', apiToken: 'tok_123' };
const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 0 };
const context = (): EscalationContext => contextFixture('multi-turn');

function adapter(extra: Partial<ZendeskTicketOptions> = {}) {
  return zendeskTicket({ subdomain: 'acme', auth, http: axios.create(), retry: fast, find: { waitMs: 0, intervalMs: 10 }, ...extra });
}

function find(extra: Partial<ZendeskTicketOptions> = {}, key = KEY) {
  const a = adapter(extra);
  if (!a.find) throw new Error('zendeskTicket has no find');
  return a.find(key, context());
}

/** A `GET /api/v2/tickets` answer, checked against the spec's TicketsResponse first. */
function listed(tickets: Array<{ id: number; external_id: string | null; created_at: string }>) {
  const body = { tickets: tickets.map((t) => ({ ...t, subject: 'Why was I charged twice?', status: 'new' })), next_page: null, previous_page: null, count: tickets.length };
  const validate = ticketsResponseValidator();
  if (!validate(body)) throw new Error(`The test's answer breaks the spec: ${schemaErrors(validate).join('; ')}`);
  return HttpResponse.json(body);
}

describe('zendeskTicket: find', () => {
  it('looks the key up with the external_id list filter, as the spec declares it, and answers the ticket', async () => {
    server.use(http.get(TICKETS, () => listed([{ id: 35436, external_id: KEY, created_at: '2026-12-07T10:00:00Z' }])));
    await expect(find()).resolves.toEqual({
      status: 'created',
      reference: { id: '35436', url: 'https://acme.zendesk.com/agent/tickets/35436' },
      data: { found: 'external_id' },
    });
    const [sent, ...more] = await requests.all();
    expect(more).toEqual([]);
    expect(sent?.method).toBe('GET');
    expect(new URL(sent!.url).searchParams.get('external_id')).toBe(KEY);
    expect(listTicketsQueryErrors(sent!.url)).toEqual([]);
    expect(sent?.headers.authorization).toMatch(/^Basic /);
  });

  it('answers null when the filter lists nothing until the wait is over, looking again meanwhile', async () => {
    const looks: number[] = [];
    const started = Date.now();
    server.use(
      http.get(TICKETS, () => {
        looks.push(Date.now() - started);
        return listed([]);
      }),
    );
    await expect(find({ find: { waitMs: 120, intervalMs: 50 } })).resolves.toBeNull();
    // Looked again, and the last look started at or after the wait (how many looks fit in it
    // depends on how fast each answers on a loaded machine).
    expect(looks.length).toBeGreaterThanOrEqual(2);
    expect(looks.at(-1)).toBeGreaterThanOrEqual(120);
  });

  it('finds a ticket that shows up while it waits', async () => {
    let looks = 0;
    server.use(http.get(TICKETS, () => (++looks < 3 ? listed([]) : listed([{ id: 7, external_id: KEY, created_at: '2026-12-07T10:00:00Z' }]))));
    await expect(find({ find: { waitMs: 5_000, intervalMs: 10 } })).resolves.toMatchObject({ reference: { id: '7' } });
    expect(looks).toBe(3);
  });

  it('answers the first ticket made with the key when several carry it, and names the others', async () => {
    server.use(
      http.get(TICKETS, () =>
        listed([
          { id: 12, external_id: KEY, created_at: '2026-12-07T10:00:05Z' },
          { id: 10, external_id: KEY, created_at: '2026-12-07T10:00:00Z' },
          { id: 11, external_id: 'pe-somebody-else', created_at: '2026-12-07T09:00:00Z' },
        ]),
      ),
    );
    await expect(find()).resolves.toEqual({
      status: 'created',
      reference: { id: '10', url: 'https://acme.zendesk.com/agent/tickets/10' },
      data: { found: 'external_id', duplicates: ['12'] },
    });
  });

  it('rejects as "may exist" when the lookup keeps failing, never null', async () => {
    server.use(http.get(TICKETS, () => HttpResponse.json({ error: 'InternalError' }, { status: 500 })));
    const error = (await find({ find: { waitMs: 200, intervalMs: 20 } }).catch((e: unknown) => e)) as EscalationError;
    expect(error).toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', status: 500, details: expect.objectContaining({ ambiguous: true }) });
    expect(error.message).toMatch(/may exist/);
  });

  it('rejects at once when Zendesk refuses the credentials', async () => {
    server.use(http.get(TICKETS, () => HttpResponse.json({ error: 'Couldn\'t authenticate you' }, { status: 401 })));
    await expect(find({ find: { waitMs: 5_000, intervalMs: 10 } })).rejects.toMatchObject({ code: 'CONFIGURATION', details: expect.objectContaining({ ambiguous: true }) });
    expect(await requests.all()).toHaveLength(1);
  });

  it('rejects with TIMEOUT ("may exist") when the lookup is slower than timeoutMs', async () => {
    server.use(
      http.get(TICKETS, async () => {
        await delay(1_000);
        return listed([]);
      }),
    );
    const started = Date.now();
    await expect(find({ timeoutMs: 60 })).rejects.toMatchObject({ code: 'TIMEOUT', details: expect.objectContaining({ ambiguous: true }) });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('stops waiting when the signal aborts', async () => {
    server.use(http.get(TICKETS, () => listed([])));
    const a = adapter({ find: { waitMs: 10_000, intervalMs: 5_000 } });
    const controller = new AbortController();
    const pending = a.find!(KEY, context(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('has no find when mapping.externalId takes the field for another id', () => {
    expect(adapter({ mapping: { externalId: () => 'crm-42' } }).find).toBeUndefined();
    expect(adapter({ mapping: { externalId: false } }).find).toBeUndefined();
  });

  it('refuses bad wait options with CONFIGURATION', () => {
    expect(() => adapter({ find: { waitMs: -1 } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(/find\.waitMs/) }));
    expect(() => adapter({ find: { intervalMs: 0 } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it('finds what deliver created (the same key in external_id)', async () => {
    const made: Array<{ id: number; external_id: string | null; created_at: string }> = [];
    server.use(
      http.post(TICKETS, async ({ request }) => {
        const body = (await request.json()) as { ticket: { external_id?: string } };
        made.push({ id: 900 + made.length, external_id: body.ticket.external_id ?? null, created_at: '2026-12-07T10:00:00Z' });
        return HttpResponse.json({ ticket: { id: made.at(-1)!.id } }, { status: 201 });
      }),
      http.get(TICKETS, ({ request }) => listed(made.filter((t) => t.external_id === new URL(request.url).searchParams.get('external_id')))),
    );
    const a = adapter();
    const ctx = context();
    const delivery = await a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: KEY });
    await expect(a.find!(KEY, ctx)).resolves.toMatchObject({ reference: delivery.reference });
    await expect(a.find!('pe-ffffffffffffffff', ctx)).resolves.toBeNull();
  });
});

describe('zendeskTicket: a create that may have landed', () => {
  function deliver(extra: Partial<ZendeskTicketOptions> = {}) {
    const a = adapter(extra);
    const ctx = context();
    return a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: KEY });
  }

  it.each([
    ['a 500', () => new HttpResponse(null, { status: 500 })],
    ['a 502', () => new HttpResponse(null, { status: 502 })],
    ['a reset', () => HttpResponse.error()],
  ])('marks %s as retryable but "may exist" (no fallback to another provider)', async (_name, answer) => {
    server.use(http.post(TICKETS, answer));
    await expect(deliver()).rejects.toMatchObject({ retryable: true, details: expect.objectContaining({ ambiguous: true }) });
    expect(await requests.all()).toHaveLength(3);
  });

  it('stays "may exist" when a later try is refused outright (503 after a 500)', async () => {
    let calls = 0;
    server.use(http.post(TICKETS, () => new HttpResponse(null, { status: ++calls === 1 ? 500 : 503 })));
    await expect(deliver()).rejects.toMatchObject({ status: 503, details: expect.objectContaining({ ambiguous: true }) });
  });

  it.each([
    ['a 503', 503],
    ['a 429', 429],
    ['a 422', 422],
  ])('does not mark %s: Zendesk did not take the request', async (_name, status) => {
    server.use(http.post(TICKETS, () => new HttpResponse(null, { status })));
    const error = (await deliver({ retry: false }).catch((e: unknown) => e)) as EscalationError;
    expect(error.details?.ambiguous).toBeUndefined();
  });
});

describe('zendeskTicket: the credentials never travel in clear', () => {
  it.each(['http://proxy.example.com', 'http://10.0.0.1', 'http://[::2]'])('refuses baseUrl %s', (baseUrl) => {
    expect(() => adapter({ baseUrl })).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(/https/) }));
  });

  it.each(['http://localhost:4010', 'http://127.0.0.1:4010', 'http://127.9.8.7:4010', 'http://[::1]:4010', 'https://proxy.example.com'])('accepts baseUrl %s', (baseUrl) => {
    expect(() => adapter({ baseUrl })).not.toThrow();
  });
});
