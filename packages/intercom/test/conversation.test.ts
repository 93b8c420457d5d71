import { http, HttpResponse, delay } from 'msw';
import { CLOCK, EscalationError, type EscalationContext } from '@pillar/escalation-core';
import { container as rootContainer } from 'tsyringe';
import { INTERCOM_API_VERSION, intercomConversation, type IntercomConversationOptions, keyToken } from '@pillar/escalation-intercom/server';
import { recordRequests, setupProviderServer, type RecordedRequest } from '@pillar/escalation-testkit/msw';
import { billingContext, specErrors, specVersion } from './support';

const API = 'https://api.intercom.io';
const TOKEN = 'dG9rOnRlc3Q=';
const CONTACT_ID = '6762f0dd1bb69f9f2193bb83';
const NEW_CONTACT_ID = '6762f0dd1bb69f9f2193bb99';

const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const contact = (id: string, extra: Record<string, unknown> = {}) => ({ type: 'contact', id, role: 'user', external_id: null, ...extra });
const list = (...data: unknown[]) => ({ type: 'list', data, total_count: data.length, pages: { type: 'pages', page: 1, per_page: 10, total_pages: data.length ? 1 : 0 } });
const created = { type: 'user_message', id: '403918330', created_at: 1734537501, body: 'Hello there', message_type: 'inapp', conversation_id: '499' };
const errorList = (code: string, message: string, field?: string) => ({
  type: 'error.list',
  request_id: 'f93ecfa8-d08a-4325-8694-89aeb89c8f85',
  errors: [{ code, message, ...(field ? { field } : {}) }],
});

/** Answers contact searches from a small directory, keyed by `field:value`. */
function searchHandler(directory: Record<string, unknown[]>, base = API) {
  return http.post(`${base}/contacts/search`, async ({ request }) => {
    const body = (await request.json()) as { query: { field: string; value: string } };
    return HttpResponse.json(list(...(directory[`${body.query.field}:${body.query.value}`] ?? [])));
  });
}
const conversationHandler = (base = API) => http.post(`${base}/conversations`, () => HttpResponse.json(created));

function adapter(options: Partial<IntercomConversationOptions> = {}) {
  return intercomConversation({ accessToken: TOKEN, retry: false, ...options });
}

async function deliver(context: EscalationContext, options: Partial<IntercomConversationOptions> = {}, extra: { signal?: AbortSignal; container?: any } = {}) {
  const a = adapter(options);
  return a.deliver(a.toPayload(context), { context, idempotencyKey: 'key-1', ...extra });
}

const bodies = (all: RecordedRequest[]) => all.map((r) => `${r.method} ${new URL(r.url).pathname}`);

function expectValid(all: RecordedRequest[]) {
  for (const r of all) {
    const operation = `${r.method} ${new URL(r.url).pathname}` as Parameters<typeof specErrors>[0];
    expect({ operation, errors: specErrors(operation, r.body) }).toEqual({ operation, errors: [] });
  }
}

