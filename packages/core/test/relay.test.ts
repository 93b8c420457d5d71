import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  createRegistry,
  DEFAULT_CONTEXT_LIMITS,
  DEFAULT_RELAY_TIMEOUT_MS,
  DEFAULT_RETRY_BUDGET_MS,
  RELAY_SERVER_BUDGET_MS,
  timeLeft,
  fitContextForRelay,
  parseContext,
  relay,
  type EscalationContext,
  type EscalationError,
  type RelayOptions,
} from '@pillar/escalation-core';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ENDPOINT = 'https://app.example.test/api/escalation';
const URL_ = `${ENDPOINT}/escalations`;

const context = (): EscalationContext => ({
  conversationId: 'conv_9',
  messages: [
    { role: 'user', content: 'Where is my refund?' },
    { role: 'assistant', content: 'Refunds take 5 to 10 days.' },
  ],
  user: { email: 'kim@example.com', plan: 'pro' },
});

const result = {
  optionId: 'ticket',
  requestedOptionId: 'ticket',
  kind: 'zendesk-ticket',
  status: 'created',
  reference: { id: '881', url: 'https://acme.zendesk.com/agent/tickets/881' },
  data: { idempotencyLookup: 'miss' },
  idempotencyKey: 'pe-1',
  attempts: [],
};

interface Seen {
  headers: Record<string, string>;
  body: any;
}

function answer(respond: () => Response | Promise<Response>): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.post(URL_, async ({ request }) => {
      seen.push({ headers: Object.fromEntries(request.headers), body: await request.json() });
      return respond();
    }),
  );
  return seen;
}

async function deliver(options: Partial<RelayOptions> = {}, more: { signal?: AbortSignal; key?: string } = {}) {
  const adapter = relay({ endpoint: ENDPOINT, optionId: 'ticket', ...options });
  const ctx = context();
  return adapter.deliver(adapter.toPayload(ctx), { context: ctx, idempotencyKey: more.key ?? 'pe-abc', ...(more.signal ? { signal: more.signal } : {}) });
}

async function failure(promise: Promise<unknown>): Promise<EscalationError> {
  try {
    await promise;
  } catch (error) {
    return error as EscalationError;
  }
  throw new Error('expected a rejection');
}

describe('relay: payload', () => {
  it('carries the server option id and the context as is', () => {
    const ctx = context();
    expect(relay({ endpoint: ENDPOINT, optionId: 'ticket' }).toPayload(ctx)).toEqual({ optionId: 'ticket', context: ctx });
    expect(relay({ endpoint: ENDPOINT }).toPayload(ctx)).toEqual({ context: ctx });
  });

  it('cuts long messages and leaves out the oldest so the server accepts the context', () => {
    const huge: EscalationContext = {
      conversationId: 'c',
      messages: [{ role: 'user', content: 'First question' }, ...Array.from({ length: 12_000 }, (_, i) => ({ role: 'assistant' as const, content: `answer ${i}` })), { role: 'user', content: 'p'.repeat(300_000) }],
    };
    const fitted = relay({ endpoint: ENDPOINT, optionId: 'x' }).toPayload(huge).context;
    // Valid for the server's default limits, and within the default body budget.
    expect(() => parseContext(fitted, DEFAULT_CONTEXT_LIMITS)).not.toThrow();
    expect(new TextEncoder().encode(JSON.stringify(fitted)).length).toBeLessThanOrEqual(1_000_000 - 1_024);
    expect(fitted.messages[0]).toEqual({ role: 'user', content: 'First question' });
    expect(fitted.messages[1]!.role).toBe('system');
    expect(fitted.messages[1]!.content).toMatch(/^\[\d+ earlier messages left out to fit the relay's size limit\]$/);
    const last = fitted.messages.at(-1)!;
    expect(last.content.length).toBe(100_000);
    expect(last.content.endsWith('…')).toBe(true);
  });

  it('fits a byte budget with multi-byte text, and returns the same object when it already fits', () => {
    const ctx: EscalationContext = { conversationId: 'c', messages: Array.from({ length: 40 }, (_, i) => ({ role: 'user' as const, content: `${i} ${'日本語'.repeat(200)}` })) };
    const budget = { maxMessages: 100, maxMessageLength: 10_000, maxTotalLength: 1_000_000, maxBytes: 8_000 };
    const fitted = fitContextForRelay(ctx, budget);
    expect(new TextEncoder().encode(JSON.stringify(fitted)).length).toBeLessThanOrEqual(8_000);
    expect(fitted.messages[0]).toBe(ctx.messages[0]);
    expect(fitted.messages.at(-1)).toBe(ctx.messages.at(-1));
    const small = context();
    expect(fitContextForRelay(small, budget)).toBe(small);
  });

  it('cuts a single huge message to the byte budget', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: '€'.repeat(50_000) }] };
    const fitted = fitContextForRelay(ctx, { maxMessages: 10, maxMessageLength: 100_000, maxTotalLength: 1_000_000, maxBytes: 20_000 });
    expect(new TextEncoder().encode(JSON.stringify(fitted)).length).toBeLessThanOrEqual(20_000);
    expect(fitted.messages[0]!.content.length).toBeGreaterThan(5_000);
  });

  it('refuses a context whose other fields alone are over the budget', () => {
    const ctx: EscalationContext = { conversationId: 'c', messages: [], metadata: { note: 'n'.repeat(5_000) } };
    expect(() => relay({ endpoint: ENDPOINT, optionId: 'x', maxBodyBytes: 4_000 }).toPayload(ctx)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONTEXT', details: expect.objectContaining({ reason: 'limit' }) }),
    );
  });
});

