import { delay, http, HttpResponse } from 'msw';
import type { EscalationError, EscalationEvents } from '@pillar/escalation-core';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler, type EscalationHandlerOptions } from '@pillar/escalation-server';
import {
  browserContext,
  CREATED_ANYWAY,
  errorOf,
  freshdeskCreates,
  identifyByToken,
  listen,
  loopback,
  post,
  serverRegistry,
  rawPost,
  ZENDESK_TICKETS,
  zendeskCreates,
  type Loopback,
} from './support';

const msw = setupProviderServer(loopback);

let app: Loopback;
let errors: EscalationError[];
let registry: ReturnType<typeof serverRegistry>;

async function start(options: Partial<EscalationHandlerOptions> = {}, registryOptions: Parameters<typeof serverRegistry>[0] = {}): Promise<void> {
  await app?.close();
  registry = serverRegistry(registryOptions);
  errors = [];
  app = await listen(
    createEscalationHandler({
      registry,
      identify: identifyByToken,
      rateLimit: { limit: 1_000 },
      onError: (error) => errors.push(error),
      ...options,
    }),
  );
}

beforeEach(() => start());
afterAll(() => app?.close());

let conversation = 0;
/** A fresh, valid anonymous escalation to the Freshdesk option: proves the server still serves. */
async function expectStillServing(): Promise<void> {
  const seen = freshdeskCreates(msw);
  const response = await post(app.origin, { optionId: 'freshdesk', context: browserContext(undefined, `conv_alive_${++conversation}`) });
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ optionId: 'freshdesk', status: 'created' });
  expect(seen).toHaveLength(1);
}

