import {
  createRegistry,
  deadlineOf,
  EscalationError,
  fromPillarChat,
  mayExist,
  timeLeft,
  type AttemptJournal,
  type AttemptRecord,
  type DeliverOptions,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationEvents,
  type FindOptions,
} from '@pillar/escalation-core';

const context: EscalationContext = {
  conversationId: 'conv-1',
  messages: [{ role: 'user', content: 'I was charged twice' }],
  user: { id: 'u1', email: 'ada@example.com' },
};

type Deliver = (call: number, options: DeliverOptions) => Promise<Delivery>;
type Find = (key: string, options: FindOptions | undefined) => Promise<Delivery | null>;

/** A fake server adapter: what deliver and find do is up to the test; every call is recorded. */
function fake(kind: string, deliver: Deliver = async () => ({ status: 'created', reference: { id: `${kind}-1` } }), find?: Find) {
  const delivered: DeliverOptions[] = [];
  const looked: string[] = [];
  const adapter: EscalationAdapter<{ n: number }> = {
    kind,
    runtime: 'server',
    toPayload: (ctx) => ({ n: ctx.messages.length }),
    deliver: async (_payload, options) => {
      delivered.push(options);
      return deliver(delivered.length, options);
    },
    ...(find ? { find: async (key: string, _ctx: EscalationContext, options?: FindOptions) => { looked.push(key); return find(key, options); } } : {}),
  };
  return { adapter, delivered, looked };
}

/** A keyed create that timed out: safe to repeat (retryable) and yet it may exist (ambiguous). */
const lostAnswer = () => new EscalationError('TIMEOUT', 'Zendesk did not answer within 10000 ms; it may have been received', { retryable: true, details: { ambiguous: true } });

function chain(first: ReturnType<typeof fake>, second = fake('freshdesk-ticket')) {
  const registry = createRegistry([
    { id: 'zendesk', label: 'Zendesk', adapter: first.adapter, fallback: ['freshdesk'] },
    { id: 'freshdesk', label: 'Freshdesk', adapter: second.adapter },
  ]);
  const events: Array<{ name: string; event: unknown }> = [];
  for (const name of ['escalation:fallback', 'escalation:reconcile', 'escalation:failure', 'escalation:success'] as const) {
    registry.on(name, (event) => events.push({ name, event }));
  }
  return { registry, second, events };
}

/** A journal in a Map, as a test double of the shared store. */
function memoryJournal(seed: Record<string, AttemptRecord[]> = {}) {
  const map = new Map(Object.entries(seed));
  const journal: AttemptJournal = {
    read: async (key) => map.get(key) ?? [],
    append: async (key, record) => { map.set(key, [...(map.get(key) ?? []), record]); },
  };
  return { journal, map };
}

