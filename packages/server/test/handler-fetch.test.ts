import { createRegistry, EscalationError, plans, type DeliverOptions, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import { createEscalationHandler, memoryAttemptJournal, memoryIdempotencyStore, statusForError, type EscalationHandlerOptions } from '@pillar/escalation-server';

// The fetch-standard path, as an edge runtime or a Next.js route handler calls it: no node:http.

interface Sent {
  context: EscalationContext;
  options: DeliverOptions;
}

/** A server adapter that records what it delivers (the edge path needs no provider). */
function recordingAdapter(sent: Sent[], behaviour?: (n: number) => Promise<void> | void): EscalationAdapter<{ text: string }> {
  return {
    kind: 'recording',
    runtime: 'server',
    toPayload: (context) => ({ text: context.messages.map((m) => m.content).join('\n') }),
    async deliver(_payload, options) {
      sent.push({ context: options.context, options });
      await behaviour?.(sent.length);
      return { status: 'created', reference: { id: `r${sent.length}`, url: `https://support.example.com/r${sent.length}` } };
    },
  };
}

const context = (conversationId = 'conv_edge'): EscalationContext => ({
  conversationId,
  messages: [{ role: 'user', content: 'Please call me back.' }],
  user: { email: 'sam@example.com', plan: 'enterprise', role: 'admin' },
});

function handler(sent: Sent[], options: Partial<EscalationHandlerOptions> = {}) {
  const registry = createRegistry([
    { id: 'callback', label: 'Call me back', adapter: recordingAdapter(sent), when: plans(['pro']) },
    { id: 'form', label: 'Contact form', adapter: recordingAdapter(sent) },
  ]);
  return createEscalationHandler({
    registry,
    identify: (request) => (request.headers.get('cookie') === 'session=pro' ? { id: 'u_7', plan: 'pro' } : null),
    onError: () => undefined,
    ...options,
  });
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('createEscalationHandler called with a Request (edge runtimes, route handlers)', () => {
  it('lists options and escalates with the server\'s view of the user', async () => {
    const sent: Sent[] = [];
    const handle = handler(sent);
    const list = await handle(new Request('https://app.example.com/api/escalation/options', { headers: { cookie: 'session=pro' } }));
    expect(await list.json()).toEqual({ options: [{ id: 'callback', label: 'Call me back', order: 0 }, { id: 'form', label: 'Contact form', order: 1 }] });

    const response = await handle(new Request('https://app.example.com/api/escalation/escalations', json({ optionId: 'callback', context: context() }, { cookie: 'session=pro' })));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ optionId: 'callback', status: 'created', reference: { id: 'r1' } });
    // plan and role are the server's; the id is the session's; the email the browser typed stays.
    expect(sent[0]!.context.user).toEqual({ id: 'u_7', email: 'sam@example.com', plan: 'pro' });
  });

  it('stops reading an endless body at the limit and answers 413', async () => {
    let pulls = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const handle = handler([], { limits: { maxBodyBytes: 10_000 } });
    const response = await handle(
      new Request('https://app.example.com/api/escalation/escalations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: endless, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThanOrEqual(12);
  });

  it('does not trust a Content-Length that understates the body', async () => {
    const handle = handler([], { limits: { maxBodyBytes: 1_000 } });
    const big = JSON.stringify({ optionId: 'form', context: { ...context(), metadata: { note: 'z'.repeat(5_000) } } });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await handle(
      new Request('https://app.example.com/api/escalation/escalations', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '10' }, body, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(413);
  });

  it('serves another basePath, tolerates a trailing slash and a query, and answers 404 elsewhere', async () => {
    const handle = handler([], { basePath: '/support/relay/' });
    expect((await handle(new Request('https://x.example/support/relay/options/?v=2'))).status).toBe(200);
    expect((await handle(new Request('https://x.example/api/escalation/options'))).status).toBe(404);
    expect((await handle(new Request('https://x.example/support/relay/optionsx'))).status).toBe(404);
  });

  it('rate-limits anonymous requests per clientAddress', async () => {
    const sent: Sent[] = [];
    const handle = handler(sent, { rateLimit: { limit: 1 }, clientAddress: (request) => request.headers.get('x-real-ip') ?? undefined });
    const send = (ip: string, id: string) =>
      handle(new Request('https://app.example.com/api/escalation/escalations', json({ optionId: 'form', context: context(id) }, { 'x-real-ip': ip })));
    expect((await send('198.51.100.1', 'a')).status).toBe(201);
    expect((await send('198.51.100.1', 'b')).status).toBe(429);
    expect((await send('198.51.100.2', 'c')).status).toBe(201);
  });

  it('puts every anonymous request in one bucket when it cannot tell clients apart', async () => {
    const handle = handler([], { rateLimit: { limit: 1 } });
    const send = (id: string) => handle(new Request('https://app.example.com/api/escalation/escalations', json({ optionId: 'form', context: context(id) })));
    expect((await send('a')).status).toBe(201);
    expect((await send('b')).status).toBe(429);
  });

  it('answers 500 (never throws) when the registry itself fails', async () => {
    const errors: EscalationError[] = [];
    const registry = createRegistry([{ id: 'form', label: 'Form', adapter: recordingAdapter([]) }]);
    registry.sidebarTabs = () => Promise.reject(new Error('boom at /srv/app/secret.ts:12'));
    const handle = createEscalationHandler({ registry, onError: (error) => errors.push(error) });
    const response = await handle(new Request('https://app.example.com/api/escalation/options'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret.ts');
    expect(JSON.parse(text)).toEqual({ error: { code: 'CONFIGURATION', message: expect.any(String), retryable: false } });
    expect(errors).toHaveLength(1);
  });

  it('answers a request whose client already left with 503 ABORTED, without delivering', async () => {
    const sent: Sent[] = [];
    const handle = handler(sent);
    const gone = new AbortController();
    gone.abort();
    const response = await handle(new Request('https://app.example.com/api/escalation/escalations', { ...json({ optionId: 'form', context: context() }), signal: gone.signal }));
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(0);
  });

  it('answers 500 and hides what a crashing adapter says; an INVALID_CONTEXT it raises on purpose is a 400 with its message', async () => {
    const crashing: EscalationAdapter = { kind: 'crash', runtime: 'server', toPayload: () => { throw new TypeError('Cannot read x of undefined at /srv/adapter.ts'); }, deliver: async () => ({ status: 'created' }) };
    const strict: EscalationAdapter = { kind: 'strict', runtime: 'server', toPayload: () => { throw new EscalationError('INVALID_CONTEXT', 'user.email is required for a ticket', { details: { path: 'user.email' } }); }, deliver: async () => ({ status: 'created' }) };
    const handle = createEscalationHandler({ registry: createRegistry([{ id: 'crash', label: 'Crash', adapter: crashing }, { id: 'strict', label: 'Strict', adapter: strict }]), onError: () => undefined });
    const send = (optionId: string) => handle(new Request('https://app.example.com/api/escalation/escalations', json({ optionId, context: context() })));
    const crashed = await send('crash');
    expect(crashed.status).toBe(500);
    expect(await crashed.text()).not.toContain('/srv/adapter.ts');
    const refused = await send('strict');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { code: 'INVALID_CONTEXT', message: 'user.email is required for a ticket', retryable: false, details: { path: 'user.email' } } });
  });
});

describe('configuration', () => {
  const registry = createRegistry([{ id: 'form', label: 'Form', adapter: recordingAdapter([]) }]);
  it.each([
    ['no registry', {}],
    ['an identify that is not a function', { registry, identify: 'yes' }],
    ['an unknown context limit', { registry, limits: { maxMesages: 3 } }],
    ['a body limit of 0', { registry, limits: { maxBodyBytes: 0 } }],
    ['a rate limit of -1', { registry, rateLimit: { limit: -1 } }],
    ['an origin with a path', { registry, allowedOrigins: ['https://app.example.com/page'] }],
    ['a wildcard origin', { registry, allowedOrigins: ['*'] }],
    ['a basePath without a slash', { registry, basePath: 'api' }],
    ['a store without set', { registry, idempotency: { store: { get: () => undefined } } }],
  ])('refuses %s with CONFIGURATION', (_name, options) => {
    expect(() => createEscalationHandler(options as EscalationHandlerOptions)).toThrow(expect.objectContaining({ name: 'EscalationError', code: 'CONFIGURATION' }));
  });
});

describe('statusForError', () => {
  it.each([
    ['INVALID_CONTEXT', {}, 400],
    ['INVALID_CONTEXT', { details: { reason: 'limit' } }, 413],
    ['INVALID_CONTEXT', { cause: new TypeError('adapter bug') }, 500],
    ['NOT_ALLOWED', {}, 403],
    ['UNKNOWN_OPTION', {}, 404],
    ['CONFIGURATION', {}, 500],
    ['PROVIDER_REJECTED', {}, 502],
    ['PROVIDER_UNAVAILABLE', {}, 503],
    ['PROVIDER_UNAVAILABLE', { details: { ambiguous: true } }, 502],
    ['RATE_LIMITED', {}, 503],
    ['TIMEOUT', {}, 504],
    ['ABORTED', {}, 503],
  ] as const)('maps %s %j to %i', (code, options, status) => {
    expect(statusForError(new EscalationError(code, 'x', options))).toBe(status);
  });
});

describe('a foreign origin', () => {
  it('answers 403 naming the origin it saw and allowedOrigins (a dev proxy with changeOrigin)', async () => {
    const sent: Sent[] = [];
    const response = await handler(sent)(
      new Request('http://localhost:3000/api/escalation/escalations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        body: JSON.stringify({ optionId: 'form', context: context() }),
      }),
    );
    expect(response.status).toBe(403);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'NOT_ALLOWED', retryable: false, details: { reason: 'origin', origin: 'http://localhost:5173' } });
    expect(error.message).toContain('http://localhost:5173');
    expect(error.message).toContain('allowedOrigins');
    expect(sent).toHaveLength(0);
  });
});

