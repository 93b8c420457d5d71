import { createRegistry, isEscalationError, mayExist, type EscalationAdapter } from '@pillar/escalation-core';
import { chaosContext } from '../src/contexts';
import { startProviderEmulator, type ProviderEmulator } from '../src/emulator/server';
import { escalationMarker } from '../src/emulator/truth';
import { faultPlan, scriptedFaults, type FaultKind, type FaultPlan } from '../src/faults';
import { seededRandom } from '../src/random';
import { CHAOS_CREDENTIALS, chaosServerOptions } from '../src/server-options';

const TIMEOUT_MS = 300;

async function withEmulator(faults: FaultPlan, run: (emulator: ProviderEmulator, adapters: Record<string, EscalationAdapter>) => Promise<void>): Promise<void> {
  const emulator = await startProviderEmulator({ faults, slowMs: TIMEOUT_MS + 200, credentials: CHAOS_CREDENTIALS });
  try {
    const options = chaosServerOptions({ baseUrls: emulator.baseUrls, timeoutMs: TIMEOUT_MS });
    await run(emulator, Object.fromEntries(options.map((o) => [o.id, o.adapter])));
    expect(emulator.unmatched()).toEqual([]);
  } finally {
    await emulator.close();
  }
}

async function deliver(adapter: EscalationAdapter, index: number, key: string) {
  const context = chaosContext(index);
  return adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: key });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isEscalationError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('provider emulator: the real adapters against it, no faults', () => {
  it.each(['zendesk', 'freshdesk', 'intercom'])('%s creates one record, read back by its marker', async (provider) => {
    await withEmulator(faultPlan(0, Math.random), async (emulator, adapters) => {
      const delivery = await deliver(adapters[provider]!, 7, 'pe-0123456789abcdef0123456789abcdef');
      expect(delivery.status).toBe('created');
      const records = emulator.truth.all();
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ provider, id: delivery.reference?.id, escalation: escalationMarker(7) });
    });
  });

  it('zendesk replays a repeated Idempotency-Key (hit, no second ticket)', async () => {
    await withEmulator(faultPlan(0, Math.random), async (emulator, adapters) => {
      const first = await deliver(adapters.zendesk!, 1, 'pe-aaaa');
      const again = await deliver(adapters.zendesk!, 1, 'pe-aaaa');
      expect(again.reference?.id).toBe(first.reference?.id);
      expect(again.data).toEqual({ idempotencyLookup: 'hit' });
      expect(emulator.truth.all()).toHaveLength(1);
    });
  });

  it.each(['zendesk', 'freshdesk'])('%s find: absent before, found after a create', async (provider) => {
    await withEmulator(faultPlan(0, Math.random), async (_emulator, adapters) => {
      const adapter = adapters[provider]!;
      const context = chaosContext(4);
      // A short wait: absence is only proven after the adapter's bounded wait.
      expect(await adapter.find!('pe-bbbb', context)).toBeNull();
      const delivery = await deliver(adapter, 4, 'pe-bbbb');
      expect(await adapter.find!('pe-bbbb', context)).toMatchObject({ status: 'created', reference: { id: delivery.reference?.id } });
      expect(await adapter.find!('pe-cccc', context)).toBeNull();
    });
  });
});

describe('provider emulator: each fault as the adapters see it', () => {
  const cases: Array<[FaultKind, boolean, boolean]> = [
    // fault on the first create, is a record made by it, may the adapter's error say "may exist"
    ['reset-before', false, true],
    ['reset-after', true, true],
    ['slow', true, true],
    ['unavailable', false, false],
    ['rate-limited', false, false],
  ];
  it.each(cases)('freshdesk, %s on the create: record made %s', async (fault, made, ambiguous) => {
    await withEmulator(scriptedFaults([fault]), async (emulator, adapters) => {
      const outcome = await deliver(adapters.freshdesk!, 2, 'pe-dddd').then(
        (delivery) => ({ delivery }),
        (error: unknown) => ({ error }),
      );
      // Freshdesk retries only what proves nothing was made (429, 503): those end created.
      if ('delivery' in outcome) {
        expect(ambiguous).toBe(false);
        expect(emulator.truth.all()).toHaveLength(1);
        return;
      }
      expect(mayExist(outcome.error)).toBe(ambiguous);
      // A slow create lands when its delay ends, after the adapter gave up: wait for it (bounded), not a
      // fixed 400 ms, which a request slow to arrive on a loaded machine could outlast.
      if (fault === 'slow') {
        for (const until = Date.now() + 5_000; emulator.truth.all().length === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(emulator.truth.all()).toHaveLength(made ? 1 : 0);
    });
  });

  it('zendesk, a reset after the create: the retry with the same key is a replay, one ticket', async () => {
    await withEmulator(scriptedFaults(['reset-after']), async (emulator, adapters) => {
      const delivery = await deliver(adapters.zendesk!, 3, 'pe-eeee');
      expect(delivery.data).toEqual({ idempotencyLookup: 'hit' });
      expect(emulator.truth.all()).toHaveLength(1);
    });
  });

  it('zendesk, a 500 after the create on every try: "may exist", and find settles it', async () => {
    await withEmulator(scriptedFaults(['server-error', 'server-error', 'server-error']), async (emulator, adapters) => {
      const error = await failure(deliver(adapters.zendesk!, 5, 'pe-ffff'));
      expect(mayExist(error)).toBe(true);
      expect(emulator.truth.all()).toHaveLength(1);
      expect(await adapters.zendesk!.find!('pe-ffff', chaosContext(5))).toMatchObject({ status: 'created', reference: { id: emulator.truth.all()[0]!.id } });
    });
  });

  it('intercom, a 409 for a contact made by a reset create is found again', async () => {
    // contact search (clean), contact search (clean), contact create reset after it was made.
    await withEmulator(scriptedFaults([undefined, undefined, 'reset-after']), async (emulator, adapters) => {
      const delivery = await deliver(adapters.intercom!, 6, 'pe-gggg');
      expect(delivery.status).toBe('created');
      expect(emulator.truth.all()).toHaveLength(1);
    });
  });

  it('a seeded plan faults about its rate of requests, every kind among them', () => {
    const plan = faultPlan(0.3, seededRandom(7));
    for (let i = 0; i < 6000; i++) plan.draw(i % 2 ? 'create' : 'lookup');
    const counts = plan.counts();
    const total = Object.values(counts.create).reduce((a, b) => a + b, 0) + Object.values(counts.lookup).reduce((a, b) => a + b, 0);
    expect(total / 6000).toBeGreaterThan(0.27);
    expect(total / 6000).toBeLessThan(0.33);
    for (const kind of Object.keys(counts.create)) expect(counts.create[kind as FaultKind]).toBeGreaterThan(100);
  });
});

describe('a registry over the emulator', () => {
  it('delivers through the first option, one record', async () => {
    await withEmulator(faultPlan(0, Math.random), async (emulator) => {
      const registry = createRegistry(chaosServerOptions({ baseUrls: emulator.baseUrls, timeoutMs: TIMEOUT_MS }));
      const result = await registry.escalate('zendesk', chaosContext(8));
      expect(result.optionId).toBe('zendesk');
      expect(emulator.truth.all().map((r) => r.provider)).toEqual(['zendesk']);
    });
  });
});