describe('intercomConversation', () => {
  it('creates the conversation from the contact found by external_id, with the pinned version and the Bearer token', async () => {
    server.use(searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }), conversationHandler());

    const delivery = await deliver(billingContext());

    expect(delivery).toEqual({ status: 'created', reference: { id: '499' }, data: { contactId: CONTACT_ID, contactCreated: false, messageId: '403918330' } });
    const all = await requests.all();
    expect(bodies(all)).toEqual(['POST /contacts/search', 'POST /conversations']);
    for (const r of all) {
      expect(r.url.startsWith(`${API}/`)).toBe(true);
      expect(r.headers['intercom-version']).toBe('2.16');
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers.accept).toMatch(/application\/json/);
    }
    expect(all[0]?.body).toEqual({ query: { field: 'external_id', operator: '=', value: 'u_42' }, pagination: { per_page: 10 } });
    const conversation = all[1]?.body as { from: unknown; body: string };
    expect(conversation.from).toEqual({ type: 'user', id: CONTACT_ID });
    expectValid(all);
  });

  it('sends the transcript as plain text: markup stays literal, the whole conversation is there', async () => {
    server.use(searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }), conversationHandler());
    const context = billingContext();
    const payload = adapter().toPayload(context);

    await deliver(context);

    const { body } = (await requests.all())[1]?.body as { body: string };
    // The body ends with the key's token, one word of letters and digits, so `find` can search for it.
    expect(body).toBe(`${payload.body}\n\nReference: ${await keyToken('key-1')}`);
    expect(body).toMatch(/\nReference: pillar[0-9a-f]{24}$/);
    expect(body).toContain('The <b>Export</b> button is greyed out.');
    expect(body).toContain('It is still greyed out & I need them today.');
    expect(body).toContain('Go to Billing → Invoices and click Export.');
    expect(body).not.toMatch(/&lt;|&amp;|<p>|<br/);
  });

  it('keeps the body within descriptionMaxLength for a long conversation', () => {
    const long = billingContext({
      messages: Array.from({ length: 400 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `message ${i} `.repeat(20) })),
    });
    const payload = adapter({ descriptionMaxLength: 2_000 }).toPayload(long);
    expect(payload.body.length).toBeLessThanOrEqual(2_000);
    expect(payload.body).toContain('message 0 ');
    expect(adapter().limits?.fields).toEqual({ body: 10_000 });
  });

  it('falls back to the email when no contact has the external_id, and writes as a lead when the contact is one', async () => {
    server.use(
      searchHandler({
        'email:ada@example.com': [
          contact('6762f0dd1bb69f9f21930001', { external_id: 'someone-else' }),
          contact(CONTACT_ID, { role: 'lead', external_id: null }),
        ],
      }),
      conversationHandler(),
    );

    const delivery = await deliver(billingContext());

    const all = await requests.all();
    expect(bodies(all)).toEqual(['POST /contacts/search', 'POST /contacts/search', 'POST /conversations']);
    expect(all[1]?.body).toEqual({ query: { field: 'email', operator: '=', value: 'ada@example.com' }, pagination: { per_page: 10 } });
    expect((all[2]?.body as { from: unknown }).from).toEqual({ type: 'lead', id: CONTACT_ID });
    expect(delivery.data).toMatchObject({ contactId: CONTACT_ID, contactCreated: false });
    expectValid(all);
  });

  it("never writes as a contact whose external_id is only close to the user's (another app user)", async () => {
    server.use(
      searchHandler({ 'external_id:u_42': [contact('6762f0dd1bb69f9f21930001', { external_id: 'U_42' })] }),
      http.post(`${API}/contacts`, () => HttpResponse.json(contact(NEW_CONTACT_ID, { external_id: 'u_42', email: 'ada@example.com' }))),
      conversationHandler(),
    );

    const delivery = await deliver(billingContext());

    const all = await requests.all();
    expect(bodies(all)).toEqual(['POST /contacts/search', 'POST /contacts/search', 'POST /contacts', 'POST /conversations']);
    expect((all[3]?.body as { from: unknown }).from).toEqual({ type: 'user', id: NEW_CONTACT_ID });
    expect(delivery.data).toMatchObject({ contactId: NEW_CONTACT_ID, contactCreated: true });
  });

  it('creates the contact (role user, external_id, email, name) when none matches', async () => {
    server.use(
      searchHandler({}),
      http.post(`${API}/contacts`, () => HttpResponse.json(contact(NEW_CONTACT_ID, { external_id: 'u_42', email: 'ada@example.com' }))),
      conversationHandler(),
    );

    const delivery = await deliver(billingContext());

    const all = await requests.all();
    expect(bodies(all)).toEqual(['POST /contacts/search', 'POST /contacts/search', 'POST /contacts', 'POST /conversations']);
    expect(all[2]?.body).toEqual({ role: 'user', external_id: 'u_42', email: 'ada@example.com', name: 'Ada Lovelace' });
    expect((all[3]?.body as { from: unknown }).from).toEqual({ type: 'user', id: NEW_CONTACT_ID });
    expect(delivery.data).toMatchObject({ contactId: NEW_CONTACT_ID, contactCreated: true });
    expectValid(all);
  });

  it('finds or creates a user known only by email', async () => {
    server.use(
      searchHandler({}),
      http.post(`${API}/contacts`, () => HttpResponse.json(contact(NEW_CONTACT_ID, { email: 'grace@example.com' }))),
      conversationHandler(),
    );

    await deliver(billingContext({ user: { email: 'grace@example.com' } }));

    const all = await requests.all();
    expect(bodies(all)).toEqual(['POST /contacts/search', 'POST /contacts', 'POST /conversations']);
    expect(all[0]?.body).toMatchObject({ query: { field: 'email', value: 'grace@example.com' } });
    expect(all[1]?.body).toEqual({ role: 'user', email: 'grace@example.com' });
    expectValid(all);
  });

  it('treats a 409 on create as "it exists": searches again and uses the contact found', async () => {
    let searches = 0;
    server.use(
      http.post(`${API}/contacts/search`, async ({ request }) => {
        const { query } = (await request.json()) as { query: { field: string } };
        searches += 1;
        // Another request created the contact between our search and our create.
        return HttpResponse.json(searches > 2 && query.field === 'external_id' ? list(contact(CONTACT_ID, { external_id: 'u_42' })) : list());
      }),
      http.post(`${API}/contacts`, () =>
        HttpResponse.json(errorList('conflict', `A contact matching those details already exists with id=${CONTACT_ID}`), { status: 409 }),
      ),
      conversationHandler(),
    );

    const delivery = await deliver(billingContext());

    const all = await requests.all();
    expect(bodies(all)).toEqual(['POST /contacts/search', 'POST /contacts/search', 'POST /contacts', 'POST /contacts/search', 'POST /conversations']);
    expect((all[4]?.body as { from: unknown }).from).toEqual({ type: 'user', id: CONTACT_ID });
    expect(delivery).toMatchObject({ status: 'created', data: { contactId: CONTACT_ID, contactCreated: false } });
  });

  it('fails with PROVIDER_REJECTED when Intercom reports a conflict but no contact can be found', async () => {
    server.use(
      searchHandler({}),
      http.post(`${API}/contacts`, () => HttpResponse.json(errorList('conflict', 'A contact matching those details already exists'), { status: 409 })),
    );

    const error = await deliver(billingContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', status: 409, retryable: false, details: { requestId: 'f93ecfa8-d08a-4325-8694-89aeb89c8f85' } });
    expect(bodies(await requests.all())).not.toContain('POST /conversations');
  });

  it('refuses a context without user.id and user.email (INVALID_CONTEXT naming both)', () => {
    for (const user of [undefined, {}, { name: 'Anon' }, { id: '  ', email: '' }]) {
      const context = billingContext({ user: user as EscalationContext['user'] });
      let thrown: unknown;
      try {
        adapter().toPayload(context);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EscalationError);
      expect(thrown).toMatchObject({ code: 'INVALID_CONTEXT' });
      expect((thrown as Error).message).toMatch(/user\.id/);
      expect((thrown as Error).message).toMatch(/user\.email/);
    }
  });

  it('maps an error.list answer to PROVIDER_REJECTED with the request id, the errors and the field errors', async () => {
    server.use(
      searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }),
      http.post(`${API}/conversations`, () =>
        HttpResponse.json(
          { type: 'error.list', request_id: 'req-123', errors: [{ code: 'parameter_invalid', message: 'Body is too long', field: 'body' }, { code: 'not_found', message: 'User Not Found' }] },
          { status: 422 },
        ),
      ),
    );

    const error = (await deliver(billingContext()).catch((e: unknown) => e)) as EscalationError;

    expect(error).toBeInstanceOf(EscalationError);
    expect(error.code).toBe('PROVIDER_REJECTED');
    expect(error.status).toBe(422);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Body is too long');
    expect(error.details).toEqual({
      requestId: 'req-123',
      message: 'Body is too long (parameter_invalid)',
      errors: [
        { code: 'parameter_invalid', message: 'Body is too long', field: 'body' },
        { code: 'not_found', message: 'User Not Found' },
      ],
      fieldErrors: { body: 'Body is too long' },
    });
  });

  it('maps a 404 "User Not Found" on the conversation to PROVIDER_REJECTED', async () => {
    server.use(
      searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }),
      http.post(`${API}/conversations`, () => HttpResponse.json(errorList('not_found', 'User Not Found'), { status: 404 })),
    );
    await expect(deliver(billingContext())).rejects.toMatchObject({ code: 'PROVIDER_REJECTED', status: 404, details: { message: 'User Not Found (not_found)' } });
  });

  it('maps 401 to CONFIGURATION naming the token and the region', async () => {
    server.use(http.post(`${API}/contacts/search`, () => HttpResponse.json(errorList('unauthorized', 'Access Token Invalid'), { status: 401 })));

    const error = (await deliver(billingContext()).catch((e: unknown) => e)) as EscalationError;

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', status: 401, retryable: false, details: { requestId: 'f93ecfa8-d08a-4325-8694-89aeb89c8f85' } });
    expect(error.message).toMatch(/accessToken/);
    expect(error.message).toMatch(/region/);
    expect(await requests.all()).toHaveLength(1);
  });

  it('maps 429 rate_limit_exceeded to RATE_LIMITED with retryAfterMs from X-RateLimit-Reset (Unix seconds)', async () => {
    const now = Date.UTC(2026, 10, 24, 10, 0, 0);
    const container = rootContainer.createChildContainer();
    container.register(CLOCK, { useValue: { now: () => new Date(now) } });
    server.use(
      http.post(`${API}/contacts/search`, () =>
        HttpResponse.json(errorList('rate_limit_exceeded', 'Exceeded rate limit of 1000 in 60 seconds'), {
          status: 429,
          headers: { 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(now / 1000 + 7) },
        }),
      ),
    );

    const error = (await deliver(billingContext(), {}, { container }).catch((e: unknown) => e)) as EscalationError;

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true, retryAfterMs: 7_000 });
    expect(error.details).toMatchObject({ errors: [{ code: 'rate_limit_exceeded' }] });
  });

  it('retries the contact search after a 429 and goes on', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/contacts/search`, () => {
        calls += 1;
        if (calls === 1) {
          return HttpResponse.json(errorList('rate_limit_exceeded', 'Slow down'), {
            status: 429,
            headers: { 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000)) },
          });
        }
        return HttpResponse.json(list(contact(CONTACT_ID, { external_id: 'u_42' })));
      }),
      conversationHandler(),
    );

    const delivery = await deliver(billingContext(), { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });

    expect(delivery.status).toBe('created');
    expect(bodies(await requests.all())).toEqual(['POST /contacts/search', 'POST /contacts/search', 'POST /conversations']);
  });

  it('does not repeat the conversation create after a 500 (Intercom takes no idempotency key): ambiguous', async () => {
    server.use(
      searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }),
      http.post(`${API}/conversations`, () => HttpResponse.json(errorList('server_error', 'Oops'), { status: 500 })),
    );

    const error = await deliver(billingContext(), { retry: { attempts: 3, baseDelayMs: 1 } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 500, retryable: false, details: { ambiguous: true } });
    expect(bodies(await requests.all()).filter((r) => r === 'POST /conversations')).toHaveLength(1);
  });

  it('does not repeat a conversation create that timed out: TIMEOUT, ambiguous', async () => {
    server.use(
      searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }),
      http.post(`${API}/conversations`, async () => {
        await delay(2_000);
        return HttpResponse.json(created);
      }),
    );

    // The contact search must answer within the timeout too, and the create must reach the server: 50 ms was too short on a loaded machine.
    const error = await deliver(billingContext(), { timeoutMs: 300, retry: { attempts: 3, baseDelayMs: 1 } }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, details: { ambiguous: true } });
    expect(bodies(await requests.all()).filter((r) => r === 'POST /conversations')).toHaveLength(1);
  });

  it('repeats a contact search that failed with a 503 (a read is safe to repeat)', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/contacts/search`, () => {
        calls += 1;
        return calls === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(list(contact(CONTACT_ID, { external_id: 'u_42' })));
      }),
      conversationHandler(),
    );
    await expect(deliver(billingContext(), { retry: { attempts: 2, baseDelayMs: 1 } })).resolves.toMatchObject({ status: 'created' });
    expect(calls).toBe(2);
  });

  it('rejects with ABORTED when the signal aborts during the delivery', async () => {
    const controller = new AbortController();
    server.use(
      http.post(`${API}/contacts/search`, async () => {
        controller.abort();
        await delay(200);
        return HttpResponse.json(list());
      }),
    );
    await expect(deliver(billingContext(), {}, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(bodies(await requests.all())).toEqual(['POST /contacts/search']);
  });

  it.each([
    ['eu', 'https://api.eu.intercom.io'],
    ['au', 'https://api.au.intercom.io'],
    ['us', 'https://api.intercom.io'],
  ] as const)('talks to the %s region host', async (region, base) => {
    server.use(searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }, base), conversationHandler(base));
    await expect(deliver(billingContext(), { region })).resolves.toMatchObject({ status: 'created' });
    expect((await requests.all()).map((r) => new URL(r.url).origin)).toEqual([base, base]);
  });

  it('uses baseUrl instead of the region host (a proxy), without a trailing slash', async () => {
    const base = 'https://intercom-proxy.internal.example/v1';
    server.use(searchHandler({ 'external_id:u_42': [contact(CONTACT_ID, { external_id: 'u_42' })] }, base), conversationHandler(base));
    await deliver(billingContext(), { baseUrl: `${base}/` });
    expect((await requests.all()).map((r) => r.url)).toEqual([`${base}/contacts/search`, `${base}/conversations`]);
  });

  it('refuses bad configuration at construction (CONFIGURATION naming the option)', () => {
    const cases: [Partial<IntercomConversationOptions>, RegExp][] = [
      [{ accessToken: '' }, /accessToken/],
      [{ accessToken: undefined as unknown as string }, /accessToken/],
      [{ baseUrl: 'ftp://example.com' }, /baseUrl/],
      [{ baseUrl: 'not a url' }, /baseUrl/],
      [{ region: 'ap' as 'au' }, /region/],
      [{ timeoutMs: 0 }, /timeoutMs/],
      [{ descriptionMaxLength: 10 }, /descriptionMaxLength/],
    ];
    for (const [options, message] of cases) {
      expect(() => intercomConversation({ accessToken: TOKEN, ...options })).toThrow(message);
      try {
        intercomConversation({ accessToken: TOKEN, ...options });
      } catch (error) {
        expect(error).toMatchObject({ code: 'CONFIGURATION' });
      }
    }
  });

  it('(the spec check has teeth: it refuses wrong bodies, and only the uuid format of from.id is relaxed)', () => {
    expect(specErrors('POST /conversations', { from: { type: 'user', id: CONTACT_ID }, body: 'hi' })).toEqual([]);
    expect(specErrors('POST /conversations', { from: { type: 'user', id: 'short' }, body: 'hi' })).not.toEqual([]);
    expect(specErrors('POST /conversations', { from: { type: 'admin', id: CONTACT_ID }, body: 'hi' })).not.toEqual([]);
    expect(specErrors('POST /conversations', { from: { type: 'user', id: CONTACT_ID } })).not.toEqual([]);
    expect(specErrors('POST /contacts', { name: 'No identifier' })).not.toEqual([]);
    expect(specErrors('POST /contacts/search', { query: { field: 'email', operator: '==', value: 'a' } })).not.toEqual([]);
    expect(specErrors('POST /tickets', { ticket_type_id: '88', contacts: [{ phone: '1' }] })).not.toEqual([]);
  });

  it('pins the API version the shared spec describes', () => {
    expect(INTERCOM_API_VERSION).toBe('2.16');
    expect(specVersion()).toBe(INTERCOM_API_VERSION);
  });

  it('is a server adapter of kind intercom-conversation', () => {
    expect(adapter()).toMatchObject({ kind: 'intercom-conversation', runtime: 'server' });
  });
});
