import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { deadlineSignal, postJson } from '@pillar/escalation-core';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const url = 'https://api.example.test/things';
const base = { provider: 'Example', timeoutMs: 5_000 } as const;

describe('postJson', () => {
  it('posts JSON without cookies by default and answers any status with the parsed body', async () => {
    let seen: { credentials: string; type: string | null; body: unknown } | undefined;
    server.use(http.post(url, async ({ request }) => {
      seen = { credentials: request.credentials, type: request.headers.get('content-type'), body: await request.json() };
      return HttpResponse.json({ error: 'nope' }, { status: 422, headers: { 'Retry-After': '3' } });
    }));
    const answer = await postJson(url, { a: 1 }, { ...base, safeToRetry: false, headers: { 'X-Trace': 't' } });
    expect(answer).toMatchObject({ status: 422, body: { error: 'nope' } });
    expect(answer.header('retry-after')).toBe('3');
    expect(seen).toEqual({ credentials: 'omit', type: 'application/json', body: { a: 1 } });
  });

  it.each([
    [true, { retryable: false }, { ambiguous: true }],
    [false, { retryable: false }, { ambiguous: true }],
  ])('an abort while the request is out is ABORTED and "may exist" whether or not it is safe to retry (%s)', async (safeToRetry, shape, details) => {
    server.use(http.post(url, async () => { await delay(1_000); return HttpResponse.json({}); }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await postJson(url, {}, { ...base, safeToRetry, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ABORTED', ...shape });
    expect((error as { details?: unknown }).details).toEqual(details);
  });

  it('sends nothing when already aborted', async () => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return HttpResponse.json({}); }));
    const controller = new AbortController();
    controller.abort();
    await expect(postJson(url, {}, { ...base, safeToRetry: false, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED', details: undefined });
    expect(calls).toBe(0);
  });

  it.each([true, false])('a timeout is TIMEOUT and ambiguous, retryable only when safe to retry (%s)', async (safeToRetry) => {
    server.use(http.post(url, async () => { await delay(1_000); return HttpResponse.json({}); }));
    await expect(postJson(url, {}, { ...base, timeoutMs: 30, safeToRetry })).rejects.toMatchObject({ code: 'TIMEOUT', retryable: safeToRetry, details: { ambiguous: true } });
  });

  it("clips its timeout to the signal's deadline, and a budget that runs out while the request is out is TIMEOUT, ambiguous, not retryable", async () => {
    server.use(http.post(url, async () => { await delay(1_000); return HttpResponse.json({}); }));
    const budget = deadlineSignal(40);
    const started = Date.now();
    const error = await postJson(url, {}, { ...base, timeoutMs: 5_000, safeToRetry: true, signal: budget.signal }).catch((e: unknown) => e);
    budget.dispose();
    expect(Date.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, details: { ambiguous: true } });
  });

  it("a timeout clipped to the deadline is the budget running out, even when it fires before the budget's own timer", async () => {
    server.use(http.post(url, async () => { await delay(1_000); return HttpResponse.json({}); }));
    // Disposing stops the budget's timer but the signal still carries its deadline: only postJson's clipped timer fires.
    const budget = deadlineSignal(40);
    budget.dispose();
    const error = await postJson(url, {}, { ...base, timeoutMs: 5_000, safeToRetry: true, signal: budget.signal }).catch((e: unknown) => e);
    expect(budget.signal.aborted).toBe(false);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false, details: { ambiguous: true, budget: true } });
  });

  it('sends nothing once the budget has run out: TIMEOUT, never ambiguous', async () => {
    let calls = 0;
    server.use(http.post(url, () => { calls++; return HttpResponse.json({}); }));
    const budget = deadlineSignal(0);
    await new Promise((r) => setTimeout(r, 5));
    const error = await postJson(url, {}, { ...base, safeToRetry: true, signal: budget.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false });
    expect((error as { details?: unknown }).details).toBeUndefined();
    expect(calls).toBe(0);
  });
});
