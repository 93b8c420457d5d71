import {
  createRegistry,
  EscalationError,
  isLazyAdapter,
  lazyAdapter,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
} from '@pillar/escalation-core';

const context: EscalationContext = {
  conversationId: 'conv-lazy',
  messages: [
    { role: 'user', content: 'My card 4242 4242 4242 4242 was charged twice' },
    { role: 'assistant', content: 'I can see two charges.' },
  ],
};

/** The chunk, loaded the way a bundler splits it: a real dynamic import. */
const chunk = () => import('./fixtures/lazy-impl');
/** A chunk that is not there (deployed away, blocked): the import itself rejects. */
const missingChunk = () => import(`./fixtures/${'not-deployed'}`) as Promise<typeof import('./fixtures/lazy-impl')>;

function lazyChat(load: () => Promise<EscalationAdapter<{ text: string }>> = () => chunk().then((m) => m.chunkAdapter())) {
  let loads = 0;
  const adapter = lazyAdapter({
    kind: 'chunk-chat',
    runtime: 'browser',
    load: () => {
      loads++;
      return load();
    },
  });
  return { adapter, loads: () => loads };
}

function universal(kind: string): { adapter: EscalationAdapter<{ text: string }>; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    adapter: {
      kind,
      runtime: 'universal',
      toPayload: (ctx) => ({ text: ctx.messages[0]!.content }),
      deliver: async (payload): Promise<Delivery> => {
        sent.push(payload.text);
        return { status: 'created', reference: { id: kind } };
      },
    },
  };
}

