import { createClient } from 'redis';
import { createRegistry, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import { createEscalationHandler, type EscalationHandler } from '@pillar/escalation-server';
import { redisStores, type RedisCommander } from '@pillar/escalation-redis';
import { RENEW } from '../src/scripts';
import { attemptJournalContract, idempotencyStoreContract, rateLimitStoreContract } from '../../server/test/store-contract';

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', () => undefined);
/** Counts the commands (round trips) the stores send. */
let commands = 0;
const counted: RedisCommander = {
  sendCommand: (args: string[]) => {
    commands += 1;
    return client.sendCommand(args);
  },
};
const prefix = `test:${process.pid}:${Date.now()}:`;
let run = 0;

beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  await client.quit();
});

idempotencyStoreContract(() => redisStores({ client: counted, prefix }).idempotency);
attemptJournalContract(() => redisStores({ client: counted, prefix }).journal);
rateLimitStoreContract(() => redisStores({ client: counted, prefix }).rateLimit);

describe('redisStores', () => {
  it('refuses a client without sendCommand (CONFIGURATION)', () => {
    expect(() => redisStores({ client: {} as RedisCommander })).toThrow(/sendCommand/);
  });

  it('runs its scripts on a server that has never seen them (NOSCRIPT, then EVAL once)', async () => {
    await client.sendCommand(['SCRIPT', 'FLUSH']);
    const before = commands;
    const { idempotency } = redisStores({ client: counted, prefix });
    expect(await idempotency.claim(`fresh-${++run}`, { fingerprint: 'f', owner: 'o', leaseMs: 1_000 })).toBeNull();
    expect(commands - before).toBe(2);
    const again = commands;
    await idempotency.claim(`fresh-${++run}`, { fingerprint: 'f', owner: 'o', leaseMs: 1_000 });
    expect(commands - again).toBe(1);
  });
});

