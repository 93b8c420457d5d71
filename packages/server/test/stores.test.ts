import { createRegistry, type AttemptJournal, type EscalationAdapter, type EscalationContext, type EscalationError } from '@pillar/escalation-core';
import {
  createEscalationHandler,
  memoryAttemptJournal,
  memoryIdempotencyStore,
  memoryRateLimitStore,
  type EscalationIdempotencyStore,
  type RelayAnswer,
} from '@pillar/escalation-server';
import { attemptJournalContract, idempotencyStoreContract, rateLimitStoreContract } from './store-contract';

const answer = (n: number): RelayAnswer => ({ status: 201, body: `{"n":${n}}` });

idempotencyStoreContract(() => memoryIdempotencyStore());
attemptJournalContract(() => memoryAttemptJournal());
rateLimitStoreContract(() => memoryRateLimitStore());

describe('memoryIdempotencyStore', () => {
  it('holds at most maxEntries, dropping the oldest', () => {
    let now = 0;
    const store = memoryIdempotencyStore({ maxEntries: 3, now: () => now });
    const done = (key: string, n: number, ttl = 1_000) => store.complete(key, 'o', { fingerprint: 'f', answer: answer(n) }, ttl);
    const peek = (key: string) => store.claim(key, { fingerprint: 'f', owner: 'peek', leaseMs: 1 })?.answer?.body;
    done('short', 0, 10);
    done('a', 1);
    done('b', 2);
    now = 20;
    done('c', 3);
    expect([peek('a'), peek('b'), peek('c')]).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    done('d', 4);
    expect([peek('b'), peek('c'), peek('d')]).toEqual(['{"n":2}', '{"n":3}', '{"n":4}']);
    now = 21;
    // 'a', the oldest, was dropped when 'd' came.
    expect(peek('a')).toBeUndefined();
  });
});