describe('relay: deliver', () => {
  it('POSTs { optionId, context, idempotencyKey } as JSON and returns the server result as a Delivery', async () => {
    const seen = answer(() => HttpResponse.json(result, { status: 201 }));
    const delivery = await deliver({ headers: { 'X-CSRF-Token': 'csrf-1' } });
    expect(delivery).toEqual({
      status: 'created',
      reference: { id: '881', url: 'https://acme.zendesk.com/agent/tickets/881' },
      data: { server: { optionId: 'ticket', kind: 'zendesk-ticket', data: { idempotencyLookup: 'miss' } } },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({ optionId: 'ticket', context: context(), idempotencyKey: 'pe-abc' });
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': 'csrf-1' });
  });

  it("sends the session cookie to its own origin only, unless told otherwise, and calls the given fetch", async () => {
    const inits: RequestInit[] = [];
    const fake: typeof fetch = async (_url, init) => {
      inits.push(init!);
      return new Response(JSON.stringify(result), { status: 201 });
    };
    await deliver({ fetch: fake, headers: () => ({ Authorization: 'Bearer t' }) });
    await deliver({ fetch: fake, credentials: 'include' });
    expect(inits.map((i) => i.credentials)).toEqual(['same-origin', 'include']);
    expect((inits[0]!.headers as Record<string, string>).Authorization).toBe('Bearer t');
  });

  it('takes the option id from the registry when none is given', async () => {
    const seen = answer(() => HttpResponse.json({ ...result, optionId: 'open-ticket' }, { status: 201 }));
    const registry = createRegistry([{ id: 'open-ticket', label: 'Open a ticket', adapter: relay({ endpoint: ENDPOINT }) }]);
    const outcome = await registry.escalate('open-ticket', context());
    expect(outcome.status).toBe('created');
    expect(seen[0]!.body.optionId).toBe('open-ticket');
    expect(seen[0]!.body.idempotencyKey).toBe(outcome.idempotencyKey);
  });

  it('is a CONFIGURATION error without an option id it can find', async () => {
    const shared = relay({ endpoint: ENDPOINT });
    const ctx = context();
    await expect(shared.deliver(shared.toPayload(ctx), { context: ctx, idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/optionId/) });
    const registry = createRegistry([
      { id: 'a', label: 'A', adapter: shared },
      { id: 'b', label: 'B', adapter: shared },
    ]);
    await expect(registry.escalate('a', ctx)).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/several options \(a, b\)/) });
  });

  it.each([
    [403, { code: 'NOT_ALLOWED', message: 'Option "ticket" is not available to this user now', retryable: false }, {}],
    [429, { code: 'RATE_LIMITED', message: 'Too many escalations', retryable: true, retryAfterMs: 30_000 }, { 'Retry-After': '30' }],
    [502, { code: 'PROVIDER_UNAVAILABLE', message: 'The support service is unavailable', retryable: false, details: { ambiguous: true } }, {}],
    [504, { code: 'TIMEOUT', message: 'The support service did not answer in time', retryable: true }, {}],
  ])('maps the server\'s JSON error of HTTP %i to the same EscalationError', async (status, error, headers) => {
    answer(() => HttpResponse.json({ error }, { status, headers }));
    const thrown = await failure(deliver());
    expect(thrown).toMatchObject({ name: 'EscalationError', ...error, status });
  });

  it('reads Retry-After from the header when the body has none', async () => {
    answer(() => HttpResponse.json({ error: { code: 'RATE_LIMITED', message: 'slow down', retryable: true } }, { status: 429, headers: { 'Retry-After': '12' } }));
    expect(await failure(deliver())).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 12_000 });
  });

  it.each([
    [404, 'CONFIGURATION', false],
    [405, 'CONFIGURATION', false],
    [502, 'PROVIDER_UNAVAILABLE', true],
    [503, 'PROVIDER_UNAVAILABLE', true],
    [401, 'CONFIGURATION', false],
  ])('maps a non-JSON HTTP %i (a proxy page) to %s', async (status, code, retryable) => {
    answer(() => new HttpResponse('<html>Bad Gateway</html>', { status, headers: { 'content-type': 'text/html' } }));
    expect(await failure(deliver())).toMatchObject({ code, retryable, status });
  });

  it('maps a network failure to PROVIDER_UNAVAILABLE, retryable (the key makes a retry safe) and ambiguous (no fallback)', async () => {
    server.use(http.post(URL_, () => HttpResponse.error()));
    expect(await failure(deliver())).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { ambiguous: true } });
  });

  it('maps a slow server to TIMEOUT', async () => {
    answer(async () => {
      await delay(500);
      return HttpResponse.json(result, { status: 201 });
    });
    expect(await failure(deliver({ timeoutMs: 50 }))).toMatchObject({ code: 'TIMEOUT', retryable: true, details: { ambiguous: true } });
  });

  it('maps an abort to ABORTED, before and during the request', async () => {
    const before = new AbortController();
    before.abort();
    expect(await failure(deliver({}, { signal: before.signal }))).toMatchObject({ code: 'ABORTED' });
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const seen = answer(async () => {
      arrived();
      await delay(500);
      return HttpResponse.json(result, { status: 201 });
    });
    const during = new AbortController();
    const pending = failure(deliver({}, { signal: during.signal }));
    // Abort once the request is out (a fixed 20 ms could pass before it arrives on a loaded machine).
    await reached;
    during.abort();
    expect(await pending).toMatchObject({ code: 'ABORTED' });
    expect(seen).toHaveLength(1);
  });

  it('refuses a 2xx answer without a result as ambiguous', async () => {
    answer(() => new HttpResponse('ok', { status: 200 }));
    expect(await failure(deliver())).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { ambiguous: true } });
  });

  it('drops a reference URL that is not http(s)', async () => {
    answer(() => HttpResponse.json({ ...result, reference: { id: '1', url: 'javascript:alert(1)' } }, { status: 201 }));
    expect((await deliver()).reference).toEqual({ id: '1' });
  });

  it('needs an absolute endpoint outside a browser', async () => {
    const adapter = relay({ endpoint: '/api/escalation', optionId: 'x' });
    const ctx = context();
    await expect(adapter.deliver(adapter.toPayload(ctx), { context: ctx, idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/relative/) });
  });

  it('uses an endpoint that already names the escalations route as is', async () => {
    const seen = answer(() => HttpResponse.json(result, { status: 201 }));
    await deliver({ endpoint: `${ENDPOINT}/escalations/` });
    expect(seen).toHaveLength(1);
  });
});

