import type { ClientOutcome } from '../src/client';
import { escalationMarker, type ProviderRecord } from '../src/emulator/truth';
import { faultPlan } from '../src/faults';
import { describeFigures, tally } from '../src/tally';

const record = (index: number, provider: ProviderRecord['provider'], id: string): ProviderRecord => ({ provider, id, escalation: escalationMarker(index), createdAt: 0 });
const created = (provider: ProviderRecord['provider'], id: string, calls = 1): ClientOutcome => ({ told: { kind: 'created', provider, id }, calls, first: 'created', trail: [] });
const told = (kind: 'failed' | 'may-exist' | 'gave-up', calls = 1): ClientOutcome => ({ told: { kind, code: 'PROVIDER_UNAVAILABLE', message: 'x' }, calls, first: kind, trail: [] });

function count(outcomes: ClientOutcome[], records: ProviderRecord[]) {
  const plan = faultPlan(0, Math.random);
  return tally({ outcomes, records, faults: plan.counts(), requests: plan.requests(), durationMs: 1 });
}

describe('tally: the figures come from the records, not from what users were told', () => {
  it('a clean run counts nothing', () => {
    const f = count([created('zendesk', '1'), created('intercom', '2')], [record(0, 'zendesk', '1'), record(1, 'intercom', '2')]);
    expect(f).toMatchObject({ lost: 0, duplicates: 0, unresolved: 0, failedButExists: 0, wrongReference: 0, strayRecords: 0 });
    expect(f.told.created).toBe(2);
  });

  it('success with nothing made is lost; so are "may exist" and "still retryable" with nothing made; a clear failure is not', () => {
    const f = count([created('zendesk', '1'), told('may-exist'), told('gave-up'), told('failed')], []);
    expect(f.lost).toBe(3);
    expect(f.unresolved).toBe(1);
  });

  it('two records of one escalation across providers are a duplicate', () => {
    const f = count([created('zendesk', '1')], [record(0, 'zendesk', '1'), record(0, 'freshdesk', '9'), record(0, 'freshdesk', '10')]);
    expect(f.duplicates).toBe(1);
    expect(f.extraRecords).toBe(2);
    expect(f.examples[0]).toMatch(/#0 duplicate/);
  });

  it('a failure told while the record exists, and a reference to someone else\'s record, are counted', () => {
    const f = count([told('failed'), created('zendesk', '7')], [record(0, 'zendesk', '1'), record(1, 'zendesk', '8')]);
    expect(f.failedButExists).toBe(1);
    expect(f.wrongReference).toBe(1);
    expect(f.lost).toBe(0);
  });

  it('records of no escalation of the run are stray; retries by the app are counted', () => {
    const f = count([created('zendesk', '1', 3)], [record(0, 'zendesk', '1'), { provider: 'intercom', id: '5', escalation: undefined, createdAt: 0 }, record(42, 'zendesk', '2')]);
    expect(f.strayRecords).toBe(2);
    expect(f.retriedByApp).toBe(1);
    expect(describeFigures(f)).toMatch(/lost 0, duplicates 0/);
  });
});
