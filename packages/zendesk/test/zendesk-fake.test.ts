/** @jest-environment jest-fixed-jsdom */
import { installZendeskWidgetFake } from '@pillar/escalation-testkit/fakes';

type ZE = (...args: unknown[]) => unknown;
const zE = (): ZE => (window as unknown as { zE: ZE }).zE;

describe('the zE recording fake', () => {
  afterEach(() => jest.useRealTimers());

  it("uninstall puts back the page's own zE instead of deleting it, even after the code replaced the fake", () => {
    const w = window as unknown as { zE?: ZE };
    const mine: ZE = () => undefined;
    w.zE = mine;
    try {
      const fake = installZendeskWidgetFake({ mode: 'loaded' });
      expect(zE()).not.toBe(mine);
      fake.uninstall();
      expect(w.zE).toBe(mine);
      const again = installZendeskWidgetFake({ mode: 'loaded' });
      w.zE = () => 'replaced by the code under test';
      again.uninstall();
      expect(w.zE).toBe(mine);
    } finally {
      delete w.zE;
    }
    const absent = installZendeskWidgetFake({ mode: 'absent' });
    absent.load();
    absent.uninstall();
    expect('zE' in window).toBe(false);
  });

  it('queues calls while loading and replays them, in order, when the widget loads', () => {
    const fake = installZendeskWidgetFake({ mode: 'loading' });
    zE()('messenger:set', 'conversationTags', ['a']);
    zE()('messenger', 'open');
    expect(fake.calls).toEqual([]);
    expect(fake.queued.map((c) => c.command)).toEqual(['messenger:set', 'messenger']);
    fake.load();
    expect(fake.commands()).toEqual(['messenger:set conversationTags', 'messenger open']);
    expect(fake.conversationTags).toEqual(['a']);
    expect(fake.open).toBe(true);
    fake.uninstall();
  });

  it('never loads when blocked, and has no zE when absent', () => {
    const blocked = installZendeskWidgetFake({ mode: 'blocked' });
    expect(typeof zE()).toBe('function');
    expect(() => blocked.load()).toThrow(/blocked/);
    blocked.uninstall();
    const absent = installZendeskWidgetFake({ mode: 'absent' });
    expect((window as unknown as { zE?: unknown }).zE).toBeUndefined();
    absent.load();
    expect(typeof zE()).toBe('function');
    absent.uninstall();
  });

  it('fires open after openDelayMs, unsubscribes, and leaves no timer after uninstall', () => {
    jest.useFakeTimers();
    const fake = installZendeskWidgetFake({ openDelayMs: 100 });
    const seen: unknown[] = [];
    const off = zE()('messenger:on', 'open', (event: unknown) => seen.push(event)) as () => void;
    zE()('messenger', 'open');
    expect(seen).toEqual([]);
    jest.advanceTimersByTime(100);
    expect(seen).toEqual([{ type: 'open' }]);
    off();
    expect(fake.listenerCount('open')).toBe(0);
    zE()('messenger', 'close');
    zE()('messenger', 'open');
    expect(jest.getTimerCount()).toBe(1);
    fake.uninstall();
    expect(jest.getTimerCount()).toBe(0);
    expect((window as unknown as { zE?: unknown }).zE).toBeUndefined();
  });

  it('merges conversation fields by id and deep-merges Classic settings', () => {
    const messenger = installZendeskWidgetFake();
    zE()('messenger:set', 'conversationFields', [{ id: '1', value: 'a' }, { id: '2', value: 'b' }]);
    zE()('messenger:set', 'conversationFields', [{ id: '1', value: 'c' }]);
    expect(messenger.conversationFields).toEqual([{ id: '1', value: 'c' }, { id: '2', value: 'b' }]);
    messenger.uninstall();
    const classic = installZendeskWidgetFake({ product: 'webWidget' });
    zE()('webWidget', 'updateSettings', { webWidget: { color: { theme: '#000' } } });
    zE()('webWidget', 'updateSettings', { webWidget: { contactForm: { tags: ['x'] } } });
    expect(classic.settings).toEqual({ webWidget: { color: { theme: '#000' }, contactForm: { tags: ['x'] } } });
    classic.uninstall();
  });

  it('answers only its own product, as the real widgets do', () => {
    const classic = installZendeskWidgetFake({ product: 'webWidget' });
    expect(zE()('messenger:on', 'open', () => undefined)).toBeUndefined();
    zE()('messenger', 'open');
    expect(classic.open).toBe(false);
    expect(classic.listenerCount('open')).toBe(0);
    expect(classic.commands()).toEqual(['messenger:on open', 'messenger open']);
    classic.uninstall();
  });
});
