// The contract every relay store meets (the in-memory ones here, the Redis ones in
// packages/redis): one shared suite, called by each implementation's tests. Real time, short
// leases, so a store with its own clock (Redis PX) runs it as it is.
import type { AttemptJournal } from '@pillar/escalation-core';
import type { EscalationIdempotencyStore, RateLimitStore, RelayAnswer } from '@pillar/escalation-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const answer = (n: number): RelayAnswer => ({ status: 201, body: `{"n":${n}}` });
let unique = 0;
/** A key no other test (or earlier run against the same Redis) used. */
const fresh = (name: string) => `${name}-${process.pid}-${Date.now()}-${++unique}`;

/** The idempotency store's contract: claims, fingerprints, renewals, answers, releases, expiry. */
export function idempotencyStoreContract(make: () => EscalationIdempotencyStore): void {
  describe('idempotency store contract', () => {
    it('claims an empty key (null), then shows the claim to everyone else', async () => {
      const store = make();
      const key = fresh('claim');
      expect(await store.claim(key, { fingerprint: 'f1', owner: 'a', leaseMs: 5_000 })).toBeNull();
      const seen = await store.claim(key, { fingerprint: 'f2', owner: 'b', leaseMs: 5_000 });
      expect(seen).toMatchObject({ fingerprint: 'f1', owner: 'a' });
      expect(seen?.answer).toBeUndefined();
      expect(seen?.leaseLeftMs).toBeGreaterThan(4_000);
      expect(seen?.leaseLeftMs).toBeLessThanOrEqual(5_000);
    });

    it('lets exactly one of many simultaneous claims win', async () => {
      const store = make();
      const key = fresh('race');
      const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.claim(key, { fingerprint: 'f', owner: `o${i}`, leaseMs: 5_000 })));
      expect(results.filter((r) => r === null)).toHaveLength(1);
    });

    it('renews only for the holder', async () => {
      const store = make();
      const key = fresh('renew');
      // 600 ms: both renewals must come within the first lease, also on a loaded machine (300 ms was tight).
      await store.claim(key, { fingerprint: 'f', owner: 'a', leaseMs: 600 });
      expect(await store.renew(key, 'b', 5_000)).toBe(false);
      expect(await store.renew(key, 'a', 5_000)).toBe(true);
      await sleep(750);
      // Renewed past the first lease: still held.
      expect(await store.claim(key, { fingerprint: 'f', owner: 'c', leaseMs: 300 })).toMatchObject({ owner: 'a' });
    });

    it('lets the next claimant take over once a lease ran out unrenewed', async () => {
      const store = make();
      const key = fresh('stale');
      await store.claim(key, { fingerprint: 'f', owner: 'dead', leaseMs: 150 });
      await sleep(250);
      expect(await store.renew(key, 'dead', 5_000)).toBe(false);
      expect(await store.claim(key, { fingerprint: 'f', owner: 'next', leaseMs: 5_000 })).toBeNull();
    });

    it('keeps a completed answer with its fingerprint for its TTL; a release no longer drops it', async () => {
      const store = make();
      const key = fresh('complete');
      await store.claim(key, { fingerprint: 'f1', owner: 'a', leaseMs: 5_000 });
      // 600 ms: the three calls below must come within the TTL, also on a loaded machine (300 ms was tight).
      await store.complete(key, 'a', { fingerprint: 'f1', answer: answer(1) }, 600);
      await store.release(key, 'a');
      expect(await store.renew(key, 'a', 5_000)).toBe(false);
      const seen = await store.claim(key, { fingerprint: 'f2', owner: 'b', leaseMs: 5_000 });
      expect(seen).toMatchObject({ fingerprint: 'f1', answer: answer(1) });
      expect(seen?.owner).toBeUndefined();
      await sleep(750);
      expect(await store.claim(key, { fingerprint: 'f2', owner: 'b', leaseMs: 5_000 })).toBeNull();
    });

    it('drops a claim on release by its holder only', async () => {
      const store = make();
      const key = fresh('release');
      await store.claim(key, { fingerprint: 'f', owner: 'a', leaseMs: 5_000 });
      await store.release(key, 'b');
      expect(await store.claim(key, { fingerprint: 'f', owner: 'b', leaseMs: 5_000 })).toMatchObject({ owner: 'a' });
      await store.release(key, 'a');
      expect(await store.claim(key, { fingerprint: 'f', owner: 'b', leaseMs: 5_000 })).toBeNull();
    });
  });
}

/** The attempt journal's contract: appends kept in order, per key. */
export function attemptJournalContract(make: () => AttemptJournal): void {
  describe('attempt journal contract', () => {
    it('reads nothing for an unknown key, then every append in order', async () => {
      const journal = make();
      const key = fresh('journal');
      expect(await journal.read(key)).toEqual([]);
      await journal.append(key, { optionId: 'zendesk', kind: 'zendesk-ticket', at: 1 });
      await journal.append(key, { optionId: 'freshdesk', kind: 'freshdesk-ticket', at: 2 });
      await journal.append(fresh('other'), { optionId: 'x', kind: 'x', at: 3 });
      expect(await journal.read(key)).toEqual([
        { optionId: 'zendesk', kind: 'zendesk-ticket', at: 1 },
        { optionId: 'freshdesk', kind: 'freshdesk-ticket', at: 2 },
      ]);
    });
  });
}

/** The rate-limit store's contract: fixed windows, counted exactly under concurrency. */
export function rateLimitStoreContract(make: () => RateLimitStore): void {
  describe('rate limit store contract', () => {
    it('counts every hit in a window exactly, and starts again after it', async () => {
      const store = make();
      const key = fresh('rate');
      const before = Date.now();
      // A 600 ms window: the twenty hits must all land in it, also on a loaded machine (300 ms was tight).
      const hits = await Promise.all(Array.from({ length: 20 }, () => store.hit(key, 600)));
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      for (const hit of hits) {
        expect(hit.resetAt).toBeGreaterThan(before);
        expect(hit.resetAt).toBeLessThanOrEqual(Date.now() + 600);
      }
      await sleep(750);
      expect((await store.hit(key, 600)).count).toBe(1);
    });
  });
}