describe('registry: an attempt that may have reached the provider', () => {
  it('never falls back to another provider while it may exist (retry-safe is not "nothing was created")', async () => {
    const first = fake('zendesk-ticket', async () => { throw lostAnswer(); });
    const { registry, second } = chain(first);
    const error = await registry.escalate('zendesk', context).catch((e: unknown) => e) as EscalationError;
    expect(second.delivered).toHaveLength(0);
    expect(first.delivered).toHaveLength(1);
    expect(error).toMatchObject({ code: 'TIMEOUT', optionId: 'zendesk', details: { ambiguous: true, unresolved: true } });
    expect(error.message).toMatch(/may have reached the provider and its adapter \(zendesk-ticket\) cannot look it up \(no find\), so it was neither sent again nor elsewhere/);
    expect(mayExist(error)).toBe(true);
  });

  it('asks find, and answers created with the reference it found: no second send, no fallback', async () => {
    const first = fake('zendesk-ticket', async () => { throw lostAnswer(); }, async () => ({ status: 'created', reference: { id: '42' } }));
    const { registry, second, events } = chain(first);
    const result = await registry.escalate('zendesk', context, { idempotencyKey: 'k-1' });
    expect(result).toMatchObject({ optionId: 'zendesk', status: 'created', reference: { id: '42' }, idempotencyKey: 'k-1' });
    expect(result.attempts).toEqual([{ optionId: 'zendesk', kind: 'zendesk-ticket', outcome: 'delivered', reconciliation: 'found', durationMs: expect.any(Number) }]);
    expect(first.looked).toEqual(['k-1']);
    expect(first.delivered).toHaveLength(1);
    expect(second.delivered).toHaveLength(0);
    expect(events.map((e) => e.name)).toEqual(['escalation:reconcile', 'escalation:success']);
    expect(events[0]!.event).toMatchObject({ optionId: 'zendesk', idempotencyKey: 'k-1', trigger: 'ambiguous', outcome: 'found' });
  });

  it('after find shows nothing was created, sends the same provider once more with the same key', async () => {
    const first = fake('zendesk-ticket', async (call) => { if (call === 1) throw lostAnswer(); return { status: 'created', reference: { id: '7' } }; }, async () => null);
    const { registry, second } = chain(first);
    const result = await registry.escalate('zendesk', context, { idempotencyKey: 'k-2' });
    expect(result).toMatchObject({ optionId: 'zendesk', reference: { id: '7' } });
    expect(first.delivered.map((d) => d.idempotencyKey)).toEqual(['k-2', 'k-2']);
    expect(second.delivered).toHaveLength(0);
    expect(result.attempts.map((a) => [a.outcome, a.reconciliation, a.error?.ambiguous])).toEqual([['failed', 'absent', undefined], ['delivered', undefined, undefined]]);
  });

  it('after find shows nothing was created and the same provider fails again plainly, falls back', async () => {
    const first = fake('zendesk-ticket', async (call) => {
      if (call === 1) throw lostAnswer();
      throw new EscalationError('PROVIDER_UNAVAILABLE', 'Zendesk failed (HTTP 503)', { status: 503 });
    }, async () => null);
    const { registry, second, events } = chain(first);
    const result = await registry.escalate('zendesk', context);
    expect(result).toMatchObject({ optionId: 'freshdesk', requestedOptionId: 'zendesk' });
    expect(first.delivered).toHaveLength(2);
    expect(second.delivered).toHaveLength(1);
    expect(events.filter((e) => e.name === 'escalation:fallback')).toHaveLength(1);
  });

  it('after find shows nothing was created, repeats even a request without an idempotency key once, then falls back', async () => {
    const unsafe = () => new EscalationError('PROVIDER_UNAVAILABLE', 'reset; it may have been received, so it was not repeated', { retryable: false, details: { ambiguous: true } });
    const first = fake('freshdesk-ticket', async () => { throw unsafe(); }, async () => null);
    const { registry, second } = chain(first);
    // A lookup that found nothing shows the first try created nothing: one repeat is safe after all.
    await expect(registry.escalate('zendesk', context)).resolves.toMatchObject({ optionId: 'freshdesk' });
    expect(first.delivered).toHaveLength(2);
    expect(second.delivered).toHaveLength(1);
  });

  it('fails "may exist, unresolved" when find cannot tell: never a silent success, never a second send', async () => {
    const first = fake('zendesk-ticket', async () => { throw lostAnswer(); }, async () => { throw new EscalationError('PROVIDER_UNAVAILABLE', 'search index is behind'); });
    const { registry, second, events } = chain(first);
    const error = await registry.escalate('zendesk', context).catch((e: unknown) => e) as EscalationError;
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { ambiguous: true, unresolved: true } });
    expect(error.message).toMatch(/the lookup failed \(PROVIDER_UNAVAILABLE: search index is behind\)/);
    expect(first.delivered).toHaveLength(1);
    expect(second.delivered).toHaveLength(0);
    expect(events.find((e) => e.name === 'escalation:reconcile')!.event).toMatchObject({ outcome: 'unresolved', error: expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE' }) });
    expect(events.at(-1)!.name).toBe('escalation:failure');
  });

  it('treats a find that answers junk as unresolved', async () => {
    const first = fake('zendesk-ticket', async () => { throw lostAnswer(); }, async () => ({ nope: true }) as unknown as Delivery);
    const { registry, second } = chain(first);
    await expect(registry.escalate('zendesk', context)).rejects.toMatchObject({ details: { unresolved: true } });
    expect(second.delivered).toHaveLength(0);
  });

  it('still falls back on a failure that proves nothing reached the provider', async () => {
    const first = fake('zendesk-ticket', async () => { throw new EscalationError('PROVIDER_UNAVAILABLE', 'ECONNREFUSED', { details: { code: 'ECONNREFUSED' } }); }, async () => { throw new Error('must not be asked'); });
    const { registry, second } = chain(first);
    await expect(registry.escalate('zendesk', context)).resolves.toMatchObject({ optionId: 'freshdesk' });
    expect(first.looked).toEqual([]);
    expect(second.delivered).toHaveLength(1);
  });

  it('falls back when an adapter cannot build its payload from this context (nothing was sent)', async () => {
    const needsEmail: EscalationAdapter = {
      kind: 'zendesk-ticket',
      runtime: 'server',
      toPayload: () => { throw new EscalationError('INVALID_CONTEXT', 'user.email is required for a Zendesk requester', { details: { path: 'user.email', reason: 'type' } }); },
      deliver: jest.fn(),
    };
    const second = fake('intercom-conversation');
    const registry = createRegistry([
      { id: 'zendesk', label: 'Z', adapter: needsEmail, fallback: ['intercom'] },
      { id: 'intercom', label: 'I', adapter: second.adapter },
    ]);
    const result = await registry.escalate('zendesk', context);
    expect(result).toMatchObject({ optionId: 'intercom' });
    expect(result.attempts[0]).toMatchObject({ optionId: 'zendesk', outcome: 'failed', error: { code: 'INVALID_CONTEXT', message: expect.stringContaining('user.email') } });
    expect(needsEmail.deliver).not.toHaveBeenCalled();
  });
});

