import axios from 'axios';
import { container as rootContainer } from 'tsyringe';
import { delay, http, HttpResponse } from 'msw';
import { HTTP_CLIENT, renderTranscript, titleFromContext, type EscalationContext, type EscalationError } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { zendeskTicket, type ZendeskTicketOptions } from '@pillar/escalation-zendesk/server';
import { schemaErrors, ticketCreateRequestValidator } from './spec';

const TICKETS = 'https://acme.zendesk.com/api/v2/tickets';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const auth = { email: 'agent@acme.test', apiToken: 'tok_123' };
const basic = `Basic ${Buffer.from('agent@acme.test/token:tok_123').toString('base64')}`;
const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 0 };
const context = (): EscalationContext => contextFixture('multi-turn');

function adapter(extra: Partial<ZendeskTicketOptions> = {}) {
  return zendeskTicket({ subdomain: 'acme', auth, http: axios.create(), retry: fast, ...extra });
}

async function deliver(options: Partial<ZendeskTicketOptions> = {}, more: { signal?: AbortSignal; key?: string; ctx?: EscalationContext } = {}) {
  const a = adapter(options);
  const ctx = more.ctx ?? context();
  return a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: more.key ?? 'pe-0123456789abcdef', signal: more.signal });
}

function created(id = 35436) {
  return http.post(TICKETS, () =>
    HttpResponse.json({ ticket: { id, subject: 'x' } }, { status: 201, headers: { Location: `https://acme.zendesk.com/api/v2/tickets/${id}.json`, 'x-idempotency-lookup': 'miss' } }),
  );
}

function rejection(error: unknown): EscalationError {
  return error as EscalationError;
}

