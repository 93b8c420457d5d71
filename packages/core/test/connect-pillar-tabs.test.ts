import type { SidebarTabConfig } from '@pillar-ai/sdk';
import { businessHours, CLOCK, createRegistry, not, plans, watchSidebarTabs, type EscalationError, type EscalationUser, type SidebarTab } from '@pillar/escalation-core';
import { container } from 'tsyringe';
import { recordingAdapter } from './connect-pillar.support';

// Compile-time: the registry's tabs are Pillar's sidebarTabs config as it is.
const fitsPillarConfig = (tabs: SidebarTab[]): SidebarTabConfig[] => tabs;
void fitsPillarConfig;

const hours = businessHours({ timeZone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } });
const registry = createRegistry([
  { id: 'chat', label: 'Talk to Support', icon: 'support', adapter: recordingAdapter('chat', [], 'chat'), when: hours },
  { id: 'ticket', label: 'Leave a message', icon: 'mail', adapter: recordingAdapter('ticket', [], 'ticket'), when: not(hours) },
  { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: recordingAdapter('call', [], 'call'), when: plans(['pro']) },
]);
const ids = (tabs: readonly SidebarTab[] | undefined) => tabs?.map((t) => t.id);

describe('registry.sidebarTabs for Pillar', () => {
  it('gives the tabs this user may use now, in order, in Pillar’s shape', async () => {
    const monday = new Date('2026-06-01T10:00:00Z'); // 12:00 Berlin
    const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], user: { plan: 'pro' } }, monday);
    expect(tabs).toEqual([
      { id: 'chat', label: 'Talk to Support', enabled: true, order: 0, icon: 'support' },
      { id: 'call', label: 'Schedule a call', enabled: true, order: 1, icon: 'calendar' },
    ]);
  });
});

describe('watchSidebarTabs', () => {
  it("uses the registry's CLOCK when given no clock of its own", async () => {
    const clocked = container.createChildContainer();
    let now = new Date('2031-06-02T10:00:00Z'); // a Monday, 12:00 in Berlin: in hours
    clocked.register(CLOCK, { useValue: { now: () => now } });
    const withClock = createRegistry({
      container: clocked,
      options: [
        { id: 'chat', label: 'Talk to Support', adapter: recordingAdapter('chat', [], 'chat'), when: hours },
        { id: 'ticket', label: 'Leave a message', adapter: recordingAdapter('ticket', [], 'ticket'), when: not(hours) },
      ],
    });
    expect(withClock.now()).toBe(now);
    const watch = watchSidebarTabs(withClock, { getContext: () => undefined, onChange: () => {}, intervalMs: 0 });
    expect(ids(await watch.refresh())).toEqual(['chat']);
    now = new Date('2031-06-02T20:00:00Z'); // 22:00 in Berlin
    expect(ids(await watch.refresh())).toEqual(['ticket']);
    watch.stop();
  });

  it('calls onChange when the user changes, and only then', async () => {
    let user: EscalationUser = { plan: 'free' };
    const at = new Date('2026-06-01T10:00:00Z');
    const changes: string[][] = [];
    const initial = await registry.sidebarTabs({ conversationId: null, messages: [], user }, at);
    const watch = watchSidebarTabs(registry, { initial, getContext: () => ({ user }), onChange: (tabs) => void changes.push(tabs.map((t) => t.id)), intervalMs: 0, clock: { now: () => at } });
    expect(ids(watch.tabs)).toEqual(['chat']);
    await watch.refresh();
    expect(changes).toEqual([]);
    user = { plan: 'pro' };
    expect(ids(await watch.refresh())).toEqual(['chat', 'call']);
    expect(changes).toEqual([['chat', 'call']]);
    await watch.refresh();
    expect(changes).toHaveLength(1);
    watch.stop();
  });

  it('re-checks on a timer, so the after-hours tab replaces the chat at closing time', async () => {
    jest.useFakeTimers();
    try {
      let now = new Date('2026-06-01T14:58:00Z'); // Monday 16:58 Berlin
      const changes: string[][] = [];
      const watch = watchSidebarTabs(registry, { getContext: () => undefined, onChange: async (tabs) => void changes.push(tabs.map((t) => t.id)), intervalMs: 60_000, clock: { now: () => now } });
      await jest.advanceTimersByTimeAsync(0);
      expect(ids(watch.tabs)).toEqual(['chat']);
      now = new Date('2026-06-01T15:00:00Z'); // 17:00: closed
      await jest.advanceTimersByTimeAsync(60_000);
      expect(changes).toEqual([['ticket']]);
      watch.stop();
      now = new Date('2026-06-02T08:00:00Z'); // open again, but stopped
      await jest.advanceTimersByTimeAsync(120_000);
      expect(changes).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs one check at a time and waits for onChange', async () => {
    let user: EscalationUser = { plan: 'free' };
    const order: string[] = [];
    const at = new Date('2026-06-01T10:00:00Z');
    let release!: () => void;
    const firstChange = new Promise<void>((resolve) => (release = resolve));
    const watch = watchSidebarTabs(registry, {
      initial: [],
      getContext: () => {
        order.push(`check ${user.plan}`);
        return { user };
      },
      intervalMs: 0,
      clock: { now: () => at },
      onChange: async (tabs) => {
        order.push(`change ${ids(tabs)!.join(',')}`);
        if (order.length === 2) await firstChange;
        order.push('changed');
      },
    });
    const first = watch.refresh();
    await new Promise((r) => setTimeout(r, 5));
    user = { plan: 'pro' };
    const second = watch.refresh();
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['check free', 'change chat']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['check free', 'change chat', 'changed', 'check pro', 'change chat,call', 'changed']);
  });

  it('reports failures (a throwing getContext, a bad user, a failing onChange) and keeps going', async () => {
    const errors: EscalationError[] = [];
    let mode: 'throw' | 'bad' | 'ok' = 'throw';
    const watch = watchSidebarTabs(registry, {
      initial: [],
      intervalMs: 0,
      getContext: () => {
        if (mode === 'throw') throw new Error('no session');
        return mode === 'bad' ? ({ user: { plan: 7 } } as never) : { user: { plan: 'pro' } };
      },
      onChange: () => {
        throw new Error('re-init failed');
      },
      onError: (error) => errors.push(error),
    });
    await watch.refresh();
    mode = 'bad';
    await watch.refresh();
    mode = 'ok';
    await watch.refresh();
    // The re-init failed, so Pillar still has the old tabs: the next check tries again.
    await watch.refresh();
    expect(errors.map((e) => e.code)).toEqual(['CONFIGURATION', 'INVALID_CONTEXT', 'CONFIGURATION', 'CONFIGURATION']);
    expect(watch.tabs).toEqual([]);
    expect(errors[0]!.message).toContain('no session');
    expect(errors.at(-1)!.message).toContain('re-init failed');
    watch.stop();
  });

  it('rejects bad options with CONFIGURATION', () => {
    expect(() => watchSidebarTabs({} as never, { getContext: () => undefined, onChange: () => {} })).toThrow(/EscalationRegistry/);
    expect(() => watchSidebarTabs(registry, { getContext: () => undefined } as never)).toThrow(/onChange/);
    expect(() => watchSidebarTabs(registry, { getContext: () => undefined, onChange: () => {}, intervalMs: -1 })).toThrow(/intervalMs/);
  });
});
