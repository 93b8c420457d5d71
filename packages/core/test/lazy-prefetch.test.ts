/** @jest-environment jest-fixed-jsdom */
import { connectPillar, createRegistry, lazyAdapter, type EscalationAdapter, type EscalationOption } from '@pillar/escalation-core';
import { fakePillar } from './connect-pillar.support';

const chat = { conversationId: 'c-1', messages: [{ role: 'user' as const, content: 'I need a human' }] };

/** A lazy option whose chunk the test controls: the loads, and when each settles. */
function lazyOption(id = 'chat') {
  const loads: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const impl: EscalationAdapter<{ text: string }> = {
    kind: 'chunk-chat',
    runtime: 'browser',
    toPayload: (ctx) => ({ text: ctx.messages[0]!.content }),
    deliver: async () => ({ status: 'opened' }),
  };
  const adapter = lazyAdapter({
    kind: 'chunk-chat',
    runtime: 'browser',
    load: () =>
      new Promise<EscalationAdapter<{ text: string }>>((resolve, reject) => {
        loads.push({ resolve: () => resolve(impl), reject });
      }),
  });
  const option: EscalationOption = { id, label: 'Talk to Support', adapter };
  return { option, adapter, loads };
}

/** The Pillar SDK's sidebar as 0.1.34 renders it: an edge strip of tab buttons, in an open shadow root. */
function renderSidebar(): { strip: HTMLElement; tab: HTMLButtonElement } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const strip = document.createElement('div');
  strip.className = 'pillar-edge-sidebar pillar-edge-sidebar--right';
  const tab = document.createElement('button');
  tab.className = 'pillar-edge-trigger';
  tab.setAttribute('aria-label', 'Talk to Support');
  strip.append(tab);
  root.append(strip);
  return { strip, tab };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type IdleGlobal = { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };

describe('connectPillar prefetches lazy adapters', () => {
  let idle: Array<{ callback: () => void; timeout: number | undefined }>;
  let cancelled: number[];
  beforeEach(() => {
    document.body.innerHTML = '';
    idle = [];
    cancelled = [];
    (globalThis as IdleGlobal).requestIdleCallback = (callback: () => void, options?: { timeout: number }) => idle.push({ callback, timeout: options?.timeout });
    (globalThis as IdleGlobal).cancelIdleCallback = (handle: number) => cancelled.push(handle);
  });
  afterEach(() => {
    delete (globalThis as IdleGlobal).requestIdleCallback;
    delete (globalThis as IdleGlobal).cancelIdleCallback;
    jest.useRealTimers();
  });

  it('when the browser is idle (with a timeout), so the click does not wait', async () => {
    const { option, adapter, loads } = lazyOption();
    const registry = createRegistry([option]);
    const pillar = fakePillar(chat);
    const onEscalated = jest.fn();
    const disconnect = connectPillar(pillar, registry, { onEscalated });
    expect(loads).toHaveLength(0);
    expect(idle).toHaveLength(1);
    expect(idle[0]!.timeout).toBe(4000);
    idle[0]!.callback();
    expect(loads).toHaveLength(1);
    loads[0]!.resolve();
    await flush();
    expect(adapter.loaded()).toBeDefined();
    pillar.click('chat');
    await flush();
    expect(onEscalated).toHaveBeenCalledWith(expect.objectContaining({ status: 'opened' }), expect.anything());
    expect(loads).toHaveLength(1);
    disconnect();
  });

  it('falls back to a timer where there is no requestIdleCallback', async () => {
    delete (globalThis as IdleGlobal).requestIdleCallback;
    jest.useFakeTimers();
    const { option, loads } = lazyOption();
    connectPillar(fakePillar(chat), createRegistry([option]));
    expect(loads).toHaveLength(0);
    jest.advanceTimersByTime(1500);
    expect(loads).toHaveLength(1);
  });

  it('when the pointer reaches the sidebar tab, or the tab gets the focus (inside an open shadow root)', async () => {
    const { option, loads } = lazyOption();
    const registry = createRegistry([option]);
    connectPillar(fakePillar(chat), registry, { prefetch: { idle: false } });
    expect(idle).toHaveLength(0);
    const { tab, strip } = renderSidebar();
    document.body.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(loads).toHaveLength(0);
    tab.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(loads).toHaveLength(1);
    // One load at a time; a failure lets the next trigger try again.
    strip.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(loads).toHaveLength(1);
    loads[0]!.reject(new Error('Failed to fetch dynamically imported module'));
    await flush();
    tab.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(loads).toHaveLength(2);
    loads[1]!.resolve();
    await flush();
    // Loaded: the listeners are gone.
    tab.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(loads).toHaveLength(2);
    expect(() => registry.preview('chat', chat)).not.toThrow();
  });

  it('prefetch: false loads nothing ahead; the click loads and delivers', async () => {
    const { option, loads } = lazyOption();
    const pillar = fakePillar(chat);
    const onEscalated = jest.fn();
    connectPillar(pillar, createRegistry([option]), { prefetch: false, onEscalated });
    const { tab } = renderSidebar();
    tab.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(idle).toHaveLength(0);
    expect(loads).toHaveLength(0);
    pillar.click('chat');
    await flush();
    expect(loads).toHaveLength(1);
    loads[0]!.resolve();
    await flush();
    expect(onEscalated).toHaveBeenCalledTimes(1);
  });

  it('does nothing without lazy options, and stops on disconnect', () => {
    const eager: EscalationOption = { id: 'plain', label: 'Plain', adapter: { kind: 'plain', runtime: 'browser', toPayload: () => ({}), deliver: async () => ({ status: 'opened' }) } };
    connectPillar(fakePillar(chat), createRegistry([eager]));
    expect(idle).toHaveLength(0);

    const { option, loads } = lazyOption();
    const disconnect = connectPillar(fakePillar(chat), createRegistry([option]));
    expect(idle).toHaveLength(1);
    disconnect();
    expect(cancelled).toHaveLength(1);
    const { tab } = renderSidebar();
    tab.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(loads).toHaveLength(0);
  });
});
