// The contract every lifecycle store meets (memoryLifecycleStore here, the Redis one in
// packages/redis): one shared suite, called by each implementation's tests.
import type { EscalationLifecycleStore, LifecycleRecord } from '@pillar/escalation-server';

let unique = 0;
const fresh = (name: string) => `${name}-${process.pid}-${Date.now()}-${++unique}`;
const TTL = 60_000;
const record = (key: string, createdAt = 1_000): LifecycleRecord => ({ key, optionId: 'desk', kind: 'zendesk-ticket', createdAt, reference: { id: '1001', url: 'https://acme.zendesk.com/agent/tickets/1001' } });
const change = (eventId: string, state: 'assigned' | 'agent_replied' | 'solved' | 'closed', at: number, text?: string) => ({ eventId, state, at, provider: 'zendesk', ...(text === undefined ? {} : { text }) });

/** The lifecycle store's contract: open, references, once per event id, latest timestamp wins, reads after a seq. */
export function lifecycleStoreContract(make: () => EscalationLifecycleStore): void {
  describe('lifecycle store contract', () => {
    it('opens a lifecycle with created (seq 1), found by its references, and keeps it on a second open', async () => {
      const store = make();
      const id = fresh('open');
      const ref = fresh('ref:zendesk');
      expect(await store.read(id, 0)).toBeNull();
      await store.open(id, record('k1'), [ref, `${ref}-key`], TTL);
      expect(await store.find(ref)).toBe(id);
      expect(await store.find(`${ref}-key`)).toBe(id);
      expect(await store.find(fresh('nothing'))).toBeNull();
      await store.apply(id, change('e1', 'assigned', 5_000), TTL);
      await store.open(id, record('k1', 9_999), [ref], TTL);
      const snapshot = await store.read(id, 0);
      expect(snapshot).toEqual({
        record: record('k1'),
        current: { seq: 2, state: 'assigned', at: 5_000, provider: 'zendesk' },
        entries: [
          { seq: 1, state: 'created', at: 1_000, provider: 'relay' },
          { seq: 2, state: 'assigned', at: 5_000, provider: 'zendesk' },
        ],
      });
    });

    it('applies each event id once', async () => {
      const store = make();
      const id = fresh('dup');
      await store.open(id, record('k'), [], TTL);
      expect(await store.apply(id, change('e1', 'solved', 5_000), TTL)).toEqual({ outcome: 'applied', previous: 'created', entry: { seq: 2, state: 'solved', at: 5_000, provider: 'zendesk' } });
      expect(await store.apply(id, change('e1', 'solved', 5_000), TTL)).toEqual({ outcome: 'duplicate' });
      expect(await store.apply(id, change('e1', 'closed', 9_000), TTL)).toEqual({ outcome: 'duplicate' });
      expect((await store.read(id, 0))!.entries).toHaveLength(2);
    });

    it('applies each of many simultaneous deliveries of one event exactly once', async () => {
      const store = make();
      const id = fresh('race');
      await store.open(id, record('k'), [], TTL);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.apply(id, change('same', 'assigned', 5_000), TTL)));
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    });

    it('lets the latest provider timestamp win: an older event arriving late is stale', async () => {
      const store = make();
      const id = fresh('order');
      // A provider clock behind the relay's (created at 1,000) still counts.
      await store.open(id, record('k', 10_000), [], TTL);
      expect((await store.apply(id, change('e2', 'solved', 9_000), TTL)).outcome).toBe('applied');
      expect((await store.apply(id, change('e1', 'agent_replied', 8_000, 'Late'), TTL)).outcome).toBe('stale');
      expect((await store.apply(id, change('e3', 'closed', 9_000), TTL)).outcome).toBe('applied');
      const snapshot = (await store.read(id, 0))!;
      expect(snapshot.current.state).toBe('closed');
      expect(snapshot.entries.map((e) => e.state)).toEqual(['created', 'solved', 'closed']);
    });

    it('ignores the same state again unless it brings new text', async () => {
      const store = make();
      const id = fresh('same');
      await store.open(id, record('k'), [], TTL);
      expect((await store.apply(id, change('a', 'agent_replied', 2_000, 'One'), TTL)).outcome).toBe('applied');
      expect((await store.apply(id, change('b', 'agent_replied', 3_000, 'One'), TTL)).outcome).toBe('unchanged');
      expect((await store.apply(id, change('c', 'agent_replied', 4_000, 'Two'), TTL)).outcome).toBe('applied');
      expect((await store.apply(id, change('d', 'agent_replied', 5_000), TTL)).outcome).toBe('unchanged');
      const snapshot = (await store.read(id, 0))!;
      expect(snapshot.entries.map((e) => [e.seq, e.text])).toEqual([
        [1, undefined],
        [2, 'One'],
        [3, 'Two'],
      ]);
    });

    it('reads only the entries after a seq, with the current state', async () => {
      const store = make();
      const id = fresh('after');
      await store.open(id, record('k'), [], TTL);
      await store.apply(id, change('a', 'assigned', 2_000), TTL);
      await store.apply(id, change('b', 'solved', 3_000), TTL);
      const after = (await store.read(id, 2))!;
      expect(after.entries.map((e) => e.seq)).toEqual([3]);
      expect(after.current).toMatchObject({ seq: 3, state: 'solved' });
      expect((await store.read(id, 3))!.entries).toEqual([]);
    });

    it('answers unknown for an event on a lifecycle it does not hold', async () => {
      const store = make();
      expect(await store.apply(fresh('none'), change('a', 'assigned', 2_000), TTL)).toEqual({ outcome: 'unknown' });
    });

    it('forgets a lifecycle after its ttl', async () => {
      const store = make();
      const id = fresh('ttl');
      const ref = fresh('ref');
      // 500 ms: the read right after the open must come within the ttl, also on a loaded machine (150 ms was tight).
      await store.open(id, record('k'), [ref], 500);
      expect(await store.read(id, 0)).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 650));
      expect(await store.read(id, 0)).toBeNull();
      expect(await store.find(ref)).toBeNull();
    });
  });
}