describe('GET /options', () => {
  it.each([
    ['an anonymous visitor', undefined, ['freshdesk']],
    ['a free user', 'tok-free', ['freshdesk']],
    ['a pro user', 'tok-pro', ['ticket', 'freshdesk']],
    ['an enterprise admin', 'tok-enterprise', ['ticket', 'freshdesk', 'enterprise-line']],
  ])('lists the options %s may use now', async (_who, token, ids) => {
    const response = await fetch(`${app.origin}/api/escalation/options`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { options: Array<{ id: string }> };
    expect(body.options.map((o) => o.id)).toEqual(ids);
  });

  it('gives id, label, icon and order, nothing of the adapter', async () => {
    const response = await fetch(`${app.origin}/api/escalation/options`, { headers: { authorization: 'Bearer tok-enterprise' } });
    expect(await response.json()).toEqual({
      options: [
        { id: 'ticket', label: 'Open a ticket', icon: 'mail', order: 1 },
        { id: 'freshdesk', label: 'Email support', icon: 'support', order: 2 },
        { id: 'enterprise-line', label: 'Enterprise line', order: 3 },
      ],
    });
  });
});

describe('POST /escalations', () => {
  it('creates the Zendesk ticket as the identified user and answers 201 with the result', async () => {
    const seen = zendeskCreates(msw);
    const response = await post(
      app.origin,
      // The browser claims another email: the identified user's wins.
      { optionId: 'ticket', context: browserContext({ email: 'someone-else@example.com', name: 'Impostor' }), idempotencyKey: 'browser-key-1' },
      { token: 'tok-pro' },
    );
    expect(response.status).toBe(201);
    const result = await response.json();
    expect(result).toEqual({
      optionId: 'ticket',
      requestedOptionId: 'ticket',
      kind: 'zendesk-ticket',
      status: 'created',
      reference: { id: '1001', url: 'https://acme.zendesk.com/agent/tickets/1001' },
      data: { idempotencyLookup: 'miss' },
      idempotencyKey: 'browser-key-1',
      attempts: [{ optionId: 'ticket', kind: 'zendesk-ticket', outcome: 'delivered', durationMs: expect.any(Number) }],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.ticket.requester).toEqual({ name: 'Pat Pro', email: 'pat@example.com' });
    // The provider sees a key scoped to this user and option, never the browser's raw key.
    expect(seen[0]!.key).toMatch(/^pe-[0-9a-f]{32}$/);
    expect(JSON.stringify(result)).not.toContain('zd-secret-token-123');
  });

  it('refuses a spoofed plan: the browser claims enterprise, identify says free (403, no provider request)', async () => {
    const zendesk = zendeskCreates(msw);
    const spoofed = browserContext({ id: 'u_ent', email: 'fran@example.com', plan: 'enterprise', role: 'admin', attributes: { seats: 500 } });
    const response = await post(app.origin, { optionId: 'enterprise-line', context: spoofed }, { token: 'tok-free' });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toEqual({ code: 'NOT_ALLOWED', message: 'Option "enterprise-line" is not available to this user now', retryable: false });
    const anonymous = await post(app.origin, { optionId: 'ticket', context: spoofed });
    expect(anonymous.status).toBe(403);
    expect(zendesk).toHaveLength(0);
    await expectStillServing();
  });

  it('lets an anonymous visitor use an ungated option with the contact details they type', async () => {
    const seen = freshdeskCreates(msw);
    const response = await post(app.origin, { optionId: 'freshdesk', context: browserContext({ email: 'visitor@example.com', name: 'Visitor', plan: 'pro' }) });
    expect(response.status).toBe(201);
    expect(seen[0]!.body).toMatchObject({ email: 'visitor@example.com', name: 'Visitor' });
  });

  it('answers each bad request with its status and keeps serving', async () => {
    await start({ limits: { maxBodyBytes: 64 * 1024, maxMessages: 5 }, allowedOrigins: ['https://app.example.com'] });
    const valid = { optionId: 'freshdesk', context: browserContext() };
    const cases: Array<[string, () => Promise<Response>, number, string, ((r: Response) => void)?]> = [
      ['malformed JSON', () => post(app.origin, '{"optionId": "freshdesk", '), 400, 'INVALID_CONTEXT'],
      ['a JSON array', () => post(app.origin, '[1,2]'), 400, 'INVALID_CONTEXT'],
      ['no optionId', () => post(app.origin, { context: browserContext() }), 400, 'INVALID_CONTEXT'],
      ['a bad idempotency key', () => post(app.origin, { ...valid, idempotencyKey: 'has spaces' }), 400, 'INVALID_CONTEXT'],
      ['an invalid context', () => post(app.origin, { ...valid, context: { conversationId: 'c', messages: [{ role: 'bot', content: 'x' }] } }), 400, 'INVALID_CONTEXT'],
      ['a body that is not UTF-8', () => post(app.origin, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) as unknown as string), 400, 'INVALID_CONTEXT'],
      ['an unknown option', () => post(app.origin, { ...valid, optionId: 'nope' }), 404, 'UNKNOWN_OPTION'],
      ['an unknown route', () => post(app.origin, valid, { path: '/api/escalation/other' }), 404, 'CONFIGURATION'],
      ['PUT on /escalations', () => fetch(`${app.origin}/api/escalation/escalations`, { method: 'PUT', body: '{}' }), 405, 'CONFIGURATION', (r) => expect(r.headers.get('allow')).toBe('POST, OPTIONS')],
      ['GET on /escalations', () => fetch(`${app.origin}/api/escalation/escalations`), 405, 'CONFIGURATION', (r) => expect(r.headers.get('allow')).toBe('POST, OPTIONS')],
      ['POST on /options', () => post(app.origin, valid, { path: '/api/escalation/options' }), 405, 'CONFIGURATION', (r) => expect(r.headers.get('allow')).toBe('GET, OPTIONS')],
      ['text/plain', () => post(app.origin, valid, { headers: { 'content-type': 'text/plain' } }), 415, 'CONFIGURATION'],
      ['JSON in Latin-1', () => post(app.origin, valid, { headers: { 'content-type': 'application/json; charset=iso-8859-1' } }), 415, 'CONFIGURATION'],
      ['a body over maxBodyBytes', () => post(app.origin, { ...valid, padding: 'x'.repeat(70 * 1024) }), 413, 'INVALID_CONTEXT'],
      ['a context over maxMessages', () => post(app.origin, { ...valid, context: { conversationId: 'c', messages: Array.from({ length: 6 }, () => ({ role: 'user', content: 'hi' })) } }), 413, 'INVALID_CONTEXT'],
      ['another origin', () => post(app.origin, valid, { headers: { origin: 'https://evil.example' } }), 403, 'NOT_ALLOWED'],
    ];
    for (const [name, send, status, code, extra] of cases) {
      const response = await send();
      const error = await errorOf(response);
      expect({ name, status: response.status, code: error.code, type: response.headers.get('content-type') }).toEqual({ name, status, code, type: 'application/json; charset=utf-8' });
      expect(typeof error.message).toBe('string');
      expect(error.retryable).toBe(false);
      extra?.(response);
      await expectStillServing();
    }
  });

  it('names the path and the limit of an invalid context', async () => {
    const response = await post(app.origin, { optionId: 'freshdesk', context: { conversationId: 'c', messages: [{ role: 'bot', content: 'x' }] } });
    expect(await errorOf(response)).toEqual({
      code: 'INVALID_CONTEXT',
      message: 'messages[0].role must be one of user, assistant, system (got "bot")',
      retryable: false,
      details: { path: 'messages[0].role', reason: 'enum' },
    });
  });

  it('answers 500 without details when identify throws, and logs the error', async () => {
    await start({
      identify: () => {
        throw new Error('session store down at redis://10.0.0.5');
      },
    });
    const response = await post(app.origin, { optionId: 'freshdesk', context: browserContext() });
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false });
    expect(error.message).not.toMatch(/redis|10\.0\.0\.5|identify/);
    expect(errors.map((e) => e.code)).toEqual(['CONFIGURATION']);
    expect((errors[0]!.cause as Error).message).toContain('redis://');
  });

  it('answers 403 when identify refuses the request with NOT_ALLOWED, 500 when it returns an invalid user', async () => {
    const { EscalationError } = await import('@pillar/escalation-core');
    await start({
      identify: (request) => {
        if (request.headers.get('authorization') === 'Bearer expired') throw new EscalationError('NOT_ALLOWED', 'Your session has expired');
        return { id: 'u1', email: 'not an email' };
      },
    });
    const refused = await post(app.origin, { optionId: 'freshdesk', context: browserContext() }, { token: 'expired' });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toEqual({ code: 'NOT_ALLOWED', message: 'Your session has expired', retryable: false });
    const invalid = await post(app.origin, { optionId: 'freshdesk', context: browserContext() });
    expect(invalid.status).toBe(500);
    expect(errors.at(-1)?.message).toMatch(/identify returned an invalid user: user.email/);
  });
});

