// Registry overhead: `escalate` through a registry vs calling the adapter yourself.
import { container as rootContainer } from 'tsyringe';
import { createRegistry, defaultRedactor, escalationKey, redactContext, REDACTOR, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { makeContext } from './contexts';
import { compareAsync, duration, table } from './harness';

const delivered = Promise.resolve({ status: 'opened' as const });
const noop: EscalationAdapter<{ messages: number }> = {
  kind: 'noop',
  runtime: 'universal',
  toPayload: (context) => ({ messages: context.messages.length }),
  deliver: () => delivered,
};
// A real payload (HTML transcript, subject, fields) with a delivery that does nothing.
const ticket = zendeskTicket({ subdomain: 'acme', auth: { email: 'bot@acme.com', apiToken: 'token' } });
const ticketNoIo: EscalationAdapter = { kind: 'zendesk-ticket', runtime: 'universal', toPayload: (c) => ticket.toPayload(c), deliver: () => delivered };

export interface RegistryFigures {
  markdown: string;
  /** escalate (no-op adapter, default redactor) over a direct call with the same redaction, 10 messages */
  ratio: number;
}

export async function registry(log: (line: string) => void = () => {}): Promise<RegistryFigures> {
  const noRedaction = rootContainer.createChildContainer();
  noRedaction.register(REDACTOR, { useValue: (text: string) => text });
  const rows: string[][] = [];
  let headline = 0;
  const cases: [string, EscalationAdapter, number][] = [
    ['no-op adapter', noop, 10],
    ['no-op adapter', noop, 1_000],
    ['zendesk-ticket toPayload, no-op deliver', ticketNoIo, 10],
  ];
  for (const [label, adapter, size] of cases) {
    const context: EscalationContext = makeContext(size);
    const options = [{ id: 'human', label: 'Talk to a human', adapter }];
    const withDefault = createRegistry(options);
    const withoutRedaction = createRegistry({ options, container: noRedaction });
    const direct = () => adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' });
    const directRedacted = () => {
      const redacted = redactContext(context, defaultRedactor);
      return adapter.deliver(adapter.toPayload(redacted), { context: redacted, idempotencyKey: 'k' });
    };
    // What a direct call pays for the same guarantees: the redaction and the idempotency key.
    const directKeyed = () => {
      const redacted = redactContext(context, defaultRedactor);
      return adapter.deliver(adapter.toPayload(redacted), { context: redacted, idempotencyKey: escalationKey(context, 'human') });
    };
    const same = await compareAsync(directRedacted, () => withDefault.escalate('human', context));
    const keyed = await compareAsync(directKeyed, () => withDefault.escalate('human', context));
    const bare = await compareAsync(direct, () => withoutRedaction.escalate('human', context));
    if (rows.length === 0) headline = same.ratio;
    const row = [
      `${label}, ${size.toLocaleString('en-US')} messages`,
      duration(bare.baselineNs),
      `${duration(bare.candidateNs)} (${bare.ratio.toFixed(2)}×)`,
      duration(same.baselineNs),
      `${duration(same.candidateNs)} (${same.ratio.toFixed(2)}×)`,
      `${duration(keyed.baselineNs)} (\`escalate\` ${keyed.ratio.toFixed(2)}×)`,
    ];
    rows.push(row);
    log(`  ${row.join(' | ')}`);
  }
  const markdown = [
    'Median time per call, each call awaited. Left: redaction off in both (`REDACTOR` = identity), so the ratio is the registry\'s own work (lookup, gate, idempotency key, in-flight map, events, result). Middle: the default redactor in both (the registry always redacts; the direct call does the same `redactContext` itself); its ratio is the aim. Right: the direct call also derives the idempotency key (`escalationKey`), as it must to get the same guarantee (a retry or a double click never makes two tickets), so the ratio is the registry\'s work beyond redaction and key (lookup, in-flight map, events, result, async path).',
    '',
    table(
      ['case', 'direct, no redaction', '`escalate`, no redaction', 'direct + `redactContext`', '`escalate`, default redactor', 'direct + `redactContext` + `escalationKey`'],
      rows,
    ),
  ].join('\n');
  return { markdown, ratio: headline };
}