describe('relay: the same key twice', () => {
  it('waits out a 409 (the server is still delivering this key) as Retry-After says, and asks again with the same key', async () => {
    let calls = 0;
    const seen = answer(() => (++calls < 3
      ? HttpResponse.json({ error: { code: 'PROVIDER_UNAVAILABLE', message: 'in progress', retryable: true } }, { status: 409, headers: { 'Retry-After': '0.05' } })
      : HttpResponse.json(result, { status: 201 })));
    const started = Date.now();
    await expect(deliver()).resolves.toMatchObject({ status: 'created', reference: { id: '881' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(seen.map((s) => s.body.idempotencyKey)).toEqual(['pe-abc', 'pe-abc', 'pe-abc']);
  });

  it('gives up on a 409 that outlasts its timeout: TIMEOUT, retryable with the same key, and "may exist"', async () => {
    answer(() => HttpResponse.json({ error: { code: 'PROVIDER_UNAVAILABLE', message: 'in progress', retryable: true } }, { status: 409, headers: { 'Retry-After': '1' } }));
    const error = await failure(deliver({ timeoutMs: 300 }));
    expect(error).toMatchObject({ code: 'TIMEOUT', status: 409, retryable: true, details: { ambiguous: true, inProgress: true } });
    expect(error.message).toMatch(/still delivering this escalation \(HTTP 409\)/);
  });

  it('treats 422 (the key was used with another body) as a bug: CONFIGURATION, never retried, worded as such', async () => {
    const seen = answer(() => HttpResponse.json({ error: { code: 'INVALID_CONTEXT', message: 'Idempotency-Key reused with a different body', retryable: false } }, { status: 422 }));
    const error = await failure(deliver({}, { key: 'pe-reused' }));
    expect(error).toMatchObject({ code: 'CONFIGURATION', status: 422, retryable: false, details: { reason: 'idempotency_key_reused', idempotencyKey: 'pe-reused' } });
    expect(error.message).toMatch(/already used for a different escalation.*bug in the app.*not retried/);
    expect(seen).toHaveLength(1);
  });

  it('posts again with the same key after a lost answer, and takes the answer the server kept', async () => {
    let calls = 0;
    const keys: string[] = [];
    server.use(http.post(URL_, async ({ request }) => {
      keys.push(((await request.json()) as { idempotencyKey: string }).idempotencyKey);
      return ++calls === 1 ? HttpResponse.error() : HttpResponse.json(result, { status: 201 });
    }));
    await expect(deliver()).resolves.toMatchObject({ status: 'created' });
    expect(keys).toEqual(['pe-abc', 'pe-abc']);
  });

  it('says "may exist" when the caller aborts while waiting out a 409', async () => {
    answer(() => HttpResponse.json({ error: { code: 'PROVIDER_UNAVAILABLE', message: 'in progress', retryable: true } }, { status: 409, headers: { 'Retry-After': '5' } }));
    const controller = new AbortController();
    const pending = failure(deliver({}, { signal: controller.signal }));
    await delay(50);
    controller.abort();
    expect(await pending).toMatchObject({ code: 'ABORTED', details: { ambiguous: true } });
  });
});

describe('relay: budgets nest (adapter < server relay < browser relay)', () => {
  afterEach(() => jest.useRealTimers());

  it('has defaults in that order, with room for a lookup after a lost answer', () => {
    // An adapter's whole retry budget and the 5 s the registry keeps for find fit in the server's budget ...
    expect(DEFAULT_RETRY_BUDGET_MS + 5_000).toBeLessThanOrEqual(RELAY_SERVER_BUDGET_MS);
    // ... and the browser waits longer than the server may take.
    expect(DEFAULT_RELAY_TIMEOUT_MS).toBeGreaterThan(RELAY_SERVER_BUDGET_MS);
  });

  it('gives a server adapter its whole default retry budget inside the server relay budget', async () => {
    let left = 0;
    const adapter = {
      kind: 'x', runtime: 'server' as const, toPayload: () => ({}),
      deliver: async (_p: unknown, o: { signal?: AbortSignal }) => { left = timeLeft(o.signal); return { status: 'created' as const }; },
      find: async () => null,
    };
    await createRegistry([{ id: 'x', label: 'X', adapter }]).escalate('x', context(), { budgetMs: RELAY_SERVER_BUDGET_MS });
    expect(left).toBeGreaterThanOrEqual(DEFAULT_RETRY_BUDGET_MS);
    expect(left).toBeLessThanOrEqual(RELAY_SERVER_BUDGET_MS);
  });

  it('with its default timeout, still takes an answer the server gives at the very end of its budget', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const slowServer: typeof fetch = (_url, init) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(Response.json(result, { status: 201 })), RELAY_SERVER_BUDGET_MS + 1_000);
      init?.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); });
    });
    const pending = deliver({ fetch: slowServer });
    const settled = pending.then(() => 'delivered', (e: EscalationError) => e.code);
    await jest.advanceTimersByTimeAsync(RELAY_SERVER_BUDGET_MS + 1_000);
    expect(await settled).toBe('delivered');
  });

  it('gives up at its own timeout, not before', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const neverAnswers: typeof fetch = (_url, init) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
    let outcome = 'pending';
    deliver({ fetch: neverAnswers }).catch((e: EscalationError) => { outcome = e.code; });
    await jest.advanceTimersByTimeAsync(DEFAULT_RELAY_TIMEOUT_MS - 100);
    expect(outcome).toBe('pending');
    await jest.advanceTimersByTimeAsync(200);
    expect(outcome).toBe('TIMEOUT');
  });
});

describe('relay: configuration', () => {
  it.each([
    ['no options', undefined],
    ['no endpoint', {}],
    ['an ftp endpoint', { endpoint: 'ftp://x/api' }],
    ['an empty optionId', { endpoint: ENDPOINT, optionId: ' ' }],
    ['a zero timeout', { endpoint: ENDPOINT, timeoutMs: 0 }],
    ['a tiny body budget', { endpoint: ENDPOINT, maxBodyBytes: 100 }],
    ['an unknown limit', { endpoint: ENDPOINT, limits: { maxMesages: 1 } }],
    ['headers that are a string', { endpoint: ENDPOINT, headers: 'x' }],
  ])('refuses %s with CONFIGURATION', (_name, options) => {
    expect(() => relay(options as RelayOptions)).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