describe('zendeskTicket: payload', () => {
  it('builds the ticket from the context and the mapping', () => {
    const ctx = context();
    const payload = adapter({
      mapping: { fields: { conversationId: 360001, reason: '360002', plan: 360003, pageUrl: 360004, metadata: { accountId: 360005, seats: 360006 } } },
      priority: (c) => (c.user?.plan === 'pro' ? 'high' : undefined),
      type: 'question',
    }).toPayload(ctx);
    expect(payload).toEqual({
      ticket: {
        subject: titleFromContext(ctx, { maxLength: 150 }),
        comment: { html_body: renderTranscript(ctx, { format: 'html', maxLength: 60_000 }), public: false },
        requester: { name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en-GB' },
        tags: ['pillar-escalation', 'reason-billing'],
        custom_fields: [
          { id: 360001, value: 'conv_billing_42' },
          { id: 360002, value: 'billing' },
          { id: 360003, value: 'pro' },
          { id: 360004, value: 'https://app.example.com/settings/billing' },
          { id: 360005, value: 'acct_9001' },
          { id: 360006, value: 12 },
        ],
        priority: 'high',
        type: 'question',
      },
    });
  });

  it('produces a body that matches TicketCreateRequest of the published spec', () => {
    const validate = ticketCreateRequestValidator();
    const full = adapter({
      mapping: { fields: { conversationId: 1, reason: 2, plan: 3, pageUrl: 4, metadata: { seats: 5, trial: 6 } } },
      priority: 'urgent',
      type: 'incident',
      ticketFormId: 77,
      brandId: 88,
    });
    for (const name of ['multi-turn', 'full-user', 'html-injection', 'ten-thousand-messages'] as const) {
      const ok = validate(full.toPayload(contextFixture(name)));
      expect({ name, errors: schemaErrors(validate) }).toEqual({ name, errors: [] });
      expect(ok).toBe(true);
    }
  });

  it('escapes the conversation in html_body and keeps it within the comment bound', () => {
    const html = adapter().toPayload(contextFixture('html-injection')).ticket.comment.html_body;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const big = adapter().toPayload({ ...contextFixture('one-megabyte-message'), user: { email: 'big@example.com' } });
    expect(big.ticket.comment.html_body.length).toBeLessThanOrEqual(60_000);
    expect(big.ticket.comment.html_body.length).toBeGreaterThan(50_000);
  });

  it('honours publicComment, custom tags, externalId and a smaller comment bound', () => {
    const payload = adapter({
      publicComment: true,
      commentMaxLength: 2_000,
      mapping: { tags: (c) => ['Pillar Escalation', `Why ${c.reason}`, 'pillar_escalation'], externalId: () => 'crm-42' },
    }).toPayload(contextFixture('ten-thousand-messages'));
    expect(payload.ticket.comment.public).toBe(true);
    expect(payload.ticket.comment.html_body.length).toBeLessThanOrEqual(2_000);
    expect(payload.ticket.tags).toEqual(['pillar_escalation', 'why_complex']);
    expect(payload.ticket.external_id).toBe('crm-42');
    expect(adapter({ mapping: { externalId: false } }).toPayload(context()).ticket).not.toHaveProperty('external_id');
  });

  it('rejects a context without a requester email as INVALID_CONTEXT naming user.email', () => {
    expect(() => adapter().toPayload({ conversationId: 'c', messages: [{ role: 'user', content: 'help' }] })).toThrow(
      expect.objectContaining({ name: 'EscalationError', code: 'INVALID_CONTEXT', details: { path: 'user.email' } }),
    );
    expect(() => adapter().toPayload({ ...context(), user: { email: 'not an email' } })).toThrow(expect.objectContaining({ code: 'INVALID_CONTEXT' }));
  });
});

describe('zendeskTicket: configuration', () => {
  it.each([
    ['a subdomain with a dot', { subdomain: 'acme.evil.com' }, /subdomain/],
    ['an empty subdomain', { subdomain: '' }, /subdomain/],
    ['an http baseUrl off localhost', { baseUrl: 'http://zendesk.example.com' }, /https/],
    ['an http baseUrl on a private address', { baseUrl: 'http://10.0.0.5:8080' }, /https/],
    ['an http baseUrl on a host named like loopback', { baseUrl: 'http://127.0.0.1.example.com' }, /https/],
    ['a baseUrl that is not a URL', { baseUrl: 'not a url' }, /baseUrl/],
    ['no auth', { auth: undefined }, /auth is required/],
    ['an email that already says /token', { auth: { email: 'agent@acme.test/token', apiToken: 't' } }, /without "\/token"/],
    ['an empty api token', { auth: { email: 'agent@acme.test', apiToken: '' } }, /apiToken/],
    ['an oauth token with a line break', { auth: { oauthToken: 'abc\r\nX-Evil: 1' } }, /oauthToken/],
    ['a field id that is not a number', { fields: { reason: 'reason-field' } }, /options\.fields\.reason/],
    ['an unknown priority', { priority: 'asap' }, /priority/],
    ['an unknown type', { type: 'bug' }, /type/],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs/],
  ])('refuses %s with CONFIGURATION', (_name, extra, message) => {
    expect(() => zendeskTicket({ subdomain: 'acme', auth, ...(extra as Partial<ZendeskTicketOptions>) })).toThrow(
      expect.objectContaining({ name: 'EscalationError', code: 'CONFIGURATION', message: expect.stringMatching(message) }),
    );
  });

  it('accepts http for localhost and sends there', async () => {
    server.use(http.post('http://localhost:4010/zendesk/api/v2/tickets', () => HttpResponse.json({ ticket: { id: 5 } }, { status: 201 })));
    const delivery = await deliver({ baseUrl: 'http://localhost:4010/zendesk/' });
    // Links still point at the account, not at the proxy.
    expect(delivery.reference).toEqual({ id: '5', url: 'https://acme.zendesk.com/agent/tickets/5' });
  });
});

