import { once } from 'node:events';
import { createServer } from 'node:net';
import axios from 'axios';
import { container } from 'tsyringe';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { HTTP_CLIENT, type DeliverOptions } from '@pillar/escalation-core';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { freshdeskTicket, keyTag, type FreshdeskTicketOptions } from '@pillar/escalation-freshdesk/server';
import { billingContext, ticketSchemaErrors } from './support';

const TICKETS = 'https://acme.freshdesk.com/api/v2/tickets';
// Fails closed: a request no handler matches errors and fails the test.
const server = setupProviderServer();

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Answers the tickets endpoint with `answers` in turn (the last one repeats) and records each request. */
function tickets(...answers: Array<() => Response | Promise<Response>>): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.post(TICKETS, async ({ request }) => {
      seen.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: await request.json() });
      const answer = answers[Math.min(seen.length, answers.length) - 1];
      return answer!();
    }),
  );
  return seen;
}

const created = () => HttpResponse.json({ id: 1042, subject: 'x', status: 2 }, { status: 201 });
const fast = { baseDelayMs: 1, random: () => 0 } as const;
const base: FreshdeskTicketOptions = { domain: 'acme', apiKey: 'fd_test_key_123', http: axios.create(), retry: fast };

async function send(options: Partial<FreshdeskTicketOptions> = {}, deliver: Partial<DeliverOptions> = {}) {
  const adapter = freshdeskTicket({ ...base, ...options });
  const context = billingContext();
  const payload = adapter.toPayload(context);
  return { payload, result: adapter.deliver(payload, { context, idempotencyKey: 'esc_1', ...deliver }) };
}

