import { container } from 'tsyringe';
import {
  CLOCK,
  createRegistry,
  escalationKey,
  EscalationError,
  EscalationRegistry,
  ESCALATION_OPTION,
  REDACTOR,
  renderTranscript,
  type DeliverOptions,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationOption,
} from '@pillar/escalation-core';

const context: EscalationContext = {
  conversationId: 'conv-1',
  messages: [
    { role: 'user', content: 'My card 4242 4242 4242 4242 was charged twice' },
    { role: 'assistant', content: 'I can see two charges.' },
  ],
  user: { id: 'u1', email: 'ada@example.com', plan: 'pro', role: 'admin' },
};

/** A recording adapter whose deliver does what the test says. */
function recorder(kind: string, behaviour: (call: number) => Promise<Delivery> = async () => ({ status: 'created', reference: { id: kind } })) {
  const calls: Array<{ payload: { text: string }; options: DeliverOptions }> = [];
  const adapter: EscalationAdapter<{ text: string }> = {
    kind,
    runtime: 'universal',
    toPayload: (ctx) => ({ text: ctx.messages.map((m) => m.content).join('\n') }),
    deliver: async (payload, options) => {
      calls.push({ payload, options });
      return behaviour(calls.length);
    },
  };
  return { adapter, calls };
}

const fail = (code: EscalationError['code'], details?: Record<string, unknown>) => async (): Promise<Delivery> => {
  throw new EscalationError(code, `${code} happened`, details ? { details } : {});
};

const paying = (ctx: EscalationContext) => ctx.user?.plan === 'pro';

