import { http, HttpResponse } from 'msw';
import { EscalationError, type EscalationContext } from '@pillar/escalation-core';
import { intercomTicket, type IntercomTicketOptions, keyToken } from '@pillar/escalation-intercom/server';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { billingContext, specErrors } from './support';

const API = 'https://api.intercom.io';
const TOKEN = 'dG9rOnRpY2tldA==';

const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const createdTicket = { type: 'ticket', id: '626', ticket_id: '33', ticket_attributes: {}, category: 'Customer' };
const ticketHandler = (base = API) => http.post(`${base}/tickets`, () => HttpResponse.json(createdTicket));

function adapter(options: Partial<IntercomTicketOptions> = {}) {
  return intercomTicket({ accessToken: TOKEN, ticketTypeId: '88', retry: false, ...options });
}

async function deliver(context: EscalationContext, options: Partial<IntercomTicketOptions> = {}) {
  const a = adapter(options);
  return a.deliver(a.toPayload(context), { context, idempotencyKey: 'key-1' });
}

describe('intercomTicket', () => {
  it('creates a ticket of the configured type for the contact by external_id, title and transcript as attributes', async () => {
    server.use(ticketHandler());
    const context = billingContext();
    const payload = adapter().toPayload(context);

    const delivery = await deliver(context);

    expect(delivery).toEqual({ status: 'created', reference: { id: '626' }, data: { ticketId: '33' } });
    const [request, ...rest] = await requests.all();
    expect(rest).toEqual([]);
    expect(request?.url).toBe(`${API}/tickets`);
    expect(request?.headers['intercom-version']).toBe('2.16');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // The description ends with the key's token, so `find` can search for it.
    const reference = `\n\nReference: ${await keyToken('key-1')}`;
    expect(request?.body).toEqual({ ...payload, ticket_attributes: { ...payload.ticket_attributes, _default_description_: `${payload.ticket_attributes._default_description_}${reference}` } });
    expect(payload.ticket_type_id).toBe('88');
    expect(payload.contacts).toEqual([{ external_id: 'u_42' }]);
    expect(payload.ticket_attributes._default_title_).toBe('How do I export my invoices as CSV? The <b>Export</b> button is greyed out.');
    expect(payload.ticket_attributes._default_description_).toContain('Go to Billing → Invoices and click Export.');
    expect(specErrors('POST /tickets', request?.body)).toEqual([]);
  });

  it('names the contact by email when asked to, or when the user has no id', () => {
    expect(adapter({ identifyBy: 'email' }).toPayload(billingContext()).contacts).toEqual([{ email: 'ada@example.com' }]);
    expect(adapter().toPayload(billingContext({ user: { email: 'grace@example.com' } })).contacts).toEqual([{ email: 'grace@example.com' }]);
    expect(adapter({ identifyBy: 'email' }).toPayload(billingContext({ user: { id: 'u_7' } })).contacts).toEqual([{ external_id: 'u_7' }]);
    for (const payload of [adapter({ identifyBy: 'email' }).toPayload(billingContext()), adapter().toPayload(billingContext({ user: { id: 'u_7' } }))]) {
      expect(specErrors('POST /tickets', payload)).toEqual([]);
    }
  });

  it('adds the ticket type\'s own attributes, static or from the context', () => {
    const fixed = adapter({ attributes: { priority: 'de1825a0-0164-4070-8ca6-13e22462fa7e', seats: 12 } }).toPayload(billingContext());
    expect(fixed.ticket_attributes).toMatchObject({ priority: 'de1825a0-0164-4070-8ca6-13e22462fa7e', seats: 12 });
    const dynamic = adapter({ attributes: (context) => ({ plan: context.user?.plan ?? null }) }).toPayload(billingContext());
    expect(dynamic.ticket_attributes.plan).toBe('pro');
    expect(specErrors('POST /tickets', dynamic)).toEqual([]);
    expect(() => adapter({ attributes: () => ({ _default_title_: 'x' }) }).toPayload(billingContext())).toThrow(/_default_title_/);
    const throwing = adapter({
      attributes: () => {
        throw new Error('no plan');
      },
    });
    expect(() => throwing.toPayload(billingContext())).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('no plan') }));
  });

  it('bounds the title and the description', () => {
    const context = billingContext({
      messages: Array.from({ length: 300 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `message number ${i} `.repeat(30) })),
    });
    const payload = adapter({ subjectMaxLength: 40, descriptionMaxLength: 1_500 }).toPayload(context);
    expect(payload.ticket_attributes._default_title_.length).toBeLessThanOrEqual(40);
    expect(payload.ticket_attributes._default_title_).not.toContain('\n');
    expect(payload.ticket_attributes._default_description_.length).toBeLessThanOrEqual(1_500);
    expect(adapter().limits?.fields).toEqual({ 'ticket_attributes._default_title_': 150, 'ticket_attributes._default_description_': 10_000 });
  });

  it('refuses a context without user.id and user.email (INVALID_CONTEXT)', () => {
    expect(() => adapter().toPayload(billingContext({ user: { name: 'Anon' } }))).toThrow(expect.objectContaining({ code: 'INVALID_CONTEXT' }));
    expect(() => adapter().toPayload(billingContext({ user: { name: 'Anon' } }))).toThrow(/user\.id.*user\.email/);
  });

  it('maps an error.list with a field to PROVIDER_REJECTED with fieldErrors and the request id', async () => {
    server.use(
      http.post(`${API}/tickets`, () =>
        HttpResponse.json(
          { type: 'error.list', request_id: 'b1c2', errors: [{ code: 'parameter_invalid', message: 'Ticket type not found', field: 'ticket_type_id' }] },
          { status: 400 },
        ),
      ),
    );

    const error = (await deliver(billingContext()).catch((e: unknown) => e)) as EscalationError;

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      status: 400,
      retryable: false,
      details: { requestId: 'b1c2', fieldErrors: { ticket_type_id: 'Ticket type not found' } },
    });
  });

  it('does not repeat a ticket create after a 502 (no idempotency key): ambiguous', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/tickets`, () => {
        calls += 1;
        return new HttpResponse('Bad gateway', { status: 502 });
      }),
    );
    await expect(deliver(billingContext(), { retry: { attempts: 3, baseDelayMs: 1 } })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      details: { ambiguous: true },
    });
    expect(calls).toBe(1);
  });

  it('repeats a ticket create answered 429 (nothing was created), honouring X-RateLimit-Reset', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/tickets`, () => {
        calls += 1;
        if (calls > 1) return HttpResponse.json(createdTicket);
        return HttpResponse.json(
          { type: 'error.list', request_id: 'r', errors: [{ code: 'rate_limit_exceeded', message: 'Exceeded rate limit' }] },
          { status: 429, headers: { 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000)) } },
        );
      }),
    );
    await expect(deliver(billingContext(), { retry: { attempts: 2, baseDelayMs: 1 } })).resolves.toMatchObject({ status: 'created' });
    expect(calls).toBe(2);
  });

  it('maps 403 (plan or scope) to CONFIGURATION', async () => {
    server.use(
      http.post(`${API}/tickets`, () =>
        HttpResponse.json({ type: 'error.list', request_id: 'x', errors: [{ code: 'api_plan_restricted', message: 'Active subscription needed.' }] }, { status: 403 }),
      ),
    );
    await expect(deliver(billingContext())).rejects.toMatchObject({ code: 'CONFIGURATION', status: 403, details: { message: 'Active subscription needed. (api_plan_restricted)' } });
  });

  it('talks to the eu host when region is eu', async () => {
    server.use(ticketHandler('https://api.eu.intercom.io'));
    await deliver(billingContext(), { region: 'eu' });
    expect((await requests.all()).map((r) => r.url)).toEqual(['https://api.eu.intercom.io/tickets']);
  });

  it('refuses bad configuration at construction', () => {
    const cases: [Partial<IntercomTicketOptions>, RegExp][] = [
      [{ ticketTypeId: '' }, /ticketTypeId/],
      [{ identifyBy: 'phone' as 'email' }, /identifyBy/],
      [{ subjectMaxLength: 5 }, /subjectMaxLength/],
      [{ descriptionMaxLength: 1.5 }, /descriptionMaxLength/],
      [{ attributes: { _default_description_: 'x' } }, /_default_description_/],
      [{ accessToken: ' ' }, /accessToken/],
    ];
    for (const [options, message] of cases) {
      expect(() => intercomTicket({ accessToken: TOKEN, ticketTypeId: '88', ...options })).toThrow(message);
      expect(() => intercomTicket({ accessToken: TOKEN, ticketTypeId: '88', ...options })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    }
  });
});