describe('lazyAdapter', () => {
  it('is a descriptor at once (kind, runtime) and loads its implementation only on first use', async () => {
    const { adapter, loads } = lazyChat();
    expect(isLazyAdapter(adapter)).toBe(true);
    expect(isLazyAdapter(universal('x').adapter)).toBe(false);
    expect({ kind: adapter.kind, runtime: adapter.runtime }).toEqual({ kind: 'chunk-chat', runtime: 'browser' });
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter }]);
    expect(await registry.sidebarTabs(context)).toEqual([{ id: 'chat', label: 'Chat', enabled: true, order: 0 }]);
    expect(loads()).toBe(0);
    expect(adapter.loaded()).toBeUndefined();

    const { delivered } = await chunk();
    const before = delivered.length;
    const result = await registry.escalate('chat', context);
    expect(result).toMatchObject({ optionId: 'chat', kind: 'chunk-chat', status: 'opened' });
    expect(loads()).toBe(1);
    expect(delivered.length).toBe(before + 1);
    // Redacted before the implementation saw it, as for any adapter.
    expect(delivered[before]!.payload.text).not.toContain('4242 4242 4242 4242');
    expect(delivered[before]!.idempotencyKey).toBe(result.idempotencyKey);

    await registry.escalate('chat', { ...context, conversationId: 'conv-2' });
    expect(loads()).toBe(1);
  });

  it('preview throws CONFIGURATION saying to await registry.prepare until loaded, then works synchronously', async () => {
    const { adapter, loads } = lazyChat();
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter }]);
    let error: unknown;
    try {
      registry.preview('chat', context);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', optionId: 'chat' });
    expect((error as Error).message).toContain("await registry.prepare('chat')");
    expect(() => adapter.toPayload(context)).toThrow(/has not loaded yet/);

    await registry.prepare('chat');
    expect(loads()).toBe(1);
    const preview = registry.preview('chat', context);
    expect(preview).toMatchObject({ optionId: 'chat', kind: 'chunk-chat' });
    expect((preview.payload as { text: string }).text).toContain('I can see two charges.');
    expect(adapter.toPayload(context)).toEqual(adapter.loaded()!.toPayload(context));
  });

  it('previewWithSummary loads the implementation itself', async () => {
    const { adapter } = lazyChat();
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter }]);
    const preview = await registry.previewWithSummary('chat', context);
    expect(preview.kind).toBe('chunk-chat');
    expect(adapter.loaded()).toBeDefined();
  });

  it('prepare() loads every lazy option once, in parallel; prepare(id) loads the option and its fallbacks', async () => {
    const a = lazyChat();
    const b = lazyChat();
    const c = lazyChat();
    const registry = createRegistry([
      { id: 'a', label: 'A', adapter: a.adapter, fallback: ['b'] },
      { id: 'b', label: 'B', adapter: b.adapter },
      { id: 'c', label: 'C', adapter: c.adapter },
      { id: 'plain', label: 'Plain', adapter: universal('plain').adapter },
    ]);
    await registry.prepare('a');
    expect([a.loads(), b.loads(), c.loads()]).toEqual([1, 1, 0]);
    await Promise.all([registry.prepare(), registry.prepare()]);
    expect([a.loads(), b.loads(), c.loads()]).toEqual([1, 1, 1]);
    await expect(registry.prepare('nope')).rejects.toMatchObject({ code: 'UNKNOWN_OPTION' });
  });

  it('a chunk that fails to load (the import rejects) is PROVIDER_UNAVAILABLE, and the fallback takes over', async () => {
    const { adapter, loads } = lazyChat(() => missingChunk().then((m) => m.chunkAdapter()));
    const ticket = universal('ticket');
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter, fallback: ['ticket'] },
      { id: 'ticket', label: 'Ticket', adapter: ticket.adapter },
    ]);
    const fallbacks: string[] = [];
    registry.on('escalation:fallback', (event) => fallbacks.push(`${event.from}→${event.to}:${event.error.code}`));
    const result = await registry.escalate('chat', context);
    expect(result).toMatchObject({ optionId: 'ticket', requestedOptionId: 'chat', status: 'created' });
    expect(result.attempts[0]).toMatchObject({ optionId: 'chat', kind: 'chunk-chat', outcome: 'failed', error: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
    expect(result.attempts[0]!.error!.message).toMatch(/could not be loaded/);
    expect(fallbacks).toEqual(['chat→ticket:PROVIDER_UNAVAILABLE']);
    expect(ticket.sent).toHaveLength(1);

    // Without a fallback the caller sees it; prepare rejects with it too.
    const alone = createRegistry([{ id: 'chat', label: 'Chat', adapter }]);
    await expect(alone.escalate('chat', { ...context, conversationId: 'conv-3' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', optionId: 'chat', details: { lazy: 'load-failed' } });
    await expect(alone.prepare('chat')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    // A failed load is not kept: each use tries the chunk again.
    expect(loads()).toBe(3);
  });

  it('retries the chunk after a failure (back online)', async () => {
    let online = false;
    const { adapter, loads } = lazyChat(() => (online ? chunk() : missingChunk()).then((m) => m.chunkAdapter()));
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter }]);
    await expect(registry.escalate('chat', context)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    online = true;
    await expect(registry.escalate('chat', { ...context, conversationId: 'conv-4' })).resolves.toMatchObject({ status: 'opened' });
    expect(loads()).toBe(2);
  });

  it('a load that never settles times out as PROVIDER_UNAVAILABLE', async () => {
    const adapter = lazyAdapter({ kind: 'slow', runtime: 'browser', loadTimeoutMs: 20, load: () => new Promise<never>(() => {}) });
    const registry = createRegistry([{ id: 'slow', label: 'Slow', adapter }]);
    await expect(registry.escalate('slow', context)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { lazy: 'load-timeout' } });
  });

  it('an implementation of another kind or runtime is a CONFIGURATION error, without fallback', async () => {
    const wrongKind = lazyAdapter({ kind: 'declared', runtime: 'browser', load: () => chunk().then((m) => m.chunkAdapter('other')) });
    const wrongRuntime = lazyAdapter({ kind: 'chunk-chat', runtime: 'server', load: () => chunk().then((m) => m.chunkAdapter()) });
    const ticket = universal('ticket');
    const registry = createRegistry([
      { id: 'k', label: 'K', adapter: wrongKind, fallback: ['ticket'] },
      { id: 'r', label: 'R', adapter: wrongRuntime },
      { id: 'ticket', label: 'Ticket', adapter: ticket.adapter },
    ]);
    await expect(registry.escalate('k', context)).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining('"other"') });
    await expect(registry.prepare('r')).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining('server') });
    expect(ticket.sent).toHaveLength(0);
    expect(() => lazyAdapter({ kind: 'x', runtime: 'browser' } as never)).toThrow(EscalationError);
  });

  it('deliver on the descriptor itself loads and delivers (an adapter used outside a registry)', async () => {
    const { adapter } = lazyChat();
    const loaded = await adapter.load();
    await expect(adapter.deliver(loaded.toPayload(context), { context, idempotencyKey: 'k-1' })).resolves.toEqual({ status: 'opened' });
  });

  it('reconciles through the implementation: a lazy adapter with find answers a lost delivery', async () => {
    let created: string | undefined;
    const impl: EscalationAdapter<{ text: string }> = {
      kind: 'desk',
      runtime: 'universal',
      toPayload: () => ({ text: 'x' }),
      deliver: async (_payload, options) => {
        created = options.idempotencyKey;
        throw new EscalationError('TIMEOUT', 'the answer was lost', { details: { ambiguous: true } });
      },
      find: async (key) => (key === created ? { status: 'created', reference: { id: 'T-1' } } : null),
    };
    const registry = createRegistry([{ id: 'desk', label: 'Desk', adapter: lazyAdapter({ kind: 'desk', runtime: 'universal', load: async () => impl }) }]);
    await expect(registry.escalate('desk', context)).resolves.toMatchObject({ status: 'created', reference: { id: 'T-1' } });
  });
});