describe('provider failures', () => {
  const ticket = (key: string) => ({ optionId: 'ticket', context: browserContext(), idempotencyKey: key });

  it.each([
    ['Zendesk rejects the ticket (422)', 502, 'PROVIDER_REJECTED', false, () => HttpResponse.json({ error: 'RecordInvalid', details: { requester: [{ description: 'Requester: Email is invalid' }] } }, { status: 422 })],
    ['Zendesk is down (503)', 503, 'PROVIDER_UNAVAILABLE', true, () => new HttpResponse('down', { status: 503 })],
    ['Zendesk rate limits (429, Retry-After 7)', 503, 'RATE_LIMITED', true, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } })],
    ['the token is wrong (401)', 500, 'CONFIGURATION', false, () => HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 })],
  ])('%s: answers %i %s without the provider\'s words', async (_name, status, code, retryable, answer) => {
    const seen = zendeskCreates(msw, answer);
    const response = await post(app.origin, ticket(`key-${code}`), { token: 'tok-pro' });
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code, retryable });
    expect(error.message).not.toMatch(/zendesk|acme|token|Requester|authenticate/i);
    if (code === 'RATE_LIMITED') {
      expect(response.headers.get('retry-after')).toBe('7');
      expect(error.retryAfterMs).toBe(7_000);
    }
    expect(seen).toHaveLength(1);
    // The server log gets the whole story.
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe(code);
    await expectStillServing();
  });

  it('answers 504 when Zendesk does not answer in time', async () => {
    await start({}, { zendeskTimeoutMs: 100 });
    zendeskCreates(msw, async () => {
      await delay(1_000);
      return HttpResponse.json({ ticket: { id: 1 } }, { status: 201 });
    });
    const response = await post(app.origin, ticket('slow-1'), { token: 'tok-pro' });
    expect(response.status).toBe(504);
    expect(await errorOf(response)).toMatchObject({ code: 'TIMEOUT', retryable: true });
    await expectStillServing();
  });

  it('answers an ambiguous Freshdesk failure with the ticket it finds (a 500 after the ticket was stored): one ticket, 201', async () => {
    const seen = freshdeskCreates(msw, () => new HttpResponse('oops', { status: 500, headers: { [CREATED_ANYWAY]: '1' } }));
    const body = { optionId: 'freshdesk', context: browserContext(), idempotencyKey: 'fd-ambiguous' };
    const first = await post(app.origin, body);
    expect(first.status).toBe(201);
    expect((await first.json()).reference.id).toBe('2001');
    expect((await post(app.origin, body)).status).toBe(201);
    expect(seen).toHaveLength(1);
  });

  it('delivers again after a retryable failure with the same key', async () => {
    const seen = zendeskCreates(msw, (_request, n) => (n === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ ticket: { id: 77 } }, { status: 201 })));
    expect((await post(app.origin, ticket('retry-me'), { token: 'tok-pro' })).status).toBe(503);
    const second = await post(app.origin, ticket('retry-me'), { token: 'tok-pro' });
    expect(second.status).toBe(201);
    expect(seen).toHaveLength(2);
    // Both tries carried the same provider key.
    expect(seen[0]!.key).toBe(seen[1]!.key);
  });
});