describe('EscalationRegistry', () => {
  it('lists available options by gate and order, and builds Pillar sidebar tabs', async () => {
    const registry = createRegistry([
      { id: 'community', label: 'Ask the community', adapter: recorder('c').adapter, order: 3 },
      { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: recorder('k').adapter, when: paying, order: 2 },
      { id: 'chat', label: 'Talk to Support', icon: 'support', adapter: recorder('i').adapter, order: 1 },
    ]);
    expect((await registry.available(context)).map((o) => o.id)).toEqual(['chat', 'call', 'community']);
    const free = { ...context, user: { plan: 'free' } };
    expect((await registry.available(free)).map((o) => o.id)).toEqual(['chat', 'community']);
    expect(await registry.sidebarTabs(free)).toEqual([
      { id: 'chat', label: 'Talk to Support', enabled: true, order: 1, icon: 'support' },
      { id: 'community', label: 'Ask the community', enabled: true, order: 3 },
    ]);
  });

  it('passes the instant to gates (the clock by default) and closes an option whose gate throws', async () => {
    const seen: Date[] = [];
    const now = new Date('2026-11-24T10:00:00Z');
    const child = container.createChildContainer();
    child.register(CLOCK, { useValue: { now: () => now } });
    const registry = createRegistry({
      container: child,
      options: [
        { id: 'a', label: 'A', adapter: recorder('a').adapter, when: (_c, at) => { seen.push(at); return true; } },
        { id: 'b', label: 'B', adapter: recorder('b').adapter, when: () => { throw new Error('gate bug'); } },
      ],
    });
    expect((await registry.available(context)).map((o) => o.id)).toEqual(['a']);
    const later = new Date('2026-11-25T10:00:00Z');
    await registry.available(context, later);
    expect(seen).toEqual([now, later]);
  });

  it('previews the redacted payload without delivering', () => {
    const { adapter, calls } = recorder('r');
    const registry = createRegistry([{ id: 'r', label: 'R', adapter }]);
    const preview = registry.preview('r', context);
    expect(preview.optionId).toBe('r');
    expect(preview.kind).toBe('r');
    expect((preview.payload as { text: string }).text).not.toContain('4242 4242 4242 4242');
    expect(calls).toHaveLength(0);
  });

  it('escalates: builds the payload from the redacted context, delivers, and reports the attempt', async () => {
    const { adapter, calls } = recorder('zendesk-ticket');
    const registry = createRegistry([{ id: 'ticket', label: 'Open a ticket', adapter }]);
    const result = await registry.escalate('ticket', context);
    expect(result).toMatchObject({ optionId: 'ticket', requestedOptionId: 'ticket', kind: 'zendesk-ticket', status: 'created', reference: { id: 'zendesk-ticket' } });
    expect(result.attempts).toEqual([expect.objectContaining({ optionId: 'ticket', outcome: 'delivered' })]);
    expect(calls[0]!.payload.text).toContain('was charged twice');
    expect(calls[0]!.payload.text).not.toContain('4242 4242 4242 4242');
    expect(calls[0]!.options.idempotencyKey).toBe(escalationKey(context, 'ticket'));
    expect(calls[0]!.options.container).toBeDefined();
  });

  it('uses the REDACTOR from the container', async () => {
    const { adapter, calls } = recorder('r');
    const child = container.createChildContainer();
    child.register(REDACTOR, { useValue: (text: string) => text.replace(/charged/g, '[x]') });
    const registry = createRegistry({ container: child, options: [{ id: 'r', label: 'R', adapter }] });
    await registry.escalate('r', context);
    expect(calls[0]!.payload.text).toContain('[x] twice');
  });

  it("makes the REDACTOR the policy inside adapters too: their transcripts are not redacted again", async () => {
    const seen: string[] = [];
    const adapter: EscalationAdapter<string> = {
      kind: 'transcript',
      runtime: 'universal',
      toPayload: (ctx) => renderTranscript(ctx, { format: 'text' }),
      deliver: async (payload) => (seen.push(payload), { status: 'created' }),
    };
    const keepCards = container.createChildContainer();
    keepCards.register(REDACTOR, { useValue: (text: string) => text });
    await createRegistry({ container: keepCards, options: [{ id: 't', label: 'T', adapter }] }).escalate('t', context);
    await createRegistry([{ id: 't', label: 'T', adapter }]).escalate('t', context);
    expect(seen[0]).toContain('My card 4242 4242 4242 4242 was charged twice');
    expect(seen[1]).toContain('My card [card •••• 4242] was charged twice');
  });

  it("hands adapters a redacted context and leaves the caller's context as it was", async () => {
    const { adapter, calls } = recorder('r');
    const input: EscalationContext = {
      ...context,
      page: { title: 'Pay 4111 1111 1111 1111', url: 'https://app.example.com/pay' },
      metadata: { note: 'key AKIAIOSFODNN7EXAMPLE', plain: 'nothing secret', count: 2 },
    };
    const before = structuredClone(input);
    await createRegistry([{ id: 'r', label: 'R', adapter }]).escalate('r', input);
    expect(input).toEqual(before);
    const seen = calls[0]!.options.context;
    expect(seen.messages[0]!.content).toBe('My card [card •••• 4242] was charged twice');
    expect(seen.messages[1]).toEqual(input.messages[1]);
    expect(seen.page).toEqual({ title: 'Pay [card •••• 1111]', url: 'https://app.example.com/pay' });
    expect(seen.metadata).toEqual({ note: 'key [redacted AWS access key id]', plain: 'nothing secret', count: 2 });
    expect(seen.user).toEqual(input.user);
  });

  it('rejects an unknown option with UNKNOWN_OPTION naming the known ones', async () => {
    const registry = createRegistry([{ id: 'a', label: 'A', adapter: recorder('a').adapter }]);
    await expect(registry.escalate('nope', context)).rejects.toMatchObject({ code: 'UNKNOWN_OPTION' });
    expect(() => registry.preview('nope', context)).toThrow(/known: "a"/);
  });

  it('re-checks the gate on escalate: NOT_ALLOWED, and nothing is delivered', async () => {
    const { adapter, calls } = recorder('k');
    const registry = createRegistry([{ id: 'call', label: 'Call', adapter, when: paying }]);
    await expect(registry.escalate('call', { ...context, user: { plan: 'free' } })).rejects.toMatchObject({ code: 'NOT_ALLOWED', optionId: 'call' });
    expect(calls).toHaveLength(0);
  });

  it('rejects (never throws) a malformed context with INVALID_CONTEXT, and a bad idempotency key with CONFIGURATION, emitting nothing', async () => {
    const { adapter, calls } = recorder('a');
    const registry = createRegistry([{ id: 'a', label: 'A', adapter }]);
    const events: string[] = [];
    for (const name of ['escalation:start', 'escalation:failure'] as const) registry.on(name, () => events.push(name));
    const bad = registry.escalate('a', { messages: 'hi' } as unknown as EscalationContext);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_CONTEXT' });
    const contentless = { conversationId: null, messages: [{ role: 'user', content: 42 }] } as unknown as EscalationContext;
    await expect(registry.escalate('a', contentless)).rejects.toMatchObject({ code: 'INVALID_CONTEXT', message: expect.stringContaining('messages[0].content') });
    await expect(registry.escalate('a', context, { idempotencyKey: '' })).rejects.toMatchObject({ code: 'CONFIGURATION' });
    expect(events).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('gives escalation:start listeners the redacted context, safe to log', async () => {
    const registry = createRegistry([{ id: 'a', label: 'A', adapter: recorder('a').adapter }]);
    const logged: string[] = [];
    registry.on('escalation:start', (event) => logged.push(event.context.messages[0]!.content));
    await registry.escalate('a', context);
    expect(logged).toEqual(['My card [card •••• 4242] was charged twice']);
  });

  it('maps a toPayload crash to INVALID_CONTEXT without delivering', async () => {
    const adapter: EscalationAdapter = { kind: 'x', runtime: 'browser', toPayload: () => { throw new TypeError('boom'); }, deliver: jest.fn() };
    const registry = createRegistry([{ id: 'x', label: 'X', adapter }]);
    await expect(registry.escalate('x', context)).rejects.toMatchObject({ code: 'INVALID_CONTEXT', optionId: 'x' });
    expect(adapter.deliver).not.toHaveBeenCalled();
  });

  it.each(['PROVIDER_UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT'] as const)('falls back on %s with the same context', async (code) => {
    const first = recorder('intercom', fail(code));
    const second = recorder('zendesk');
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: first.adapter, fallback: ['ticket'] },
      { id: 'ticket', label: 'Ticket', adapter: second.adapter },
    ]);
    const fallbacks: unknown[] = [];
    registry.on('escalation:fallback', (e) => fallbacks.push(e));
    const result = await registry.escalate('chat', context);
    expect(result).toMatchObject({ optionId: 'ticket', requestedOptionId: 'chat', status: 'created' });
    expect(result.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([['chat', 'failed', code], ['ticket', 'delivered', undefined]]);
    expect(second.calls[0]!.payload).toEqual(first.calls[0]!.payload);
    expect(fallbacks).toEqual([expect.objectContaining({ from: 'chat', to: 'ticket', error: expect.objectContaining({ code }) })]);
  });

  it.each(['PROVIDER_REJECTED', 'CONFIGURATION', 'ABORTED'] as const)('never falls back on %s', async (code) => {
    const second = recorder('zendesk');
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: recorder('intercom', fail(code)).adapter, fallback: ['ticket'] },
      { id: 'ticket', label: 'Ticket', adapter: second.adapter },
    ]);
    await expect(registry.escalate('chat', context)).rejects.toMatchObject({ code, optionId: 'chat' });
    expect(second.calls).toHaveLength(0);
  });

  it('skips ambiguous failures unless the option or the adapter opts in', async () => {
    const make = (opts: Partial<EscalationOption>, adapterOptIn = false) => {
      const first = recorder('freshdesk', fail('TIMEOUT', { ambiguous: true }));
      const second = recorder('email');
      const registry = createRegistry([
        { id: 'ticket', label: 'T', adapter: { ...first.adapter, fallbackOnAmbiguous: adapterOptIn }, fallback: ['mail'], ...opts },
        { id: 'mail', label: 'M', adapter: second.adapter },
      ]);
      return { registry, second };
    };
    const strict = make({});
    await expect(strict.registry.escalate('ticket', context)).rejects.toMatchObject({ code: 'TIMEOUT', details: { ambiguous: true } });
    expect(strict.second.calls).toHaveLength(0);
    const optIn = make({ fallbackOnAmbiguous: true });
    await expect(optIn.registry.escalate('ticket', context)).resolves.toMatchObject({ optionId: 'mail' });
    const adapterOptIn = make({}, true);
    await expect(adapterOptIn.registry.escalate('ticket', context)).resolves.toMatchObject({ optionId: 'mail' });
  });

  it('skips a fallback the user may not use or that does not exist, and reports every attempt when all fail', async () => {
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: recorder('i', fail('PROVIDER_UNAVAILABLE')).adapter, fallback: ['call', 'ghost', 'ticket'] },
      { id: 'call', label: 'Call', adapter: recorder('k').adapter, when: () => false },
      { id: 'ticket', label: 'Ticket', adapter: recorder('z', fail('TIMEOUT')).adapter },
    ]);
    const failures: Array<{ error: EscalationError }> = [];
    const fallbacks: Array<{ from: string; to: string }> = [];
    registry.on('escalation:failure', (e) => failures.push(e));
    registry.on('escalation:fallback', ({ from, to }) => fallbacks.push({ from, to }));
    const error = (await registry.escalate('chat', context).then(() => undefined, (e: unknown) => e)) as EscalationError;
    expect(error).toMatchObject({ code: 'TIMEOUT', optionId: 'ticket' });
    expect((error.details?.attempts as Array<{ optionId: string; kind?: string; outcome: string }>).map((a) => `${a.optionId}:${a.kind ?? '-'}:${a.outcome}`))
      .toEqual(['chat:i:failed', 'call:k:skipped', 'ghost:-:skipped', 'ticket:z:failed']);
    expect(failures).toHaveLength(1);
    // The fallback comes from the option that failed, not from the skipped ones before it.
    expect(fallbacks).toEqual([{ from: 'chat', to: 'ticket' }]);
  });

  it('gives each fallback its own stable key derived from the escalation key', async () => {
    const second = recorder('z');
    const registry = createRegistry([
      { id: 'chat', label: 'Chat', adapter: recorder('i', fail('PROVIDER_UNAVAILABLE')).adapter, fallback: ['ticket'] },
      { id: 'ticket', label: 'Ticket', adapter: second.adapter },
    ]);
    await registry.escalate('chat', context, { idempotencyKey: 'client-key' });
    expect(second.calls[0]!.options.idempotencyKey).toBe('client-key:ticket');
  });

  it('shares one delivery between concurrent calls with the same key (a double click)', async () => {
    let release!: () => void;
    const { adapter, calls } = recorder('z', (call) => (call > 1 ? Promise.resolve({ status: 'created' }) : new Promise((resolve) => { release = () => resolve({ status: 'created' }); })));
    const registry = createRegistry([{ id: 't', label: 'T', adapter }]);
    const a = registry.escalate('t', context);
    const b = registry.escalate('t', context);
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await a).toBe(await b);
    expect(calls).toHaveLength(1);
    await registry.escalate('t', context);
    expect(calls).toHaveLength(2);
  });

  it('forgets a key once its delivery settles, also when it fails before any await', async () => {
    let crash = true;
    const { adapter, calls } = recorder('z');
    const flaky: EscalationAdapter<{ text: string }> = { ...adapter, toPayload: (ctx) => { if (crash) throw new TypeError('boom'); return adapter.toPayload(ctx); } };
    const registry = createRegistry([{ id: 't', label: 'T', adapter: flaky }]);
    await expect(registry.escalate('t', context)).rejects.toMatchObject({ code: 'INVALID_CONTEXT' });
    crash = false;
    await expect(registry.escalate('t', context)).resolves.toMatchObject({ status: 'created' });
    // A failed delivery is forgotten too: the same key delivers again.
    const failing = createRegistry([{ id: 'f', label: 'F', adapter: recorder('f', async () => { throw new EscalationError('PROVIDER_REJECTED', 'no'); }).adapter }]);
    await expect(failing.escalate('f', context)).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
    await expect(failing.escalate('f', context)).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
    expect(calls).toHaveLength(1);
  });

  it('passes the signal to the adapter', async () => {
    const { adapter, calls } = recorder('z');
    const registry = createRegistry([{ id: 't', label: 'T', adapter }]);
    const controller = new AbortController();
    await registry.escalate('t', context, { signal: controller.signal });
    expect(calls[0]!.options.signal).toBe(controller.signal);
  });

  it('emits start and success, and a throwing listener never breaks the escalation', async () => {
    const registry = createRegistry([{ id: 't', label: 'T', adapter: recorder('z').adapter }]);
    const events: string[] = [];
    registry.on('escalation:start', (e) => { events.push(`start:${e.optionId}`); throw new Error('listener bug'); });
    const off = registry.on('escalation:success', (e) => events.push(`success:${e.result.optionId}`));
    await registry.escalate('t', context);
    off();
    await registry.escalate('t', { ...context, conversationId: 'other' });
    expect(events).toEqual(['start:t', 'success:t', 'start:t']);
  });

  it('rejects malformed options and duplicates with CONFIGURATION', () => {
    const adapter = recorder('a').adapter;
    expect(() => createRegistry([{ id: '', label: 'A', adapter }])).toThrow(/id must be a non-empty string/);
    expect(() => createRegistry([{ id: 'a', label: 'A', adapter: { kind: 'x' } as unknown as EscalationAdapter }])).toThrow(/runtime/);
    expect(() => createRegistry([{ id: 'a', label: 'A', adapter, fallback: ['a'] }])).toThrow(/itself/);
    expect(() => createRegistry([{ id: 'a', label: 'A', adapter }, { id: 'a', label: 'B', adapter }])).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it('keeps two registries apart (child containers), and resolves from an app container by token', async () => {
    const one = createRegistry([{ id: 'a', label: 'A', adapter: recorder('a').adapter }]);
    const two = createRegistry([{ id: 'b', label: 'B', adapter: recorder('b').adapter }]);
    expect(one.all().map((o) => o.id)).toEqual(['a']);
    expect(two.all().map((o) => o.id)).toEqual(['b']);

    const app = container.createChildContainer();
    app.register(ESCALATION_OPTION, { useValue: { id: 'x', label: 'X', adapter: recorder('x').adapter } });
    app.register(ESCALATION_OPTION, { useValue: { id: 'y', label: 'Y', adapter: recorder('y').adapter } });
    expect(app.resolve(EscalationRegistry).all().map((o) => o.id)).toEqual(['x', 'y']);
    expect(container.createChildContainer().resolve(EscalationRegistry).all()).toEqual([]);
  });
});

