import { delay, http, HttpResponse } from 'msw';
import { renderTranscript, titleFromContext, type EscalationContext, type EscalationError } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { zendeskRequest, type ZendeskRequestOptions } from '@pillar/escalation-zendesk';

const REQUESTS = 'https://acme.zendesk.com/api/v2/requests';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 0 };
const context = (): EscalationContext => contextFixture('multi-turn');

function adapter(extra: Partial<ZendeskRequestOptions> = {}) {
  return zendeskRequest({ subdomain: 'acme', retry: fast, ...extra });
}

async function deliver(options: Partial<ZendeskRequestOptions> = {}, signal?: AbortSignal) {
  const a = adapter(options);
  const ctx = context();
  return a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: 'pe-0123456789abcdef', signal });
}

describe('zendeskRequest: payload', () => {
  it('builds an anonymous request with the plain-text transcript as the comment', () => {
    const ctx = context();
    expect(adapter().toPayload(ctx)).toEqual({
      request: {
        subject: titleFromContext(ctx, { maxLength: 150 }),
        comment: { body: renderTranscript(ctx, { format: 'text', maxLength: 60_000 }) },
        requester: { name: 'Ada Lovelace', email: 'ada@example.com' },
      },
    });
  });

  it('names the requester after the address when the user has no name', () => {
    const payload = adapter().toPayload({ ...context(), user: { email: 'grace@example.com' } });
    expect(payload.request.requester).toEqual({ name: 'grace', email: 'grace@example.com' });
  });

  it('needs the user email: INVALID_CONTEXT naming user.email', () => {
    expect(() => adapter().toPayload(contextFixture('card-numbers'))).toThrow(
      expect.objectContaining({ name: 'EscalationError', code: 'INVALID_CONTEXT', message: expect.stringMatching(/user\.email/) }),
    );
  });

  it('keeps the comment within its bound', () => {
    const payload = adapter({ commentMaxLength: 5_000 }).toPayload({ ...contextFixture('one-megabyte-message'), user: { email: 'a@example.com' } });
    expect(payload.request.comment.body.length).toBeLessThanOrEqual(5_000);
  });

  it.each([
    ['a bad subdomain', { subdomain: 'acme/evil' }],
    ['an http baseUrl off localhost', { baseUrl: 'http://example.com' }],
    ['a fetch that is not a function', { fetch: 'fetch' as unknown as typeof fetch }],
    ['a negative timeout', { timeoutMs: -1 }],
  ])('refuses %s with CONFIGURATION', (_name, extra) => {
    expect(() => zendeskRequest({ subdomain: 'acme', ...(extra as Partial<ZendeskRequestOptions>) })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});

describe('zendeskRequest: delivery through fetch', () => {
  it('POSTs the exact body, anonymously, and returns the request id', async () => {
    server.use(http.post(REQUESTS, () => HttpResponse.json({ request: { id: 321, status: 'new' } }, { status: 201 })));
    const a = adapter();
    const ctx = context();
    const payload = a.toPayload(ctx);
    expect(await a.deliver(payload, { context: ctx, idempotencyKey: 'pe-1' })).toEqual({ status: 'created', reference: { id: '321' } });
    const [sent, ...more] = await requests.all();
    expect(more).toEqual([]);
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe(REQUESTS);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers.accept).toBe('application/json');
    // No secret, no cookie, and no custom header that a CORS preflight might refuse.
    expect(sent?.headers).not.toHaveProperty('authorization');
    expect(sent?.headers).not.toHaveProperty('cookie');
    expect(sent?.headers).not.toHaveProperty('idempotency-key');
    expect(sent?.body).toEqual(payload);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const own: typeof fetch = async (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    server.use(http.post('http://127.0.0.1:9/api/v2/requests', () => HttpResponse.json({ request: { id: 1 } }, { status: 201 })));
    await deliver({ fetch: own, baseUrl: 'http://127.0.0.1:9' });
    expect(seen).toEqual(['http://127.0.0.1:9/api/v2/requests']);
  });

  it('maps 403 to CONFIGURATION explaining that the account must accept anonymous requests', async () => {
    server.use(http.post(REQUESTS, () => HttpResponse.json({ error: 'Forbidden' }, { status: 403 })));
    const error = (await deliver().catch((e: unknown) => e)) as EscalationError;
    expect(error).toMatchObject({ name: 'EscalationError', code: 'CONFIGURATION', status: 403, retryable: false });
    expect(error.message).toMatch(/anybody submit tickets/);
    expect(error.message).toMatch(/subdomain "acme"/);
    expect(await requests.all()).toHaveLength(1);
  });

  it('maps 422 errors[] and 400 RecordInvalid to PROVIDER_REJECTED with field errors', async () => {
    server.use(http.post(REQUESTS, () => HttpResponse.json({ errors: [{ code: 'BlankValue', title: 'Blank', detail: 'Subject: cannot be blank' }] }, { status: 422 })));
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_REJECTED', status: 422, details: { fieldErrors: [{ code: 'BlankValue', message: 'Subject: cannot be blank' }] } });
    server.use(http.post(REQUESTS, () => HttpResponse.json({ error: 'RecordInvalid', description: 'Record validation errors', details: { requester: [{ description: 'Requester: Email is invalid', error: 'InvalidValue' }] } }, { status: 400 })));
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_REJECTED', status: 400, details: { error: 'RecordInvalid', fieldErrors: [{ field: 'requester', code: 'InvalidValue' }] } });
  });

  it('waits for Retry-After after a 429 and then succeeds', async () => {
    let calls = 0;
    server.use(http.post(REQUESTS, () => (++calls === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }) : HttpResponse.json({ request: { id: 2 } }, { status: 201 }))));
    const delays: number[] = [];
    const delivery = await deliver({ retry: { ...fast, onRetry: (_e, _a, ms) => delays.push(ms) } });
    expect(delays).toEqual([1_000]);
    expect(delivery.reference?.id).toBe('2');
    const sent = await requests.all();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it('retries a 503 up to the bound, then fails PROVIDER_UNAVAILABLE', async () => {
    server.use(http.post(REQUESTS, () => new HttpResponse(null, { status: 503 })));
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503 });
    expect(await requests.all()).toHaveLength(3);
  });

  it('does not repeat a 500: without an idempotency key the request may have been created', async () => {
    server.use(http.post(REQUESTS, () => new HttpResponse(null, { status: 500 })));
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { ambiguous: true } });
    expect(await requests.all()).toHaveLength(1);
  });

  it('times out with TIMEOUT, marked ambiguous and not repeated', async () => {
    server.use(http.post(REQUESTS, async () => {
      await delay(1_000);
      return HttpResponse.json({ request: { id: 1 } }, { status: 201 });
    }));
    const started = Date.now();
    await expect(deliver({ timeoutMs: 50 })).rejects.toMatchObject({ code: 'TIMEOUT', retryable: false, details: { ambiguous: true } });
    expect(Date.now() - started).toBeLessThan(900);
    expect(await requests.all()).toHaveLength(1);
  });

  it('marks a network failure ambiguous and does not repeat it', async () => {
    server.use(http.post(REQUESTS, () => HttpResponse.error()));
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { ambiguous: true } });
    expect(await requests.all()).toHaveLength(1);
  });

  it('aborts mid-request with ABORTED', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    server.use(http.post(REQUESTS, async () => {
      arrived();
      await delay(1_000);
      return HttpResponse.json({ request: { id: 1 } }, { status: 201 });
    }));
    const controller = new AbortController();
    const pending = deliver({}, controller.signal);
    await reached;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'EscalationError', code: 'ABORTED' });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(deliver({}, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await requests.all()).toHaveLength(0);
  });
});
