import { once } from 'node:events';
import { createServer } from 'node:net';
import axios from 'axios';
import { container } from 'tsyringe';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { deadlineSignal, HTTP_CLIENT, mayExist, type EscalationError } from '@pillar/escalation-core';
import { resolveHttpClient, sendJson } from '@pillar/escalation-core/http';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const url = 'https://api.example.test/things';
const base = { http: axios.create(), provider: 'Example', retry: { baseDelayMs: 1, random: () => 0 } } as const;

describe('sendJson', () => {
  it('sends JSON with the given headers and returns status, data and lower-cased headers', async () => {
    let seen: { headers: Record<string, string>; body: unknown } | undefined;
    server.use(http.post(url, async ({ request }) => {
      seen = { headers: Object.fromEntries(request.headers), body: await request.json() };
      return HttpResponse.json({ id: 7 }, { status: 201, headers: { 'X-Thing': 'yes' } });
    }));
    const res = await sendJson<{ id: number }>({ method: 'POST', url, headers: { 'Idempotency-Key': 'k1' }, data: { a: 1 } }, { ...base, safeToRetry: true });
    expect(res).toMatchObject({ status: 201, data: { id: 7 } });
    expect(res.headers['x-thing']).toBe('yes');
    expect(seen?.headers['idempotency-key']).toBe('k1');
    expect(seen?.headers['content-type']).toContain('application/json');
    expect(seen?.body).toEqual({ a: 1 });
  });

  it.each([
    [401, 'CONFIGURATION', false],
    [403, 'CONFIGURATION', false],
    [400, 'PROVIDER_REJECTED', false],
    [422, 'PROVIDER_REJECTED', false],
    [404, 'PROVIDER_REJECTED', false],
  ])('maps HTTP %i to %s without retrying', async (status, code, retryable) => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return HttpResponse.json({ error: 'x' }, { status }); }));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: true, describeAuthFailure: 'check the token' }))
      .rejects.toMatchObject({ name: 'EscalationError', code, retryable, status });
    expect(calls).toBe(1);
  });

  it('names the likely cause of an auth failure', async () => {
    server.use(http.get(url, () => new HttpResponse(null, { status: 401 })));
    await expect(sendJson({ method: 'GET', url }, { ...base, safeToRetry: true, describeAuthFailure: 'check the email/token pair' }))
      .rejects.toThrow('check the email/token pair');
  });

  it('puts the provider field errors in details', async () => {
    server.use(http.post(url, () => HttpResponse.json({ errors: [{ field: 'email', message: 'invalid' }] }, { status: 400 })));
    await expect(sendJson({ method: 'POST', url, data: {} }, {
      ...base, safeToRetry: true,
      errorDetails: (body) => ({ fieldErrors: (body as { errors: unknown[] }).errors }),
    })).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'email', message: 'invalid' }] } });
  });

  it('retries a 429 after Retry-After and then succeeds', async () => {
    let calls = 0;
    server.use(http.post(url, () => (++calls === 1
      ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0.02' } })
      : HttpResponse.json({ ok: true }))));
    const delays: number[] = [];
    const res = await sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: false, retry: { baseDelayMs: 1, random: () => 0, onRetry: (_e, _a, d) => delays.push(d) } });
    expect(res.data).toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(delays).toEqual([20]);
  });

  it('reads X-RateLimit-Reset (Unix seconds) when there is no Retry-After', async () => {
    server.use(http.get(url, () => new HttpResponse(null, { status: 429, headers: { 'X-RateLimit-Reset': '1000' } })));
    await expect(sendJson({ method: 'GET', url }, { ...base, safeToRetry: true, retry: false, now: () => 998_500 }))
      .rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1_500 });
  });

  it('retries 5xx up to the bound when the request is safe to repeat', async () => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return new HttpResponse(null, { status: 500 }); }));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: true, retry: { attempts: 3, baseDelayMs: 1 } }))
      .rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 500, retryable: true });
    expect(calls).toBe(3);
  });

  it('does not repeat a create that may have gone through (500 on an unsafe request is ambiguous)', async () => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return new HttpResponse(null, { status: 500 }); }));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: false }))
      .rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { ambiguous: true } });
    expect(calls).toBe(1);
  });

  it('keeps "may exist" apart from "safe to retry": a keyed request that timed out is retried, and stays ambiguous when a later try only gets a 503', async () => {
    let calls = 0;
    server.use(http.post(url, async () => {
      calls++;
      if (calls === 1) { await delay(2_000); return HttpResponse.json({}, { status: 201 }); }
      return new HttpResponse(null, { status: 503 });
    }));
    // Tries 2 and 3 must get their 503 within the timeout too: 30 ms was too short on a loaded machine.
    const error = await sendJson({ method: 'POST', url, headers: { 'Idempotency-Key': 'k' }, data: {} }, {
      ...base, timeoutMs: 300, safeToRetry: true, retry: { attempts: 3, baseDelayMs: 1 },
    }).catch((e: unknown) => e) as EscalationError;
    expect(calls).toBe(3);
    // The last answer alone (503) proves nothing for try 1, which may have created the ticket.
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 503, retryable: true, details: { ambiguous: true, ambiguousTries: [1] } });
    expect((error.details!.tries as Array<{ attempt: number; mayHaveLanded: boolean; error?: { code: string } }>).map((t) => [t.attempt, t.error?.code, t.mayHaveLanded]))
      .toEqual([[1, 'TIMEOUT', true], [2, 'PROVIDER_UNAVAILABLE', false], [3, 'PROVIDER_UNAVAILABLE', false]]);
    expect(mayExist(error)).toBe(true);
  });

  it('a 500 is "may exist" even on a keyed request, and retryable there', async () => {
    server.use(http.post(url, () => new HttpResponse(null, { status: 500 })));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: true, retry: false }))
      .rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { ambiguous: true } });
  });

  it('a read that fails never makes anything "may exist"', async () => {
    server.use(http.get(url, () => new HttpResponse(null, { status: 500 })));
    const error = await sendJson({ method: 'GET', url }, { ...base, safeToRetry: true, retry: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(mayExist(error)).toBe(false);
  });

  it("counts each try's time against the retry budget and clips the last try's timeout to what is left", async () => {
    let calls = 0;
    server.use(http.post(url, async () => { calls++; await delay(1_000); return HttpResponse.json({}); }));
    const started = Date.now();
    const error = await sendJson({ method: 'POST', url, data: {} }, {
      ...base, timeoutMs: 150, safeToRetry: true, retry: { attempts: 10, baseDelayMs: 1, maxTotalMs: 400 },
    }).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { ambiguous: true } });
    // Ten tries of 150 ms would take 1.5 s: the tries stop at the budget, the last one cut to what is left.
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(3);
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(800);
  });

  it("clips every try to a deadline on the signal, and reports a budget that ran out mid-request as TIMEOUT, ambiguous", async () => {
    server.use(http.post(url, async () => { await delay(1_000); return HttpResponse.json({}); }));
    const budget = deadlineSignal(60);
    const started = Date.now();
    const error = await sendJson({ method: 'POST', url, data: {} }, { ...base, timeoutMs: 5_000, safeToRetry: true, signal: budget.signal }).catch((e: unknown) => e);
    budget.dispose();
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { ambiguous: true } });
  });

  it("a timeout clipped to the deadline is the budget running out, even when it fires before the budget's own timer", async () => {
    let calls = 0;
    server.use(http.post(url, async () => { calls++; await delay(1_000); return HttpResponse.json({}); }));
    // Disposing stops the budget's timer but the signal still carries its deadline: only the clipped request timeout fires.
    const budget = deadlineSignal(60);
    budget.dispose();
    const error = await sendJson({ method: 'POST', url, data: {} }, { ...base, timeoutMs: 5_000, safeToRetry: true, signal: budget.signal }).catch((e: unknown) => e);
    expect(budget.signal.aborted).toBe(false);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, details: { ambiguous: true, budget: true } });
    expect(calls).toBe(1);
  });

  it('retries a 503 even when unsafe: the provider says it did not take the request', async () => {
    let calls = 0;
    server.use(http.post(url, () => (++calls < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ id: 1 }, { status: 201 }))));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: false })).resolves.toMatchObject({ status: 201 });
    expect(calls).toBe(3);
  });

  it('times out as TIMEOUT, ambiguous when unsafe', async () => {
    server.use(http.post(url, async () => { await delay(500); return HttpResponse.json({}); }));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, timeoutMs: 30, safeToRetry: false }))
      .rejects.toMatchObject({ code: 'TIMEOUT', retryable: false, details: { ambiguous: true } });
  });

  it('treats a reset connection on an unsafe request as ambiguous and sends it once', async () => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return HttpResponse.error(); }));
    await expect(sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: false }))
      .rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { ambiguous: true } });
    expect(calls).toBe(1);
  });

  it('retries a refused connection: the request provably never left', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    probe.close();
    await once(probe, 'close');
    server.use(http.all(`http://127.0.0.1:${port}/*`, () => HttpResponse.error()));
    const attempts: number[] = [];
    // Bypass msw for this one: a real closed port gives a real ECONNREFUSED.
    server.close();
    try {
      await expect(sendJson({ method: 'POST', url: `http://127.0.0.1:${port}/x`, data: {} }, {
        ...base, safeToRetry: false, retry: { attempts: 2, baseDelayMs: 1, onRetry: (_e, a) => attempts.push(a) },
      })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { code: 'ECONNREFUSED' } });
      expect(attempts).toEqual([1]);
    } finally {
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it.each([
    [true, { ambiguous: true }],
    [false, { ambiguous: true }],
  ])('aborts mid-request as ABORTED, "may exist" whether or not it is safe to retry (%s)', async (safeToRetry, details) => {
    server.use(http.post(url, async () => { await delay(1_000); return HttpResponse.json({}); }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED', retryable: false });
    expect((error as { details?: unknown }).details).toEqual(details);
  });

  it('sends nothing when already aborted: ABORTED, never ambiguous', async () => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return HttpResponse.json({}); }));
    const controller = new AbortController();
    controller.abort();
    const error = await sendJson({ method: 'POST', url, data: {} }, { ...base, safeToRetry: false, retry: false, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED', message: expect.not.stringContaining('may have been received') });
    expect((error as { details?: unknown }).details).toBeUndefined();
    expect(calls).toBe(0);
  });
});

describe('resolveHttpClient', () => {
  it('prefers the explicit instance, then the container HTTP_CLIENT, then a shared default', () => {
    const explicit = axios.create();
    const injected = axios.create();
    const child = container.createChildContainer();
    child.register(HTTP_CLIENT, { useValue: injected });
    expect(resolveHttpClient({ http: explicit, container: child })).toBe(explicit);
    expect(resolveHttpClient({ container: child })).toBe(injected);
    expect(resolveHttpClient()).toBe(resolveHttpClient({ container: container.createChildContainer() }));
  });
});