describe('two relay instances sharing one Redis', () => {
  const context = (n: number): EscalationContext => ({ conversationId: `conv_${n}`, messages: [{ role: 'user', content: `Help with ${n}` }], user: { email: 'a@example.com' } });
  const post = (handler: EscalationHandler, body: { context: EscalationContext; idempotencyKey: string }) =>
    handler(new Request('https://app.example.com/api/escalation/escalations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ optionId: 'desk', ...body }) }));

  /** A provider that stamps the key on each ticket and finds it again (adapter.find). */
  function desk() {
    const byKey = new Map<string, string>();
    const state = {
      created: [] as string[],
      lookups: 0,
      /** Ends every hung delivery (a test's clean-up). */
      wake: () => undefined as void,
      adapter(behaviour: { hang?: boolean; delayMs?: number } = {}): EscalationAdapter {
        return {
          kind: 'desk',
          runtime: 'server',
          toPayload: () => ({}),
          async deliver(_payload, { idempotencyKey }) {
            if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
            const id = `t${state.created.length + 1}`;
            byKey.set(idempotencyKey, id);
            state.created.push(id);
            if (behaviour.hang) await new Promise<void>((resolve) => (state.wake = resolve));
            return { status: 'created', reference: { id } };
          },
          async find(key) {
            state.lookups += 1;
            const id = byKey.get(key);
            return id ? { status: 'created', reference: { id } } : null;
          },
        };
      },
    };
    return state;
  }

  function instance(adapter: EscalationAdapter, extra: { leaseMs?: number; limit?: number; commander?: RedisCommander } = {}): EscalationHandler {
    const stores = redisStores({ client: extra.commander ?? counted, prefix });
    return createEscalationHandler({
      registry: createRegistry([{ id: 'desk', label: 'Desk', adapter }]),
      idempotency: { store: stores.idempotency, journal: stores.journal, ...(extra.leaseMs ? { leaseMs: extra.leaseMs } : {}) },
      rateLimit: extra.limit ? { limit: extra.limit, windowMs: 60_000, store: stores.rateLimit } : false,
      onError: () => undefined,
    });
  }

  it('delivers once for 20 concurrent same-key POSTs spread over both: one 201, the rest 409 with Retry-After, then the replay', async () => {
    const provider = desk();
    const a = instance(provider.adapter({ delayMs: 100 }));
    const b = instance(provider.adapter({ delayMs: 100 }));
    const body = { context: context(++run), idempotencyKey: `k-${run}` };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 ? a : b, body)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const busy of answers.filter((r) => r.status === 409)) {
      expect(busy.headers.get('retry-after')).toMatch(/^[123]$/);
      expect((await busy.json()).error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { reason: 'in-progress' } });
    }
    const first = await answers.find((r) => r.status === 201)!.text();
    const replayA = await post(a, body);
    const replayB = await post(b, body);
    expect([replayA.status, replayB.status]).toEqual([201, 201]);
    expect(await replayA.text()).toBe(first);
    expect(await replayB.text()).toBe(first);
    expect(provider.created).toHaveLength(1);
  });

  it('answers 422 on the other instance for the same key with another body', async () => {
    const provider = desk();
    const a = instance(provider.adapter());
    const b = instance(provider.adapter());
    const key = `k-${++run}`;
    expect((await post(a, { context: context(run), idempotencyKey: key })).status).toBe(201);
    const reused = await post(b, { context: context(run + 1000), idempotencyKey: key });
    expect(reused.status).toBe(422);
    expect((await reused.json()).error).toMatchObject({ code: 'INVALID_CONTEXT', retryable: false, details: { path: 'idempotencyKey', reason: 'reused' } });
    expect(provider.created).toHaveLength(1);
  });

  it('takes over a dead instance\'s claim after one lease and finds its ticket (journal + find) instead of sending again', async () => {
    const provider = desk();
    // Instance a's provider call landed, then a died: no answer, no more renewals.
    const silent: RedisCommander = { sendCommand: (args: string[]) => (args[0] === 'EVALSHA' && args[1] === RENEW.sha ? Promise.resolve(1) : counted.sendCommand(args)) };
    const a = instance(provider.adapter({ hang: true }), { leaseMs: 300, commander: silent });
    const b = instance(provider.adapter(), { leaseMs: 300 });
    const body = { context: context(++run), idempotencyKey: `k-${run}` };
    void post(a, body);
    for (let i = 0; i < 200 && provider.created.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await post(b, body)).status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const taken = await post(b, body);
    expect(taken.status).toBe(201);
    expect((await taken.json()).reference).toEqual({ id: provider.created[0] });
    expect(provider.created).toHaveLength(1);
    expect(provider.lookups).toBe(1);
    provider.wake();
  });

  it('shares the rate limit: the third request in the window is refused on either instance', async () => {
    const provider = desk();
    // Two handlers, one prefix: build them over the same stores.
    const stores = redisStores({ client: counted, prefix: `${prefix}rl-shared-${++run}:` });
    const make = () =>
      createEscalationHandler({
        registry: createRegistry([{ id: 'desk', label: 'Desk', adapter: provider.adapter() }]),
        idempotency: { store: stores.idempotency, journal: stores.journal },
        rateLimit: { limit: 2, windowMs: 60_000, store: stores.rateLimit },
        clientAddress: () => '203.0.113.9',
        onError: () => undefined,
      });
    const a = make();
    const b = make();
    expect((await post(a, { context: context(++run), idempotencyKey: `r-${run}` })).status).toBe(201);
    expect((await post(b, { context: context(++run), idempotencyKey: `r-${run}` })).status).toBe(201);
    const third = await post(a, { context: context(++run), idempotencyKey: `r-${run}` });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(50);
  });

  it('costs 5 round trips for a first delivery and 2 for a replay (rate limit on)', async () => {
    const provider = desk();
    const handler = instance(provider.adapter(), { limit: 1_000 });
    const body = { context: context(++run), idempotencyKey: `k-${run}` };
    // Warm the script cache.
    await post(handler, { context: context(++run), idempotencyKey: `warm-${run}` });
    const before = commands;
    expect((await post(handler, body)).status).toBe(201);
    const first = commands - before;
    const mid = commands;
    expect((await post(handler, body)).status).toBe(201);
    const replay = commands - mid;
    // hit, claim, journal read, journal append, complete (+ renewals only past a third of the lease).
    expect({ first, replay }).toEqual({ first: 5, replay: 2 });
  });
});

