import type { EscalationLifecycleStore, LifecycleApplyResult, LifecycleEntry, LifecycleRecord, LifecycleState } from '@pillar/escalation-server';
import { run, type RedisCommander } from './client';
import { LIFECYCLE_APPLY, LIFECYCLE_OPEN, LIFECYCLE_READ } from './lifecycle-scripts';

/** The lifecycle store on Redis (part of {@link redisStores}). */
export function redisLifecycleStore(client: RedisCommander, prefix: string, maxEntries: number): EscalationLifecycleStore {
  // `{id}`: the hash tag that keeps one lifecycle's keys on one cluster slot.
  const keys = (id: string) => {
    const base = `${prefix}lifecycle:{${id}}`;
    return [base, `${base}:log`, `${base}:seen`];
  };
  const ref = (reference: string) => `${prefix}lifecycle-ref:${reference}`;
  return {
    async open(id, record, references, ttlMs) {
      const created: LifecycleEntry = { seq: 1, state: 'created', at: record.createdAt, provider: 'relay' };
      await run(client, LIFECYCLE_OPEN, keys(id), [JSON.stringify(record), JSON.stringify(created), String(ttlMs)]);
      await Promise.all(references.map((reference) => client.sendCommand(['SET', ref(reference), id, 'PX', String(ttlMs)])));
    },
    async find(reference) {
      const id = await client.sendCommand(['GET', ref(reference)]);
      return typeof id === 'string' ? id : null;
    },
    async apply(id, change, ttlMs): Promise<LifecycleApplyResult> {
      const entry: Omit<LifecycleEntry, 'seq'> = { state: change.state, at: change.at, provider: change.provider };
      if (change.text !== undefined) entry.text = change.text;
      const reply = (await run(client, LIFECYCLE_APPLY, keys(id), [
        change.eventId,
        String(change.at),
        change.state,
        change.text ?? '',
        change.text === undefined ? '0' : '1',
        String(ttlMs),
        JSON.stringify(entry),
        String(maxEntries),
      ])) as [string, string?, string?];
      const [outcome, applied, previous] = reply;
      if (outcome === 'applied') return { outcome, entry: JSON.parse(applied!) as LifecycleEntry, previous: previous as LifecycleState };
      return { outcome: outcome as 'unchanged' | 'duplicate' | 'stale' | 'unknown' };
    },
    async read(id, afterSeq) {
      const reply = (await run(client, LIFECYCLE_READ, keys(id), [])) as string[] | null;
      if (!reply || reply.length < 2) return null;
      const [record, ...raw] = reply as [string, ...string[]];
      const entries = raw.map((e) => JSON.parse(e) as LifecycleEntry);
      return { record: JSON.parse(record) as LifecycleRecord, current: entries[entries.length - 1]!, entries: entries.filter((e) => e.seq > afterSeq) };
    },
  };
}
