import type { ClientOutcome } from './client';
import { escalationMarker, type ProviderRecord } from './emulator/truth';
import { totalsByKind, type FaultCounts, type FaultKind, type RequestRole } from './faults';

/** The figures of one run, from the emulator's records (the truth) and what each user was told. */
export interface ChaosFigures {
  escalations: number;
  /** Told success while nothing exists, or told anything but a clear final failure while nothing exists. */
  lost: number;
  /** Escalations with more than one record, across all providers. */
  duplicates: number;
  /** The records beyond the first of those escalations. */
  extraRecords: number;
  /** Told "may exist" at the end. */
  unresolved: number;
  /** Told a clear, final failure although a record exists. */
  failedButExists: number;
  /** Told success with a reference that is none of its records. */
  wrongReference: number;
  /** Told, in the end: created, a clear failure, "may exist", still retryable. */
  told: Record<'created' | 'failed' | 'may-exist' | 'gave-up', number>;
  /** What the first call said, before the app retried. */
  firstTold: Record<'created' | 'failed' | 'may-exist' | 'gave-up', number>;
  /** Escalations whose app had to call more than once. */
  retriedByApp: number;
  /** The first calls' errors (`CODE: message`), by how often they came. */
  firstErrors: Record<string, number>;
  /** Records by provider. */
  records: Record<ProviderRecord['provider'], number>;
  /** Records that belong to no escalation of the run. */
  strayRecords: number;
  /** Faults injected, by kind (all roles), and by role. */
  faults: Record<FaultKind, number>;
  faultsByRole: FaultCounts;
  /** Provider requests seen, by role. */
  requests: Record<RequestRole, number>;
  /** What the browsers' POSTs to the relays got: HTTP statuses, or the network error's code. */
  relayAnswers: Record<string, number>;
  /** Wall-clock time of the run, in ms. */
  durationMs: number;
  /** Some of the failing escalations, for the report. */
  examples: string[];
}

const empty = () => ({ created: 0, failed: 0, 'may-exist': 0, 'gave-up': 0 });

/** Counts a run: `outcomes[i]` is what escalation `i` was told. */
export function tally(input: {
  outcomes: ClientOutcome[];
  records: readonly ProviderRecord[];
  faults: FaultCounts;
  requests: Record<RequestRole, number>;
  relayAnswers?: Record<string, number>;
  durationMs: number;
}): ChaosFigures {
  const byMarker = new Map<string, ProviderRecord[]>();
  let strayRecords = 0;
  const markers = new Set(input.outcomes.map((_, i) => escalationMarker(i)));
  for (const record of input.records) {
    if (record.escalation === undefined || !markers.has(record.escalation)) {
      strayRecords += 1;
      continue;
    }
    const list = byMarker.get(record.escalation);
    if (list) list.push(record);
    else byMarker.set(record.escalation, [record]);
  }
  const figures: ChaosFigures = {
    escalations: input.outcomes.length,
    lost: 0,
    duplicates: 0,
    extraRecords: 0,
    unresolved: 0,
    failedButExists: 0,
    wrongReference: 0,
    told: empty(),
    firstTold: empty(),
    retriedByApp: 0,
    firstErrors: {},
    records: { zendesk: 0, freshdesk: 0, intercom: 0 },
    strayRecords,
    faults: totalsByKind(input.faults),
    faultsByRole: input.faults,
    requests: input.requests,
    relayAnswers: { ...input.relayAnswers },
    durationMs: input.durationMs,
    examples: [],
  };
  for (const record of input.records) figures.records[record.provider] += 1;
  const example = (i: number, what: string, outcome: ClientOutcome, records: ProviderRecord[]) => {
    if (figures.examples.length >= 12) return;
    const detail = 'code' in outcome.told ? `${outcome.told.code}: ${outcome.told.message}` : `${outcome.told.provider ?? '?'} ${outcome.told.id ?? '?'}`;
    figures.examples.push(
      `#${i} ${what}: told ${outcome.told.kind} after ${outcome.calls} call(s) (${detail}); calls failed: ${outcome.trail.join(' / ') || 'none'}; records ${records.map((r) => `${r.provider}:${r.id}`).join(', ') || 'none'}`,
    );
  };
  input.outcomes.forEach((outcome, i) => {
    const records = byMarker.get(escalationMarker(i)) ?? [];
    const { told } = outcome;
    figures.told[told.kind] += 1;
    figures.firstTold[outcome.first] += 1;
    if (outcome.calls > 1) figures.retriedByApp += 1;
    if (outcome.firstError) figures.firstErrors[outcome.firstError] = (figures.firstErrors[outcome.firstError] ?? 0) + 1;
    if (records.length > 1) {
      figures.duplicates += 1;
      figures.extraRecords += records.length - 1;
      example(i, 'duplicate', outcome, records);
    }
    if (records.length === 0 && told.kind !== 'failed') {
      figures.lost += 1;
      example(i, 'lost', outcome, records);
    }
    if (told.kind === 'may-exist') {
      figures.unresolved += 1;
      if (records.length > 0) example(i, 'unresolved', outcome, records);
    }
    if (told.kind === 'failed' && records.length > 0) {
      figures.failedButExists += 1;
      example(i, 'failed but exists', outcome, records);
    }
    if (told.kind === 'created' && records.length > 0 && told.id !== undefined && !records.some((r) => r.id === told.id && (told.provider === undefined || r.provider === told.provider))) {
      figures.wrongReference += 1;
      example(i, 'wrong reference', outcome, records);
    }
  });
  return figures;
}

/** The figures as a few lines for the log and the docs. */
export function describeFigures(f: ChaosFigures): string {
  const pct = (n: number) => `${((100 * n) / Math.max(1, f.escalations)).toFixed(2)}%`;
  const faults = Object.entries(f.faults).map(([kind, n]) => `${kind} ${n}`).join(', ');
  const totalFaults = Object.values(f.faults).reduce((a, b) => a + b, 0);
  const totalRequests = Object.values(f.requests).reduce((a, b) => a + b, 0);
  return [
    `escalations ${f.escalations} in ${(f.durationMs / 1000).toFixed(1)} s`,
    `lost ${f.lost}, duplicates ${f.duplicates} (${f.extraRecords} extra records), unresolved ${f.unresolved} (${pct(f.unresolved)})`,
    `told: created ${f.told.created}, failed ${f.told.failed}, may exist ${f.told['may-exist']}, still retryable ${f.told['gave-up']}; failed although it exists ${f.failedButExists}; wrong reference ${f.wrongReference}`,
    `first answers: created ${f.firstTold.created}, failed ${f.firstTold.failed}, may exist ${f.firstTold['may-exist']}, retryable ${f.firstTold['gave-up']}; the app called again for ${f.retriedByApp}`,
    ...Object.entries(f.firstErrors)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([error, n]) => `  first answer ${n}x ${error}`),
    `records: zendesk ${f.records.zendesk}, freshdesk ${f.records.freshdesk}, intercom ${f.records.intercom}, stray ${f.strayRecords}`,
    `relay answers to the browsers: ${Object.entries(f.relayAnswers).sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ${n}`).join(', ') || 'none counted'}`,
    `faults: ${totalFaults} of ${totalRequests} provider requests (${((100 * totalFaults) / Math.max(1, totalRequests)).toFixed(1)}%): ${faults}`,
    ...f.examples.map((e) => `  ${e}`),
  ].join('\n');
}