describe('zendeskTicket: delivery', () => {
  it('POSTs the exact body with the exact headers and returns the agent link', async () => {
    server.use(created());
    const a = adapter();
    const ctx = context();
    const payload = a.toPayload(ctx);
    const delivery = await a.deliver(payload, { context: ctx, idempotencyKey: 'pe-0123456789abcdef' });
    expect(delivery).toEqual({
      status: 'created',
      reference: { id: '35436', url: 'https://acme.zendesk.com/agent/tickets/35436' },
      data: { idempotencyLookup: 'miss' },
    });
    const [sent, ...more] = await requests.all();
    expect(more).toEqual([]);
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe(TICKETS);
    expect(sent?.headers).toMatchObject({
      authorization: basic,
      'idempotency-key': 'pe-0123456789abcdef',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    // The key rides in external_id, so `find` can look the ticket up after a lost answer.
    expect(sent?.body).toEqual({ ticket: { ...payload.ticket, external_id: 'pe-0123456789abcdef' } });
    expect(payload.ticket).not.toHaveProperty('external_id');
    expect(ticketCreateRequestValidator()(sent?.body)).toBe(true);
  });

  it('sends an OAuth token as a Bearer header', async () => {
    server.use(created());
    await deliver({ auth: { oauthToken: 'oauth_abc' } });
    expect((await requests.last())?.headers.authorization).toBe('Bearer oauth_abc');
  });

  it('reads the ticket id from Location when the body lacks it', async () => {
    server.use(http.post(TICKETS, () => new HttpResponse(null, { status: 201, headers: { Location: 'https://acme.zendesk.com/api/v2/tickets/987.json' } })));
    expect((await deliver()).reference).toEqual({ id: '987', url: 'https://acme.zendesk.com/agent/tickets/987' });
  });

  it('uses the container HTTP_CLIENT (with its interceptors) when no http option is given', async () => {
    server.use(created());
    const client = axios.create();
    client.interceptors.request.use((config) => {
      config.headers.set('X-Proxy-Tag', 'from-container');
      return config;
    });
    const child = rootContainer.createChildContainer();
    child.register(HTTP_CLIENT, { useValue: client });
    const a = zendeskTicket({ subdomain: 'acme', auth, retry: false });
    const ctx = context();
    await a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: 'pe-1', container: child });
    expect((await requests.last())?.headers['x-proxy-tag']).toBe('from-container');
  });

  it('maps 401 to CONFIGURATION naming the token, the email/token format and the subdomain, without retrying', async () => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 })));
    const error = rejection(await deliver().catch((e: unknown) => e));
    expect(error).toMatchObject({ name: 'EscalationError', code: 'CONFIGURATION', status: 401, retryable: false });
    expect(error.message).toMatch(/auth\.apiToken/);
    expect(error.message).toMatch(/\{email\}\/token/);
    expect(error.message).toMatch(/subdomain "acme"/);
    expect(await requests.all()).toHaveLength(1);
  });

  it('maps 403 with an OAuth token to CONFIGURATION naming the token', async () => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ error: { title: 'Forbidden', message: 'You do not have access to this page.' } }, { status: 403 })));
    await expect(deliver({ auth: { oauthToken: 'oauth_abc' } })).rejects.toMatchObject({
      code: 'CONFIGURATION',
      status: 403,
      message: expect.stringMatching(/auth\.oauthToken/),
      details: { error: 'Forbidden', message: 'You do not have access to this page.' },
    });
  });

  it('maps 400 RecordInvalid to PROVIDER_REJECTED with the field errors', async () => {
    server.use(
      http.post(TICKETS, () =>
        HttpResponse.json(
          {
            error: 'RecordInvalid',
            description: 'Record validation errors',
            details: { requester: [{ description: 'Requester: Email is invalid', error: 'InvalidValue' }], base: [{ description: 'Subject is too long', error: 'TooLong' }] },
          },
          { status: 400 },
        ),
      ),
    );
    const error = rejection(await deliver().catch((e: unknown) => e));
    expect(error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      status: 400,
      retryable: false,
      details: {
        error: 'RecordInvalid',
        fieldErrors: [
          { field: 'requester', code: 'InvalidValue', message: 'Requester: Email is invalid' },
          { field: 'base', code: 'TooLong', message: 'Subject is too long' },
        ],
      },
    });
    expect(error.message).toContain('Record validation errors');
    expect(error.message).toContain('Requester: Email is invalid');
    expect(await requests.all()).toHaveLength(1);
  });

  it('maps 422 with errors[] to PROVIDER_REJECTED with the field errors', async () => {
    server.use(
      http.post(TICKETS, () =>
        HttpResponse.json({ errors: [{ code: 'InvalidValue', title: 'Invalid value', detail: 'custom_fields[0].value is not valid', source: { pointer: '/ticket/custom_fields/0/value' } }] }, { status: 422 }),
      ),
    );
    await expect(deliver()).rejects.toMatchObject({
      code: 'PROVIDER_REJECTED',
      status: 422,
      details: { error: 'InvalidValue', fieldErrors: [{ field: '/ticket/custom_fields/0/value', code: 'InvalidValue', message: 'custom_fields[0].value is not valid' }] },
    });
  });

  it('explains a 400 IdempotentRequestError (same key, different body)', async () => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ error: 'IdempotentRequestError', description: 'Request parameters do not match the original request' }, { status: 400 })));
    const error = rejection(await deliver().catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', status: 400, retryable: false, details: { idempotencyConflict: true, error: 'IdempotentRequestError' } });
    expect(error.message).toMatch(/Idempotency-Key/);
    expect(error.message).toMatch(/different ticket body/);
  });

  it('maps 404 to CONFIGURATION naming the subdomain', async () => {
    server.use(http.post(TICKETS, () => new HttpResponse('<html>Not found</html>', { status: 404, headers: { 'Content-Type': 'text/html' } })));
    await expect(deliver()).rejects.toMatchObject({ code: 'CONFIGURATION', status: 404, message: expect.stringMatching(/subdomain "acme"/) });
  });

  it('waits for Retry-After after a 429 and then succeeds, with the same key and body', async () => {
    let calls = 0;
    server.use(
      http.post(TICKETS, () => (++calls === 1 ? HttpResponse.json({ error: 'TooManyRequests' }, { status: 429, headers: { 'Retry-After': '1' } }) : HttpResponse.json({ ticket: { id: 7 } }, { status: 201 }))),
    );
    const delays: number[] = [];
    const started = Date.now();
    const delivery = await deliver({ retry: { ...fast, onRetry: (_e, _a, ms) => delays.push(ms) } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(delays).toEqual([1_000]);
    expect(delivery.reference?.id).toBe('7');
    const sent = await requests.all();
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(['pe-0123456789abcdef', 'pe-0123456789abcdef']);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it('reports RATE_LIMITED with retryAfterMs when retries are off', async () => {
    server.use(http.post(TICKETS, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } })));
    await expect(deliver({ retry: false })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 7_000, status: 429 });
  });

  it('retries repeated 5xx up to the bound with the same Idempotency-Key, then fails PROVIDER_UNAVAILABLE', async () => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ error: 'ServiceUnavailable' }, { status: 503 })));
    await expect(deliver({ retry: { ...fast, attempts: 4 } })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503 });
    const sent = await requests.all();
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['pe-0123456789abcdef']));
  });

  it('retries a 500 too: the Idempotency-Key makes a repeat safe', async () => {
    let calls = 0;
    server.use(http.post(TICKETS, () => (++calls < 3 ? new HttpResponse(null, { status: 500 }) : HttpResponse.json({ ticket: { id: 9 } }, { status: 201 }))));
    expect((await deliver()).reference?.id).toBe('9');
    expect(await requests.all()).toHaveLength(3);
  });

  it('retries a network failure and fails PROVIDER_UNAVAILABLE at the bound', async () => {
    server.use(http.post(TICKETS, () => HttpResponse.error()));
    await expect(deliver()).rejects.toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE' });
    expect(await requests.all()).toHaveLength(3);
  });

  it('times out a slow answer with TIMEOUT: safe to retry with the key, but the ticket may exist', async () => {
    server.use(http.post(TICKETS, async () => {
      await delay(1_000);
      return HttpResponse.json({ ticket: { id: 1 } }, { status: 201 });
    }));
    const started = Date.now();
    await expect(deliver({ timeoutMs: 50, retry: false })).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true, details: expect.objectContaining({ ambiguous: true }) });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('repeats a timed-out try with the same Idempotency-Key', async () => {
    let calls = 0;
    server.use(http.post(TICKETS, async () => {
      if (++calls === 1) await delay(1_000);
      return HttpResponse.json({ ticket: { id: 11 } }, { status: 201, headers: { 'x-idempotency-lookup': 'hit' } });
    }));
    // The second try must answer within the timeout: 100 ms was tight on a loaded machine.
    const delivery = await deliver({ timeoutMs: 300 });
    expect(delivery).toMatchObject({ reference: { id: '11' }, data: { idempotencyLookup: 'hit' } });
    const keys = (await requests.all()).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual(['pe-0123456789abcdef', 'pe-0123456789abcdef']);
  });

  it('aborts mid-request with ABORTED', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    server.use(http.post(TICKETS, async () => {
      arrived();
      await delay(1_000);
      return HttpResponse.json({ ticket: { id: 1 } }, { status: 201 });
    }));
    const controller = new AbortController();
    const pending = deliver({}, { signal: controller.signal });
    await reached;
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'EscalationError', code: 'ABORTED' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(await requests.all()).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(deliver({}, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await requests.all()).toHaveLength(0);
  });

  it('refuses an idempotency key that cannot be a header', async () => {
    await expect(deliver({}, { key: 'two\nlines' })).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/Idempotency-Key/) });
    expect(await requests.all()).toHaveLength(0);
  });
});
