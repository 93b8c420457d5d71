/** @jest-environment jest-fixed-jsdom */
import { installFreshdeskWidgetFake } from '@pillar/escalation-testkit/fakes';

type Win = Window & { FreshworksWidget?: ((...args: unknown[]) => unknown) & { q?: unknown[] }; fwSettings?: unknown };
const win = window as Win;

describe('installFreshdeskWidgetFake (the recording FreshworksWidget)', () => {
  it('blocked: the loader stub queues calls in q and nothing ever handles them', () => {
    const fake = installFreshdeskWidgetFake({ mode: 'blocked' });
    try {
      win.FreshworksWidget?.('open', 'ticketForm');
      expect(Array.isArray(win.FreshworksWidget?.q)).toBe(true);
      expect(fake.queued).toEqual([{ method: 'open', args: ['ticketForm'] }]);
      expect(fake.calls).toEqual([]);
      expect(fake.open).toBe(false);
      expect(() => fake.load()).toThrow(/blocked/);
      expect(document.getElementById('freshworks-container')).toBeNull();
    } finally {
      fake.uninstall();
    }
  });

  it('loading: load() replays the queue in order, replaces the stub and renders the container', () => {
    const fake = installFreshdeskWidgetFake({ mode: 'loading' });
    try {
      const stub = win.FreshworksWidget;
      stub?.('identify', 'ticketForm', { email: 'a@example.com' });
      stub?.('open', 'ticketForm');
      fake.load();
      expect(win.FreshworksWidget).not.toBe(stub);
      expect(win.FreshworksWidget?.q).toBeUndefined();
      expect(fake.methods()).toEqual(['identify', 'open']);
      expect(fake.identity).toEqual({ email: 'a@example.com' });
      expect(fake.open).toBe(true);
      expect(document.getElementById('freshworks-container')).not.toBeNull();
    } finally {
      fake.uninstall();
    }
  });

  it("close() closes the form as FreshworksWidget('close') does and records the call; before loading it does nothing", () => {
    const fake = installFreshdeskWidgetFake({ mode: 'loading' });
    try {
      fake.close();
      expect(fake.calls).toEqual([]);
      fake.load();
      win.FreshworksWidget?.('open', 'ticketForm');
      expect(fake.open).toBe(true);
      fake.close();
      expect(fake.open).toBe(false);
      expect(fake.calls.at(-1)).toEqual({ method: 'close', args: [] });
      expect(fake.methods()).toEqual(['open', 'close']);
    } finally {
      fake.uninstall();
    }
  });

  it('uninstall restores what was on window before and removes the container', () => {
    const mine = () => undefined;
    win.FreshworksWidget = mine;
    const fake = installFreshdeskWidgetFake({ mode: 'absent' });
    fake.load();
    expect(win.FreshworksWidget).not.toBe(mine);
    fake.uninstall();
    expect(win.FreshworksWidget).toBe(mine);
    expect(win.fwSettings).toBeUndefined();
    expect(document.getElementById('freshworks-container')).toBeNull();
    delete win.FreshworksWidget;
  });
});