describe('memoryAttemptJournal', () => {
  it('forgets a key after its TTL and keeps at most maxKeys', async () => {
    let now = 0;
    const journal = memoryAttemptJournal({ maxKeys: 2, ttlMs: 100, now: () => now });
    await journal.append('a', { optionId: 'o', kind: 'k', at: 0 });
    await journal.append('b', { optionId: 'o', kind: 'k', at: 0 });
    await journal.append('c', { optionId: 'o', kind: 'k', at: 0 });
    expect(await journal.read('a')).toEqual([]);
    expect(await journal.read('c')).toHaveLength(1);
    now = 100;
    expect(await journal.read('c')).toEqual([]);
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
  const request = (body: { context?: EscalationContext; idempotencyKey?: string } = {}) =>
    new Request('https://app.example.com/api/escalation/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ optionId: 'form', context: body.context ?? context, idempotencyKey: body.idempotencyKey ?? 'shared' }),
    });
  function instance(store: EscalationIdempotencyStore, adapter: EscalationAdapter, extra: { leaseMs?: number; errors?: EscalationError[]; journal?: AttemptJournal } = {}) {
    return createEscalationHandler({
      registry: createRegistry([{ id: 'form', label: 'Form', adapter }]),
      idempotency: { store, journal: extra.journal ?? memoryAttemptJournal(), ...(extra.leaseMs ? { leaseMs: extra.leaseMs } : {}) },
      rateLimit: false,
      onError: (error) => extra.errors?.push(error),
    });
  }

  /** A provider that stamps the key on what it creates and can look it up (adapter.find). */
  function ticketDesk() {
    const byKey = new Map<string, string>();
    const desk = {
      created: [] as string[],
      lookups: 0,
      adapter(options: { hang?: boolean } = {}): EscalationAdapter {
        return {
          kind: 'desk',
          runtime: 'server',
          toPayload: () => ({}),
          async deliver(_payload, { idempotencyKey }) {
            const id = `t${desk.created.length + 1}`;
            byKey.set(idempotencyKey, id);
            desk.created.push(id);
            if (options.hang) await new Promise(() => undefined);
            return { status: 'created', reference: { id } };
          },
          async find(key) {
            desk.lookups += 1;
            const id = byKey.get(key);
            return id ? { status: 'created', reference: { id } } : null;
          },
        };
      },
    };
    return desk;
  }

  async function waitUntil(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(condition()).toBe(true);
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

  it('delivers once when two instances get the same request at once: the second answers 409 with Retry-After, then the replay', async () => {
    const store = memoryIdempotencyStore();
    const deliveries: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = instance(store, slowAdapter(deliveries, held));
    const b = instance(store, slowAdapter(deliveries, held));
    const first = a(request());
    await new Promise((resolve) => setTimeout(resolve, 10));
    const busy = await b(request());
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toMatch(/^[123]$/);
    expect((await busy.json()).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { reason: 'in-progress', ambiguous: true } });
    release();
    const r1 = await first;
    const r2 = await b(request());
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(await r2.text()).toBe(await r1.text());
    expect(deliveries).toHaveLength(1);
  });

  it('answers 422 for the same key with another body, while delivering and after, without delivering it', async () => {
    const store = memoryIdempotencyStore();
    const deliveries: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = instance(store, slowAdapter(deliveries, held));
    const other = { ...context, messages: [{ role: 'user' as const, content: 'Something else entirely' }] };
    const first = a(request());
    await new Promise((resolve) => setTimeout(resolve, 10));
    const during = await a(request({ context: other }));
    release();
    expect((await first).status).toBe(201);
    const after = await a(request({ context: other }));
    for (const response of [during, after]) {
      expect(response.status).toBe(422);
      expect((await response.json()).error).toMatchObject({ code: 'INVALID_CONTEXT', retryable: false, details: { path: 'idempotencyKey', reason: 'reused' } });
    }
    // The same body in another key order is the same request: replayed, not refused.
    const reordered = new Request('https://app.example.com/api/escalation/escalations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: 'shared', context: { user: context.user, messages: context.messages, conversationId: context.conversationId }, optionId: 'form' }),
    });
    expect((await a(reordered)).status).toBe(201);
    expect(deliveries).toHaveLength(1);
  });

  it('takes over a claim its holder stopped renewing (a dead instance) after one lease, and finds its ticket instead of sending again', async () => {
    // The store's own clock: on a loaded machine the steps before b's first claim could outlast a real 200 ms lease.
    let clock = Date.now();
    const store = memoryIdempotencyStore({ now: () => clock });
    const journal = memoryAttemptJournal();
    const desk = ticketDesk();
    // Instance a dies right after its provider created the ticket: it never answers, never renews.
    const dead: EscalationIdempotencyStore = { ...store, claim: store.claim, renew: () => true, complete: store.complete, release: store.release };
    const a = instance(dead, desk.adapter({ hang: true }), { leaseMs: 200, journal });
    const b = instance(store, desk.adapter(), { leaseMs: 200, journal });
    void a(request());
    await waitUntil(() => desk.created.length === 1);
    const busy = await b(request());
    expect(busy.status).toBe(409);
    clock += 250;
    const taken = await b(request());
    expect(taken.status).toBe(201);
    expect((await taken.json()).reference).toEqual({ id: desk.created[0] });
    // One ticket: b asked the provider (find) instead of sending again.
    expect(desk.created).toHaveLength(1);
    expect(desk.lookups).toBe(1);
  });

  it('renews its claim while a delivery runs longer than the lease', async () => {
    const deliveries: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Three leases long, on a fake clock: a real renewal timer held up 200 ms by a loaded machine would lose the lease.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      const store = memoryIdempotencyStore({ now: () => Date.now() });
      const a = instance(store, slowAdapter(deliveries, held), { leaseMs: 300 });
      const b = instance(store, slowAdapter(deliveries, held), { leaseMs: 300 });
      const first = a(request());
      await jest.advanceTimersByTimeAsync(900);
      expect((await b(request())).status).toBe(409);
      release();
      expect((await first).status).toBe(201);
      expect(deliveries).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers 503 without delivering when the store is down, and reports it', async () => {
    const errors: EscalationError[] = [];
    const deliveries: string[] = [];
    const broken: EscalationIdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED redis:6379')),
      renew: () => true,
      complete: () => undefined,
      release: () => undefined,
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
    const flaky: EscalationIdempotencyStore = { claim: () => null, renew: () => true, complete: () => Promise.reject(new Error('READONLY')), release: () => undefined };
    const handle = instance(flaky, slowAdapter([], Promise.resolve()), { errors });
    expect((await handle(request())).status).toBe(201);
    expect(errors).toHaveLength(1);
  });

  it('refuses a store of its own without a journal (CONFIGURATION naming it)', () => {
    expect(() => createEscalationHandler({ registry: createRegistry([]), idempotency: { store: memoryIdempotencyStore() } })).toThrow(/idempotency\.journal/);
  });
});
