import { describe, expect, it } from '@jest/globals';
import { installGlobal } from '@pillar/escalation-testkit/fakes';

const g = globalThis as unknown as Record<string, unknown>;

describe('installGlobal', () => {
  it('installs a value and removes it again when there was none', () => {
    const uninstall = installGlobal('__pillarFake', { calls: [] });
    expect(g.__pillarFake).toEqual({ calls: [] });
    uninstall();
    expect('__pillarFake' in globalThis).toBe(false);
  });

  it('restores the previous value, descriptor included', () => {
    const target: Record<string, unknown> = {};
    Object.defineProperty(target, 'zE', { value: 'real', enumerable: false, configurable: true, writable: false });
    const uninstall = installGlobal('zE', 'fake', target);
    expect(target.zE).toBe('fake');
    uninstall();
    expect(Object.getOwnPropertyDescriptor(target, 'zE')).toEqual({ value: 'real', enumerable: false, configurable: true, writable: false });
  });

  it('restores in reverse order when nested, and a second uninstall does nothing', () => {
    const target: Record<string, unknown> = { Calendly: 'original' };
    const first = installGlobal('Calendly', 'one', target);
    const second = installGlobal('Calendly', 'two', target);
    second();
    expect(target.Calendly).toBe('one');
    first();
    expect(target.Calendly).toBe('original');
    second();
    first();
    expect(target.Calendly).toBe('original');
  });

  it('restores even when the code under test replaced the fake', () => {
    const target: Record<string, unknown> = {};
    const uninstall = installGlobal('Intercom', () => 'stub', target);
    target.Intercom = () => 'sdk replaced me';
    uninstall();
    expect('Intercom' in target).toBe(false);
  });

  it('assigns a non-configurable but writable property and assigns it back', () => {
    const target = {};
    Object.defineProperty(target, 'fixed', { value: 1, configurable: false, writable: true });
    const uninstall = installGlobal('fixed', 2, target);
    expect((target as { fixed: number }).fixed).toBe(2);
    uninstall();
    expect((target as { fixed: number }).fixed).toBe(1);
  });

  it('refuses a property that can be neither redefined nor assigned', () => {
    const target = Object.freeze({ locked: 1 });
    expect(() => installGlobal('locked', 2, target)).toThrow('installGlobal: locked is neither configurable nor writable');
  });
});
