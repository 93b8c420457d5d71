/** @jest-environment jest-fixed-jsdom */
import { connectPillar, createRegistry, EscalationError, type EscalationAdapter, type EscalationContext, type EscalationOption, type PillarLike } from '@pillar/escalation-core';
import { connectPillarLazily, not, plans, sidebarTabs, type SidebarOption } from '@pillar/escalation-core/sidebar';
import { fakePillar } from './connect-pillar.support';

const chat = { conversationId: 'c-1', messages: [{ role: 'user' as const, content: 'I need a human' }] };
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const options: SidebarOption[] = [
  { id: 'community', label: 'Ask the community', order: 3 },
  { id: 'priority', label: 'Priority support', icon: 'support', when: plans(['pro']) },
  { id: 'ticket', label: 'Email support', icon: 'mail', order: 1 },
  { id: 'free', label: 'Free help', when: not(plans(['pro'])) },
  { id: 'broken', label: 'Broken gate', when: () => { throw new Error('gate bug'); } },
];

function recorder() {
  const sent: string[] = [];
  const adapter: EscalationAdapter<{ text: string }> = {
    kind: 'rec',
    runtime: 'browser',
    toPayload: (ctx) => ({ text: ctx.messages[0]!.content }),
    deliver: async (payload) => {
      sent.push(payload.text);
      return { status: 'opened' };
    },
  };
  return { adapter, sent };
}

/** The app's escalation module, as `import('./escalation')` would give it. */
function escalationModule(onEscalated = jest.fn()) {
  const { adapter, sent } = recorder();
  const registry = createRegistry(options.map((option): EscalationOption => ({ ...option, adapter })));
  const connect = jest.fn((pillar: PillarLike) => connectPillar(pillar, registry, { onEscalated }));
  return { connect, sent, onEscalated };
}

describe('sidebarTabs (options alone)', () => {
  it('gives the same tabs as registry.sidebarTabs for the same options, gates applied', async () => {
    const { adapter } = recorder();
    const registry = createRegistry(options.map((option): EscalationOption => ({ ...option, adapter })));
    for (const user of [{ plan: 'pro' }, { plan: 'free' }, undefined]) {
      const context: EscalationContext = { conversationId: null, messages: [], ...(user ? { user } : {}) };
      const at = new Date('2026-12-07T10:00:00Z');
      expect(await sidebarTabs(options, context, at)).toEqual(await registry.sidebarTabs(context, at));
    }
    expect((await sidebarTabs(options, { conversationId: null, messages: [], user: { plan: 'pro' } })).map((tab) => tab.id)).toEqual(['ticket', 'community', 'priority']);
  });
});

describe('connectPillarLazily', () => {
  let idle: Array<() => void>;
  beforeEach(() => {
    idle = [];
    (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = (callback: () => void) => idle.push(callback);
  });
  afterEach(() => {
    delete (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback;
  });

  it('loads the escalation module on the first click and hands that click over: one delivery', async () => {
    const pillar = fakePillar(chat);
    const module = escalationModule();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = jest.fn(async (p: PillarLike) => {
      await gate;
      return module.connect(p);
    });
    connectPillarLazily(pillar, { tabs: ['ticket', 'priority'], load, prefetch: false });
    pillar.click('assistant-own-tab');
    expect(load).not.toHaveBeenCalled();
    pillar.click('ticket');
    pillar.click('ticket');
    expect(load).toHaveBeenCalledTimes(1);
    release();
    await flush();
    await flush();
    expect(module.sent).toEqual(['I need a human']);
    expect(module.onEscalated).toHaveBeenCalledTimes(1);
    // Loaded: later clicks go straight to connectPillar.
    pillar.click('ticket');
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(module.onEscalated).toHaveBeenCalledTimes(2);
    pillar.chat = { conversationId: 'c-2', messages: [{ role: 'user', content: 'Again' }] };
    pillar.click('ticket');
    await flush();
    expect(module.sent).toEqual(['I need a human', 'I need a human', 'Again']);
  });

  it('prefetches when the browser is idle, so the click does not wait', async () => {
    const pillar = fakePillar(chat);
    const module = escalationModule();
    connectPillarLazily(pillar, { tabs: ['ticket'], load: async (p) => module.connect(p) });
    expect(module.connect).not.toHaveBeenCalled();
    idle[0]!();
    await flush();
    expect(module.connect).toHaveBeenCalledTimes(1);
    pillar.click('ticket');
    await flush();
    expect(module.sent).toEqual(['I need a human']);
  });

  it('a module that fails to load (the import rejects) is PROVIDER_UNAVAILABLE in onError; the next click tries again', async () => {
    const pillar = fakePillar(chat);
    const module = escalationModule();
    const onError = jest.fn();
    let online = false;
    const load = jest.fn((p: PillarLike) =>
      (online ? Promise.resolve(module) : (import(`./fixtures/${'not-deployed'}`) as Promise<typeof module>)).then((m) => m.connect(p)),
    );
    connectPillarLazily(pillar, { tabs: ['ticket'], load, onError, prefetch: false });
    pillar.click('ticket');
    await flush();
    await flush();
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, source] = onError.mock.calls[0]!;
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(source).toEqual({ via: 'sidebar', tabId: 'ticket' });
    expect(module.sent).toEqual([]);
    online = true;
    pillar.click('ticket');
    await flush();
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(module.sent).toEqual(['I need a human']);
  });

  it('passes every other SDK call and event through to the real instance', async () => {
    const pillar = fakePillar(chat);
    const seen: unknown[] = [];
    connectPillarLazily(pillar, {
      tabs: ['ticket'],
      prefetch: false,
      load: async (p) => {
        seen.push(p.getChatContext());
        expect(() => p.on('task:complete' as 'sidebar:click', () => {})).toThrow(/unexpected event task:complete/);
        return () => {};
      },
    });
    pillar.click('ticket');
    await flush();
    expect(seen).toEqual([chat]);
  });

  it('disconnect removes the click listener and disconnects the loaded connection', async () => {
    const pillar = fakePillar(chat);
    const module = escalationModule();
    const disconnect = connectPillarLazily(pillar, { tabs: ['ticket'], load: async (p) => module.connect(p), prefetch: false });
    pillar.click('ticket');
    await flush();
    expect(pillar.listeners.size).toBe(1);
    disconnect();
    expect(pillar.listeners.size).toBe(0);
    pillar.click('ticket');
    await flush();
    expect(module.sent).toHaveLength(1);
  });

  it('rejects a missing load or tabs with CONFIGURATION', () => {
    const pillar = fakePillar(chat);
    expect(() => connectPillarLazily(pillar, { tabs: ['x'] } as never)).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => connectPillarLazily({} as never, { tabs: [], load: async () => () => {} })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