describe('escalationKey', () => {
  it('is stable for the same option and conversation state and changes with either', () => {
    const key = escalationKey(context, 'ticket');
    expect(key).toMatch(/^pe-[0-9a-f]{16}$/);
    expect(escalationKey({ ...context }, 'ticket')).toBe(key);
    expect(escalationKey(context, 'chat')).not.toBe(key);
    expect(escalationKey({ ...context, messages: [...context.messages, { role: 'user', content: 'again' }] }, 'ticket')).not.toBe(key);
    const anonymous = { conversationId: null, messages: [] };
    expect(escalationKey(anonymous, 'ticket')).toBe(escalationKey({ conversationId: null, messages: [] }, 'ticket'));
    expect(escalationKey({ ...anonymous, user: { id: 'u2' } }, 'ticket')).not.toBe(escalationKey(anonymous, 'ticket'));
  });

  it('covers the whole conversation: escalations that differ only after the first message never share a key', () => {
    // The same user, no conversation id, the same opening line and the same message count.
    const opening = { role: 'user' as const, content: 'Export fails' };
    const one = { conversationId: null, user: { id: 'u1' }, messages: [opening, { role: 'user' as const, content: 'on CSV' }] };
    const two = { conversationId: null, user: { id: 'u1' }, messages: [opening, { role: 'user' as const, content: 'on PDF' }] };
    expect(escalationKey(one, 'ticket')).not.toBe(escalationKey(two, 'ticket'));
    // Where the text is split, who wrote it, and when, all count.
    const split = (a: string, b: string) => escalationKey({ conversationId: 'c', messages: [{ role: 'user', content: a }, { role: 'user', content: b }] }, 't');
    expect(split('ab', 'c')).not.toBe(split('a', 'bc'));
    expect(escalationKey({ conversationId: 'c', messages: [{ role: 'assistant', content: 'x' }] }, 't')).not.toBe(escalationKey({ conversationId: 'c', messages: [{ role: 'user', content: 'x' }] }, 't'));
    expect(escalationKey({ conversationId: 'c', messages: [{ role: 'user', content: 'x', createdAt: '2026-12-07T10:00:00Z' }] }, 't'))
      .not.toBe(escalationKey({ conversationId: 'c', messages: [{ role: 'user', content: 'x', createdAt: '2026-12-08T10:00:00Z' }] }, 't'));
    // The same click again (a copy of the same context, a newer page title) keeps its key.
    expect(escalationKey({ ...one, messages: one.messages.map((m) => ({ ...m })), page: { title: 'later' } }, 'ticket')).toBe(escalationKey(one, 'ticket'));
  });

  it('changes with every part it covers, wherever the change is (first, middle or last unit, odd or even length)', () => {
    const long = 'The export to CSV fails with a 500 when I pick more than ninety days. Ça ne marche pas 🙁';
    const base: EscalationContext = {
      conversationId: 'conv_1',
      user: { id: 'u1', email: 'ada@example.com' },
      messages: [
        { role: 'user', content: long, createdAt: '2026-12-07T10:00:00.000Z' },
        { role: 'assistant', content: 'odd', createdAt: '2026-12-07T10:00:05.000Z' },
        { role: 'user', content: `${long}!` },
      ],
    };
    const edit = (i: number, change: Partial<EscalationContext['messages'][number]>): EscalationContext => ({
      ...base,
      messages: base.messages.map((m, j) => (j === i ? { ...m, ...change } : m)),
    });
    const flip = (text: string, at: number) => text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1);
    const variants: [string, EscalationContext, string][] = [['base', base, 'ticket'], ['option', base, 'chat']];
    for (let i = 0; i < base.messages.length; i++) {
      const { content, createdAt } = base.messages[i]!;
      for (const at of [0, content.length >> 1, content.length - 1]) variants.push([`messages[${i}].content@${at}`, edit(i, { content: flip(content, at) }), 'ticket']);
      variants.push([`messages[${i}].content longer`, edit(i, { content: `${content} ` }), 'ticket']);
      variants.push([`messages[${i}].role`, edit(i, { role: base.messages[i]!.role === 'user' ? 'assistant' : 'user' }), 'ticket']);
      variants.push([`messages[${i}].createdAt`, edit(i, { createdAt: createdAt ? flip(createdAt, createdAt.length - 2) : '2026-12-07T10:00:09.000Z' }), 'ticket']);
    }
    variants.push(['user.id', { ...base, user: { ...base.user, id: 'u2' } }, 'ticket']);
    variants.push(['user.email without id', { ...base, user: { email: 'ada@example.com' } }, 'ticket']);
    variants.push(['another user.email without id', { ...base, user: { email: 'bob@example.com' } }, 'ticket']);
    variants.push(['conversationId', { ...base, conversationId: 'conv_2' }, 'ticket']);
    variants.push(['no conversationId', { ...base, conversationId: null }, 'ticket']);
    variants.push(['a message less', { ...base, messages: base.messages.slice(0, 2) }, 'ticket']);
    const keys = new Map<string, string>();
    for (const [what, ctx, option] of variants) {
      const key = escalationKey(ctx, option);
      expect({ what, same: keys.get(key) }).toEqual({ what, same: undefined });
      keys.set(key, what);
    }
    // What the key does not cover leaves it alone.
    expect(escalationKey({ ...base, page: { title: 'later' }, reason: 'billing', metadata: { a: 'b' } }, 'ticket')).toBe(escalationKey(base, 'ticket'));
  });

  it('gives 20,000 near-identical escalations 20,000 keys', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      keys.add(escalationKey({ conversationId: null, user: { id: 'u1' }, messages: [{ role: 'user', content: 'Help' }, { role: 'user', content: `attempt ${i}` }] }, 'ticket'));
    }
    expect(keys.size).toBe(20_000);
  });

  it('is pinned: a key never changes between releases without a changeset saying so', () => {
    // Changed once, in the release where keys came to cover every message (see .changeset/escalation-key-content.md).
    expect(escalationKey(context, 'ticket')).toBe(escalationKey(JSON.parse(JSON.stringify(context)) as EscalationContext, 'ticket'));
    expect(escalationKey(context, 'ticket')).toBe('pe-87247021233a0742');
    expect(escalationKey({ conversationId: null, messages: [{ role: 'user', content: 'Ça ne marche pas 🙁' }] }, 'chat')).toBe('pe-ec1261bf9c096eec');
  });
});