describe('idempotency', () => {
  it('answers a repeated request with the first result without delivering twice', async () => {
    const seen = zendeskCreates(msw);
    const body = { optionId: 'ticket', context: browserContext(), idempotencyKey: 'double-click' };
    const first = await post(app.origin, body, { token: 'tok-pro' });
    const second = await post(app.origin, body, { token: 'tok-pro' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.text()).toBe(await first.text());
    expect(seen).toHaveLength(1);
  });

  it('delivers once for identical requests that arrive at once: one 201, the others 409 with Retry-After (the IETF draft\'s concurrent request)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen = zendeskCreates(msw, async () => {
      await gate;
      return HttpResponse.json({ ticket: { id: 4242 } }, { status: 201 });
    });
    const body = { optionId: 'ticket', context: browserContext(), idempotencyKey: 'stampede' };
    let settled = 0;
    const responses = Array.from({ length: 5 }, () => post(app.origin, body, { token: 'tok-pro' }).finally(() => (settled += 1)));
    // Four answered while the first is still held by the provider.
    await waitFor(() => seen.length === 1 && settled === 4);
    release();
    const answered = await Promise.all(responses);
    expect(answered.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const busy of answered.filter((r) => r.status === 409)) {
      expect(busy.headers.get('retry-after')).toMatch(/^[123]$/);
      expect((await busy.json()).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { reason: 'in-progress', ambiguous: true } });
    }
    const delivered = await answered.find((r) => r.status === 201)!.text();
    expect(JSON.parse(delivered).reference.id).toBe('4242');
    // The retry after Retry-After replays the very same answer.
    const replay = await post(app.origin, body, { token: 'tok-pro' });
    expect(await replay.text()).toBe(delivered);
    expect(seen).toHaveLength(1);
  });

  it('derives the key from the conversation when the browser sends none', async () => {
    const seen = zendeskCreates(msw);
    const context = browserContext();
    await post(app.origin, { optionId: 'ticket', context }, { token: 'tok-pro' });
    await post(app.origin, { optionId: 'ticket', context }, { token: 'tok-pro' });
    expect(seen).toHaveLength(1);
    // One more message is a new escalation.
    const longer = { ...context, messages: [...context.messages, { role: 'user' as const, content: 'Still waiting.' }] };
    await post(app.origin, { optionId: 'ticket', context: longer }, { token: 'tok-pro' });
    expect(seen).toHaveLength(2);
  });

  it('scopes keys per user and option: the same browser key from two users makes two tickets with different provider keys', async () => {
    const seen = zendeskCreates(msw);
    const body = { optionId: 'ticket', context: browserContext(), idempotencyKey: 'guessable-key' };
    const a = await post(app.origin, body, { token: 'tok-pro' });
    const b = await post(app.origin, body, { token: 'tok-pro-2' });
    expect((await a.json()).reference.id).toBe('1001');
    expect((await b.json()).reference.id).toBe('1002');
    expect(seen.map((s) => s.body.ticket.requester.email)).toEqual(['pat@example.com', 'quinn@example.com']);
    expect(seen[0]!.key).not.toBe(seen[1]!.key);
  });

  it('delivers every time when the store is turned off, still sharing requests in flight', async () => {
    await start({ idempotency: false });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen = zendeskCreates(msw, async (_request, n) => {
      if (n === 1) await held;
      return HttpResponse.json({ ticket: { id: n } }, { status: 201 });
    });
    const body = { optionId: 'ticket', context: browserContext(), idempotencyKey: 'no-store' };
    const escalations = jest.spyOn(registry, 'escalate');
    const first = post(app.origin, body, { token: 'tok-pro' });
    await waitFor(() => seen.length === 1);
    const second = post(app.origin, body, { token: 'tok-pro' });
    // Released once the second request reached the registry (a fixed 50 ms could pass before it arrives on a loaded machine).
    await waitFor(() => escalations.mock.calls.length === 2);
    release();
    expect((await Promise.all([first, second])).map((r) => r.status)).toEqual([201, 201]);
    expect(seen).toHaveLength(1);
    await post(app.origin, body, { token: 'tok-pro' });
    expect(seen).toHaveLength(2);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After after the limit, per identified user', async () => {
    await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    freshdeskCreates(msw);
    const send = (token: string, n: number) => post(app.origin, { optionId: 'freshdesk', context: browserContext(undefined, `conv_rl_${token}_${n}`) }, { token });
    expect((await send('tok-pro', 1)).status).toBe(201);
    expect((await send('tok-pro', 2)).status).toBe(201);
    const limited = await send('tok-pro', 3);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await errorOf(limited)).toEqual({ code: 'RATE_LIMITED', message: expect.any(String), retryable: true, retryAfterMs: retryAfter * 1000 });
    // Another user has a budget of their own.
    expect((await send('tok-free', 1)).status).toBe(201);
  });

  it('counts anonymous requests per socket address and ignores X-Forwarded-For', async () => {
    await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    freshdeskCreates(msw);
    const send = (n: number) => post(app.origin, { optionId: 'freshdesk', context: browserContext(undefined, `conv_anon_${n}`) }, { headers: { 'x-forwarded-for': `203.0.113.${n}` } });
    expect((await send(1)).status).toBe(201);
    expect((await send(2)).status).toBe(201);
    expect((await send(3)).status).toBe(429);
  });
});