describe('freshdeskTicket deliver', () => {
  it('POSTs the ticket with Basic auth apiKey:X and the exact body, and returns the agent link', async () => {
    const seen = tickets(created);
    const { payload, result } = await send({ fields: { reason: 'cf_reason', conversationId: 'cf_conversation_id' } });
    await expect(result).resolves.toEqual({
      status: 'created',
      reference: { id: '1042', url: 'https://acme.freshdesk.com/a/tickets/1042' },
    });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(TICKETS);
    expect(request!.headers).toMatchObject({
      authorization: 'Basic ZmRfdGVzdF9rZXlfMTIzOlg=',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    // The key rides as a tag, so `find` can look the ticket up after a lost answer.
    const tag = await keyTag('esc_1');
    expect(tag).toMatch(/^pillar[0-9a-f]{24}$/);
    expect(request!.body).toEqual({ ...payload, tags: [...payload.tags, tag] });
    expect(request!.body).toEqual({
      subject: 'How do I export my invoices to CSV?',
      description: payload.description,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      status: 2,
      priority: 1,
      source: 7,
      tags: ['pillar-escalation', 'reason-billing', tag],
      custom_fields: { cf_reason: 'billing', cf_conversation_id: 'conv_123' },
    });
    expect(ticketSchemaErrors(request!.body)).toEqual([]);
  });

  it('has no idempotency header to send: Freshdesk has none', async () => {
    const seen = tickets(created);
    await (await send()).result;
    expect(Object.keys(seen[0]!.headers).filter((h) => h.includes('idempotency'))).toEqual([]);
  });

  it('goes through the container HTTP_CLIENT, so app interceptors apply', async () => {
    const seen = tickets(created);
    const injected = axios.create();
    injected.interceptors.request.use((config) => {
      config.headers.set('X-Proxy-Tag', 'app');
      return config;
    });
    const child = container.createChildContainer();
    child.register(HTTP_CLIENT, { useValue: injected });
    const { http: _ignored, ...withoutHttp } = base;
    const adapter = freshdeskTicket(withoutHttp);
    const context = billingContext();
    await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k', container: child });
    expect(seen[0]!.headers['x-proxy-tag']).toBe('app');
  });

  it('sends to baseUrl (with its path) but links the ticket on the Freshdesk domain', async () => {
    let hit = '';
    server.use(http.post('https://proxy.example.com/freshdesk/api/v2/tickets', ({ request }) => {
      hit = request.url;
      return HttpResponse.json({ id: 7 }, { status: 201 });
    }));
    const { result } = await send({ baseUrl: 'https://proxy.example.com/freshdesk/' });
    await expect(result).resolves.toEqual({ status: 'created', reference: { id: '7', url: 'https://acme.freshdesk.com/a/tickets/7' } });
    expect(hit).toBe('https://proxy.example.com/freshdesk/api/v2/tickets');
  });

  it('reports a created ticket without a link when the answer has no id', async () => {
    tickets(() => HttpResponse.json({}, { status: 201 }));
    await expect((await send()).result).resolves.toEqual({ status: 'created' });
  });

  it.each([
    [401, { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }],
    [403, { code: 'access_denied', message: 'You are not authorized to perform this action.' }],
  ])('maps %i to CONFIGURATION naming the agent API key and the domain, without retrying', async (status, body) => {
    const seen = tickets(() => HttpResponse.json(body, { status }));
    const error = await (await send()).result.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EscalationError', code: 'CONFIGURATION', status, retryable: false, details: { providerCode: body.code } });
    expect((error as Error).message).toMatch(/agent API key/);
    expect((error as Error).message).toContain('acme.freshdesk.com');
    expect(seen).toHaveLength(1);
  });

  it('maps a 400 validation failure to PROVIDER_REJECTED with the field errors', async () => {
    const seen = tickets(() =>
      HttpResponse.json(
        {
          description: 'Validation failed',
          errors: [
            { field: 'email', message: 'It should be in the valid email format', code: 'invalid_value' },
            { field: 'cf_reason', message: "It should be one of these values: 'Billing,Bug'", code: 'invalid_value' },
          ],
        },
        { status: 400 },
      ),
    );
    const error = await (await send()).result.catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PROVIDER_REJECTED',
      status: 400,
      retryable: false,
      details: {
        fieldErrors: [
          { field: 'email', message: 'It should be in the valid email format', code: 'invalid_value' },
          { field: 'cf_reason', message: "It should be one of these values: 'Billing,Bug'", code: 'invalid_value' },
        ],
      },
    });
    expect((error as Error).message).toContain('Validation failed: email (invalid_value), cf_reason (invalid_value)');
    expect(seen).toHaveLength(1);
  });

  it('maps a 404 (wrong account) to CONFIGURATION naming the domain', async () => {
    tickets(() => HttpResponse.json({ code: 'not_found' }, { status: 404 }));
    await expect((await send()).result).rejects.toMatchObject({ code: 'CONFIGURATION', status: 404, message: expect.stringContaining('"acme"') });
  });

  it('waits out a 429 Retry-After and then creates the ticket with the same body', async () => {
    const seen = tickets(
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0.05', 'X-RateLimit-Total': '80', 'X-RateLimit-Remaining': '0' } }),
      created,
    );
    const delays: number[] = [];
    const started = Date.now();
    const { result } = await send({ retry: { ...fast, onRetry: (_e, _a, ms) => delays.push(ms) } });
    await expect(result).resolves.toMatchObject({ status: 'created', reference: { id: '1042' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(delays).toEqual([50]);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.body).toEqual(seen[0]!.body);
    expect(seen[1]!.headers.authorization).toBe(seen[0]!.headers.authorization);
  });

  it('gives up on a 429 as RATE_LIMITED when Retry-After is longer than the bound', async () => {
    const seen = tickets(() => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '60' } }));
    await expect((await send({ retry: { ...fast, maxTotalMs: 1_000 } })).result).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 60_000, retryable: true });
    expect(seen).toHaveLength(1);
  });

  it('retries a 503 (the request was turned away) until the bound, then fails PROVIDER_UNAVAILABLE', async () => {
    const seen = tickets(() => new HttpResponse('Service Unavailable', { status: 503 }));
    const error = await (await send({ retry: { ...fast, attempts: 3 } })).result.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503, retryable: true });
    expect((error as { details?: Record<string, unknown> }).details?.ambiguous).toBeUndefined();
    expect(seen).toHaveLength(3);
  });

  it('creates the ticket after a 503 then a 201', async () => {
    const seen = tickets(() => new HttpResponse(null, { status: 503 }), created);
    await expect((await send()).result).resolves.toMatchObject({ status: 'created' });
    expect(seen).toHaveLength(2);
  });

  it.each([500, 502, 504])('treats an answered %i as ambiguous (the ticket may exist) and sends it once', async (status) => {
    const seen = tickets(() => HttpResponse.json({ code: 'internal_error' }, { status }));
    await expect((await send({ retry: { ...fast, attempts: 5 } })).result).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      status,
      retryable: false,
      details: { ambiguous: true },
    });
    expect(seen).toHaveLength(1);
  });

  it('treats a timeout as ambiguous TIMEOUT and sends it once', async () => {
    const seen = tickets(async () => {
      await delay(2_000);
      return created();
    });
    // Long enough for the request to reach the server first on a loaded machine (40 ms was not).
    await expect((await send({ timeoutMs: 300, retry: { ...fast, attempts: 5 } })).result).rejects.toMatchObject({
      code: 'TIMEOUT',
      retryable: false,
      details: { ambiguous: true },
    });
    expect(seen).toHaveLength(1);
  });

  it('treats a reset connection as ambiguous and sends it once', async () => {
    const seen = tickets(() => HttpResponse.error());
    const error = await (await send({ retry: { ...fast, attempts: 5 } })).result.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { ambiguous: true } });
    expect((error as Error).message).toMatch(/not repeated/);
    expect(seen).toHaveLength(1);
  });

  it('retries a refused connection (nothing was sent) up to the bound', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as { port: number };
    probe.close();
    await once(probe, 'close');
    const closed = `http://127.0.0.1:${port}`;
    // msw lets this one through to the real (closed) port: a real ECONNREFUSED.
    let attempts = 0;
    server.use(http.post(`${closed}/api/v2/tickets`, () => {
      attempts++;
      return passthrough();
    }));
    const error = await (await send({ baseUrl: closed, retry: { ...fast, attempts: 3 } })).result.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { code: 'ECONNREFUSED' } });
    expect((error as { details: Record<string, unknown> }).details.ambiguous).toBeUndefined();
    expect(attempts).toBe(3);
  });

  it('rejects with ABORTED when aborted mid-request', async () => {
    tickets(async () => {
      await delay(1_000);
      return created();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect((await send({}, { signal: controller.signal })).result).rejects.toMatchObject({ name: 'EscalationError', code: 'ABORTED' });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const seen = tickets(created);
    const controller = new AbortController();
    controller.abort();
    await expect((await send({}, { signal: controller.signal })).result).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen).toHaveLength(0);
  });

  it('makes a single try with retry: false', async () => {
    const seen = tickets(() => new HttpResponse(null, { status: 503 }));
    await expect((await send({ retry: false })).result).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(seen).toHaveLength(1);
  });
});