describe('an ambiguous failure with the attempt journal', () => {
  const ambiguous = () => new EscalationError('PROVIDER_UNAVAILABLE', 'The answer was lost', { retryable: false, details: { ambiguous: true } });
  const post = (handle: (request: Request) => Promise<Response>) =>
    handle(new Request('https://app.example.com/api/escalation/escalations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ optionId: 'form', context: context(), idempotencyKey: 'k-ambiguous' }) }));

  it('answers it retryable and drops the claim when the journal holds the attempt; the retry reconciles instead of sending again', async () => {
    const journal = memoryAttemptJournal();
    let calls = 0;
    const adapter: EscalationAdapter = {
      kind: 'journaled',
      runtime: 'server',
      toPayload: () => ({}),
      // What a journaling registry does before the provider call.
      async deliver(_payload, { idempotencyKey }) {
        calls += 1;
        await journal.append(idempotencyKey, { optionId: 'form', kind: 'journaled', at: Date.now() });
        throw ambiguous();
      },
    };
    const handle = createEscalationHandler({ registry: createRegistry([{ id: 'form', label: 'Form', adapter }]), idempotency: { store: memoryIdempotencyStore(), journal }, onError: () => undefined });
    const first = await post(handle);
    expect(first.status).toBe(502);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await first.json()).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { ambiguous: true } });
    // Released: the retry reaches the registry, which reads the journal and, with no find to ask,
    // leaves the escalation "may exist" rather than sending it again.
    const again = await post(handle);
    expect(again.status).toBe(502);
    expect((await again.json()).error).toMatchObject({ retryable: true, details: { ambiguous: true } });
    expect(calls).toBe(1);
  });

  it('replays it (never re-sends) when the journal shows nothing (a journal that lost the attempt)', async () => {
    let calls = 0;
    const adapter: EscalationAdapter = {
      kind: 'silent',
      runtime: 'server',
      toPayload: () => ({}),
      async deliver() {
        calls += 1;
        throw ambiguous();
      },
    };
    const forgetful = { read: async () => [], append: async () => undefined };
    const handle = createEscalationHandler({ registry: createRegistry([{ id: 'form', label: 'Form', adapter }]), idempotency: { store: memoryIdempotencyStore(), journal: forgetful }, onError: () => undefined });
    const first = await post(handle);
    const again = await post(handle);
    expect([first.status, again.status]).toEqual([502, 502]);
    expect((await again.json()).error).toMatchObject({ retryable: false, details: { ambiguous: true } });
    expect(calls).toBe(1);
  });
});