describe('registry: the attempt journal', () => {
  it('records each attempt before its provider call, with the key the adapter got', async () => {
    const { journal, map } = memoryJournal();
    let seenAtDeliver: readonly AttemptRecord[] = [];
    const first = fake('zendesk-ticket', async () => { seenAtDeliver = [...(map.get('k') ?? [])]; throw new EscalationError('PROVIDER_UNAVAILABLE', '503', { status: 503 }); });
    const { registry } = chain(first);
    await registry.escalate('zendesk', context, { idempotencyKey: 'k', journal });
    expect(seenAtDeliver).toEqual([{ optionId: 'zendesk', kind: 'zendesk-ticket', at: expect.any(Number), idempotencyKey: 'k' }]);
    expect(map.get('k')!.map((r) => [r.optionId, r.idempotencyKey])).toEqual([['zendesk', 'k'], ['freshdesk', 'k:freshdesk']]);
  });

  it('after a restart, answers what an earlier attempt created instead of sending again', async () => {
    const { journal } = memoryJournal({ k: [{ optionId: 'freshdesk', kind: 'freshdesk-ticket', at: 1, idempotencyKey: 'k:freshdesk' }] });
    const first = fake('zendesk-ticket');
    const second = fake('freshdesk-ticket', undefined, async (key) => (key === 'k:freshdesk' ? { status: 'created', reference: { id: 'fd-9' } } : null));
    const { registry, events } = chain(first, second);
    const result = await registry.escalate('zendesk', context, { idempotencyKey: 'k', journal });
    expect(result).toMatchObject({ optionId: 'freshdesk', status: 'created', reference: { id: 'fd-9' } });
    expect(result.attempts).toEqual([{ optionId: 'freshdesk', kind: 'freshdesk-ticket', outcome: 'delivered', reconciliation: 'found', durationMs: expect.any(Number) }]);
    expect(first.delivered).toHaveLength(0);
    expect(second.delivered).toHaveLength(0);
    expect(events[0]!.event).toMatchObject({ trigger: 'journal', outcome: 'found' });
  });

  it('after a restart, sends when the earlier attempts created nothing', async () => {
    const { journal, map } = memoryJournal({ k: [{ optionId: 'zendesk', kind: 'zendesk-ticket', at: 1 }] });
    const first = fake('zendesk-ticket', undefined, async () => null);
    const { registry } = chain(first);
    await expect(registry.escalate('zendesk', context, { idempotencyKey: 'k', journal })).resolves.toMatchObject({ optionId: 'zendesk', status: 'created' });
    expect(first.looked).toEqual(['k']);
    expect(first.delivered).toHaveLength(1);
    expect(map.get('k')).toHaveLength(2);
  });

  it('after a restart, sends nothing when an earlier attempt cannot be looked up', async () => {
    const { journal } = memoryJournal({ k: [{ optionId: 'zendesk', kind: 'zendesk-ticket', at: 1 }] });
    const first = fake('zendesk-ticket');
    const { registry, second } = chain(first);
    const error = await registry.escalate('zendesk', context, { idempotencyKey: 'k', journal }).catch((e: unknown) => e) as EscalationError;
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { ambiguous: true, unresolved: true } });
    expect(error.message).toMatch(/earlier attempt .*"zendesk".* may have reached its provider/);
    expect(first.delivered).toHaveLength(0);
    expect(second.delivered).toHaveLength(0);
  });

  it('sends nothing when the journal cannot record the attempt', async () => {
    const journal: AttemptJournal = { read: async () => [], append: async () => { throw new Error('redis down'); } };
    const first = fake('zendesk-ticket');
    const { registry, second } = chain(first);
    await expect(registry.escalate('zendesk', context, { journal })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { journal: 'unavailable' } });
    expect(first.delivered).toHaveLength(0);
    expect(second.delivered).toHaveLength(0);
  });
});

