// toPayload and renderTranscript time against JSON.stringify of the same context (the floor: one
// pass over the data), at 10 to 10,000 messages, and how the time grows with the size.
import { renderTranscript, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { zendeskMessenger, zendeskRequest, zendeskWebWidget } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { makeContext } from './contexts';
import { compare, duration, table } from './harness';

export const SIZES = [10, 100, 1_000, 10_000] as const;

const adapters: [string, EscalationAdapter][] = [
  ['intercom-messenger', intercomMessenger({ appId: 'abc123' })],
  ['intercom-conversation (server)', intercomConversation({ accessToken: 'token' })],
  ['intercom-ticket (server)', intercomTicket({ accessToken: 'token', ticketTypeId: '88' })],
  ['zendesk-messenger', zendeskMessenger({ fields: { transcript: '360001234567' } })],
  ['zendesk-web-widget', zendeskWebWidget()],
  ['zendesk-request', zendeskRequest({ subdomain: 'acme' })],
  ['zendesk-ticket (server)', zendeskTicket({ subdomain: 'acme', auth: { email: 'bot@acme.com', apiToken: 'token' } })],
  ['freshdesk-widget', freshdeskWidget()],
  ['freshdesk-ticket (server)', freshdeskTicket({ domain: 'acme', apiKey: 'key' })],
  ['calendly', calendlyScheduling({ url: 'https://calendly.com/acme/support' })],
  ['community-redirect (discourse)', communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) })],
];

const renders: [string, (context: EscalationContext) => string][] = [
  ['renderTranscript text', (c) => renderTranscript(c, { format: 'text' })],
  ['renderTranscript text, redact: false', (c) => renderTranscript(c, { format: 'text', redact: false })],
  ['renderTranscript markdown', (c) => renderTranscript(c, { format: 'markdown' })],
  ['renderTranscript html', (c) => renderTranscript(c, { format: 'html' })],
  ['renderTranscript html, maxLength 65,000', (c) => renderTranscript(c, { format: 'html', maxLength: 65_000 })],
];

export interface PayloadFigures {
  markdown: string;
  /** ratio to JSON.stringify at 1,000 messages, per target */
  at1000: Record<string, number>;
}

export function payloads(log: (line: string) => void = () => {}): PayloadFigures {
  const contexts = SIZES.map((n) => makeContext(n));
  const stringifyNs: number[][] = SIZES.map(() => []);
  const rows: string[][] = [];
  const growthRows: string[][] = [];
  const at1000: Record<string, number> = {};
  const targets: [string, (c: EscalationContext) => unknown][] = [
    ...adapters.map(([name, adapter]): [string, (c: EscalationContext) => unknown] => [`toPayload ${name}`, (c) => adapter.toPayload(c)]),
    ...renders,
  ];
  for (const [name, fn] of targets) {
    const cells: string[] = [name];
    const times: number[] = [];
    contexts.forEach((context, i) => {
      const big = SIZES[i]! >= 10_000;
      const r = compare(() => JSON.stringify(context), () => fn(context), { samples: big ? 5 : 9, batchMs: big ? 30 : 15 });
      stringifyNs[i]!.push(r.baselineNs);
      times.push(r.candidateNs);
      cells.push(`${duration(r.candidateNs)} (${r.ratio.toFixed(1)}×)`);
      if (SIZES[i] === 1_000) at1000[name] = r.ratio;
    });
    rows.push(cells);
    growthRows.push([name, ...times.slice(1).map((t, i) => `${(t / times[i]!).toFixed(1)}×`), `${(times[3]! / SIZES[3]! / (times[1]! / SIZES[1]!)).toFixed(2)}`]);
    log(`  ${cells.join(' | ')}`);
  }
  const floor = stringifyNs.map((values) => values.sort((a, b) => a - b)[values.length >> 1]!);
  const jsonBytes = contexts.map((c) => JSON.stringify(c).length);
  const markdown = [
    'Median time per call; in parentheses the ratio to `JSON.stringify` of the same context, measured alternately with it in the same run. Redaction (the default redactor) is included where the adapter applies it.',
    '',
    table(
      ['messages', ...SIZES.map((n) => n.toLocaleString('en-US'))],
      [
        ['context JSON size', ...jsonBytes.map((b) => `${(b / 1024).toFixed(b < 10_240 ? 1 : 0)} KiB`)],
        ['`JSON.stringify` (floor)', ...floor.map(duration)],
        ...rows,
      ],
    ),
    '',
    'Growth: time at n messages over time at n/10 (10× means linear; less than 10× means bounded by a cut), and the cost per message at 10,000 over the cost per message at 100.',
    '',
    table(['target', '10 → 100', '100 → 1,000', '1,000 → 10,000', 'per-message 10,000 / 100'], growthRows),
  ].join('\n');
  return { markdown, at1000 };
}
