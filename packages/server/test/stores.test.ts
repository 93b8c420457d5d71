import { createRegistry, type EscalationAdapter, type EscalationContext, type EscalationError } from '@pillar/escalation-core';
import {
  createEscalationHandler,
  memoryIdempotencyStore,
  memoryRateLimitStore,
  type EscalationIdempotencyStore,
  type RelayAnswer,
} from '@pillar/escalation-server';

const answer = (n: number): RelayAnswer => ({ status: 201, body: `{"n":${n}}` });

describe('memoryIdempotencyStore', () => {
  it('keeps an answer for its TTL', () => {
    let now = 1_000;
    const store = memoryIdempotencyStore({ now: () => now });
    store.set('k', answer(1), 500);
    expect(store.get('k')).toEqual(answer(1));
    now = 1_499;
    expect(store.get('k')).toEqual(answer(1));
    now = 1_500;
    expect(store.get('k')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    let now = 0;
    const store = memoryIdempotencyStore({ maxEntries: 3, now: () => now });
    store.set('short', answer(0), 10);
    store.set('a', answer(1), 1_000);
    store.set('b', answer(2), 1_000);
    now = 20;
    store.set('c', answer(3), 1_000);
    expect([store.get('short'), store.get('a'), store.get('b'), store.get('c')].map((a) => a?.body)).toEqual([undefined, '{"n":1}', '{"n":2}', '{"n":3}']);
    store.set('d', answer(4), 1_000);
    expect([store.get('a'), store.get('b'), store.get('c'), store.get('d')].map((a) => a?.body)).toEqual([undefined, '{"n":2}', '{"n":3}', '{"n":4}']);
  });

  it('claims a key once, until it is released or expires; an answer is never released', () => {
    let now = 0;
    const store = memoryIdempotencyStore({ now: () => now });
    expect(store.claim('k', 100)).toBe(true);
    expect(store.claim('k', 100)).toBe(false);
    expect(store.get('k')).toBeUndefined();
    store.release('k');
    expect(store.claim('k', 100)).toBe(true);
    now = 100;
    expect(store.claim('k', 100)).toBe(true);
    store.set('k', answer(1), 1_000);
    store.release('k');
    expect(store.get('k')).toEqual(answer(1));
    expect(store.claim('k', 100)).toBe(false);
  });
});

describe('memoryRateLimitStore', () => {
  it('counts within a fixed window and starts again after it', () => {
    let now = 0;
    const store = memoryRateLimitStore({ now: () => now });
    expect(store.hit('u', 1_000)).toEqual({ count: 1, resetAt: 1_000 });
    expect(store.hit('u', 1_000)).toEqual({ count: 2, resetAt: 1_000 });
    expect(store.hit('v', 1_000)).toEqual({ count: 1, resetAt: 1_000 });
    now = 1_000;
    expect(store.hit('u', 1_000)).toEqual({ count: 1, resetAt: 2_000 });
  });

  it('keeps at most maxKeys windows', () => {
    const now = 0;
    const store = memoryRateLimitStore({ maxKeys: 2, now: () => now });
    store.hit('a', 1_000);
    store.hit('a', 1_000);
    store.hit('b', 1_000);
    store.hit('c', 1_000); // evicts a, the oldest
    expect(store.hit('a', 1_000).count).toBe(1);
  });
});

describe('several instances sharing one store', () => {
  const context: EscalationContext = { conversationId: 'conv_multi', messages: [{ role: 'user', content: 'Help me' }], user: { email: 'a@example.com' } };
  const request = () =>
    new Request('https://app.example.com/api/escalation/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ optionId: 'form', context, idempotencyKey: 'shared' }),
    });

  function instance(store: EscalationIdempotencyStore, adapter: EscalationAdapter, extra: { waitMs?: number; errors?: EscalationError[] } = {}) {
    return createEscalationHandler({
      registry: createRegistry([{ id: 'form', label: 'Form', adapter }]),
      idempotency: { store, ...(extra.waitMs ? { waitMs: extra.waitMs } : {}) },
      onError: (error) => extra.errors?.push(error),
    });
  }

  function slowAdapter(deliveries: string[], release: Promise<void>): EscalationAdapter {
    return {
      kind: 'slow',
      runtime: 'server',
      toPayload: () => ({}),
      async deliver(_payload, { idempotencyKey }) {
        deliveries.push(idempotencyKey);
        await release;
        return { status: 'created', reference: { id: 't1' } };
      },
    };
  }

  it('delivers once when two instances get the same request at once (the claim)', async () => {
    const store = memoryIdempotencyStore();
    const deliveries: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = instance(store, slowAdapter(deliveries, held));
    const b = instance(store, slowAdapter(deliveries, held));
    const first = a(request());
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = b(request());
    await new Promise((resolve) => setTimeout(resolve, 60));
    release();
    const [r1, r2] = await Promise.all([first, second]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(await r2.text()).toBe(await r1.text());
    expect(deliveries).toHaveLength(1);
  });

  it('answers 503 (retryable) when the instance holding the claim does not finish in time', async () => {
    const store = memoryIdempotencyStore();
    const deliveries: string[] = [];
    const never = new Promise<void>(() => undefined);
    const a = instance(store, slowAdapter(deliveries, never));
    const b = instance(store, slowAdapter(deliveries, never), { waitMs: 100 });
    void a(request());
    await new Promise((resolve) => setTimeout(resolve, 10));
    const response = await b(request());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await response.json()).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(deliveries).toHaveLength(1);
  });

  it('answers 503 without delivering when the store is down, and reports it', async () => {
    const errors: EscalationError[] = [];
    const deliveries: string[] = [];
    const broken: EscalationIdempotencyStore = {
      get: () => Promise.reject(new Error('ECONNREFUSED redis:6379')),
      set: () => undefined,
    };
    const handle = instance(broken, slowAdapter(deliveries, Promise.resolve()), { errors });
    const response = await handle(request());
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('redis');
    expect(deliveries).toHaveLength(0);
    expect(errors.map((e) => e.code)).toEqual(['CONFIGURATION']);
  });

  it('still answers 201 when keeping the answer fails after the delivery, and reports it', async () => {
    const errors: EscalationError[] = [];
    const flaky: EscalationIdempotencyStore = { get: () => undefined, set: () => Promise.reject(new Error('READONLY')) };
    const handle = instance(flaky, slowAdapter([], Promise.resolve()), { errors });
    expect((await handle(request())).status).toBe(201);
    expect(errors).toHaveLength(1);
  });
});