describe('registry: time budget', () => {
  it('hands adapters a deadline within the budget, leaving room for find', async () => {
    let left = 0;
    let deadline = 0;
    const first = fake('zendesk-ticket', async (_c, options) => { left = timeLeft(options.signal); deadline = deadlineOf(options.signal); return { status: 'created' }; }, async () => null);
    const { registry } = chain(first);
    const before = Date.now();
    await registry.escalate('zendesk', context, { budgetMs: 10_000 });
    // A fifth of the budget (at most 5 s) is kept for a lookup after a lost answer.
    expect(left).toBeLessThanOrEqual(8_000);
    expect(left).toBeGreaterThan(7_500);
    expect(deadline - before).toBeLessThanOrEqual(8_000 + 5);
  });

  it('ends with TIMEOUT when the budget runs out mid-delivery, asks find in the reserve, and tries no other provider', async () => {
    const first = fake('zendesk-ticket', (_c, options) => new Promise((_resolve, reject) => {
      options.signal!.addEventListener('abort', () => reject(new EscalationError('ABORTED', 'aborted while the request was out', { details: { ambiguous: true } })));
    }), async (_key, options) => { expect(options?.signal?.aborted).toBe(false); return null; });
    const { registry, second } = chain(first);
    // A fake clock: on a loaded machine a real 200 ms budget could end late for reasons of its own.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
      const started = Date.now();
      let endedAt = 0;
      const settled = registry.escalate('zendesk', context, { budgetMs: 200 }).catch((e: unknown) => e).finally(() => { endedAt = Date.now(); });
      await jest.advanceTimersByTimeAsync(1_000);
      const error = await settled;
      expect(endedAt - started).toBeLessThanOrEqual(200);
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(first.looked).toHaveLength(1);
      expect(second.delivered).toHaveLength(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it("ends with TIMEOUT and tries no other provider when the adapter's own timer, clipped to the deadline, fires before the budget's", async () => {
    // The adapter's request timeout was clipped to the delivery deadline (as sendJson and postJson do) and
    // fired a moment before the registry's own deadline timer: the budget is spent all the same.
    const first = fake('zendesk-ticket', (_c, options) => new Promise((_resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new EscalationError('TIMEOUT', 'Zendesk did not answer before the time budget ran out', { retryable: false, details: { ambiguous: true, budget: true } }));
      }, Math.max(0, timeLeft(options.signal) - 1));
      options.signal!.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new EscalationError('ABORTED', 'aborted while the request was out', { details: { ambiguous: true } }));
      });
    }), async () => null);
    const { registry, second } = chain(first);
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
      const settled = registry.escalate('zendesk', context, { budgetMs: 200 }).catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(1_000);
      const error = await settled;
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      // One send, a lookup in the reserve; no second send into a window of a millisecond, no other provider.
      expect(first.delivered.length).toBe(1);
      expect(first.looked).toHaveLength(1);
      expect(second.delivered.length).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('registry: what the context parser dropped', () => {
  it('reports it on the result and in escalation:start, for analytics', async () => {
    const parsed = fromPillarChat({ conversationId: 'c-1', messages: [{ role: 'user', content: 'help' }] }, {
      user: { email: 'ops@localhost' },
      page: { url: 'capacitor://localhost/settings' },
    });
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter: fake('intercom-conversation').adapter }]);
    const starts: Array<EscalationEvents['escalation:start']> = [];
    registry.on('escalation:start', (e) => starts.push(e));
    const result = await registry.escalate('chat', parsed);
    const expected = [
      { path: 'user.email', reason: 'format', action: 'removed' },
      { path: 'page.url', reason: 'format', action: 'kept_as_text' },
    ];
    expect(result.dropped).toEqual(expected);
    expect(starts[0]!.dropped).toEqual(expected);
    // A context the app built itself reports nothing, unless told.
    const plain = await registry.escalate('chat', { ...context, conversationId: 'other' });
    expect(plain.dropped).toBeUndefined();
    const told = await registry.escalate('chat', { ...context, conversationId: 'third' }, { dropped: [expected[0]!] as never });
    expect(told.dropped).toEqual([expected[0]]);
  });
});