describe('origins', () => {
  beforeEach(() => start({ allowedOrigins: ['https://app.example.com'] }));

  it('answers an allowed origin with CORS headers', async () => {
    freshdeskCreates(msw);
    const response = await post(app.origin, { optionId: 'freshdesk', context: browserContext() }, { headers: { origin: 'https://app.example.com' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('answers the preflight of an allowed origin, and refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.origin}/api/escalation/escalations`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-csrf-token' },
      });
    const ok = await preflight('https://app.example.com');
    expect(ok.status).toBe(204);
    expect(Object.fromEntries([...ok.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-csrf-token',
      'access-control-expose-headers': 'Retry-After',
      'access-control-max-age': '600',
    });
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the page of the handler\'s own host in without CORS headers', async () => {
    freshdeskCreates(msw);
    const response = await post(app.origin, { optionId: 'freshdesk', context: browserContext() }, { headers: { origin: app.origin } });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a slow provider and a client that gives up', () => {
  it('keeps the provider call when the client goes away: the retry gets that ticket, not a second one', async () => {
    let providerCalled = false;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen = zendeskCreates(msw, async () => {
      providerCalled = true;
      await held;
      return HttpResponse.json({ ticket: { id: 1 } }, { status: 201 });
    });
    const successes: Array<EscalationEvents['escalation:success']> = [];
    registry.on('escalation:success', (event) => successes.push(event));
    const body = JSON.stringify({ optionId: 'ticket', context: browserContext(), idempotencyKey: 'gives-up' });
    const client = rawPost(app.origin, body, { Authorization: 'Bearer tok-pro' });
    await waitFor(() => providerCalled);
    client.socket.destroy();
    expect(await client.response).toBe('');
    // The provider answers after the client left: the ticket is delivered and its answer kept.
    release();
    await waitFor(() => successes.length === 1);
    await expectStillServing();
    const again = await post(app.origin, JSON.parse(body), { token: 'tok-pro' });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ status: 'created', reference: { id: '1' } });
    expect(seen).toHaveLength(1);
  });

  it('keeps delivering when its client leaves; an identical request meanwhile answers 409, and its retry gets the ticket', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen = zendeskCreates(msw, async () => {
      await held;
      return HttpResponse.json({ ticket: { id: 9 } }, { status: 201 });
    });
    const failures: unknown[] = [];
    registry.on('escalation:failure', (event) => failures.push(event));
    const body = { optionId: 'ticket', context: browserContext(), idempotencyKey: 'one-leaves' };
    const leaving = rawPost(app.origin, JSON.stringify(body), { Authorization: 'Bearer tok-pro' });
    await waitFor(() => seen.length === 1);
    const busy = await post(app.origin, body, { token: 'tok-pro' });
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toMatch(/^[123]$/);
    leaving.socket.destroy();
    expect(await leaving.response).toBe('');
    await delay(50);
    release();
    // The retry after Retry-After: 409 until the delivery is kept, then its answer.
    let answer = await post(app.origin, body, { token: 'tok-pro' });
    for (let tries = 0; answer.status === 409 && tries < 40; tries++) {
      await delay(25);
      answer = await post(app.origin, body, { token: 'tok-pro' });
    }
    expect(answer.status).toBe(201);
    expect((await answer.json()).reference.id).toBe('9');
    expect(seen).toHaveLength(1);
    expect(failures).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

