import { memoryLifecycleStore } from '@pillar/escalation-server';
import { lifecycleStoreContract } from './lifecycle-store-contract';

lifecycleStoreContract(() => memoryLifecycleStore());

describe('memoryLifecycleStore', () => {
  const record = { key: 'k', optionId: 'o', kind: 'zendesk-ticket', createdAt: 0 };

  it('keeps the latest maxEntries entries of a lifecycle', () => {
    const store = memoryLifecycleStore({ maxEntries: 3 });
    store.open('a', record, [], 60_000);
    for (let i = 1; i <= 5; i++) store.apply('a', { eventId: `e${i}`, state: i % 2 ? 'assigned' : 'waiting_on_user', at: i, provider: 'zendesk' }, 60_000);
    expect(store.read('a', 0)!.entries.map((e) => e.seq)).toEqual([4, 5, 6]);
  });

  it('drops the oldest lifecycles past maxLifecycles', () => {
    const store = memoryLifecycleStore({ maxLifecycles: 10 });
    for (let i = 0; i < 25; i++) store.open(`l${i}`, record, [`r${i}`], 60_000);
    expect(store.read('l0', 0)).toBeNull();
    expect(store.find('r0')).toBeNull();
    expect(store.read('l24', 0)).not.toBeNull();
    expect(store.find('r24')).toBe('l24');
  });

  it('refuses bad options (CONFIGURATION)', () => {
    expect(() => memoryLifecycleStore({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
