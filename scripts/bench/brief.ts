// What the handoff brief adds to toPayload at 1,000 messages: each adapter's toPayload with the
// brief (the default) against the same call with the brief left out (a registry's
// `brief: { enabled: false }`), measured alternately in the same run.
import { handoffBrief, type EscalationAdapter } from '@pillar/escalation-core';
import { withAttachedBrief } from '../../packages/core/src/brief/settings';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { zendeskMessenger, zendeskRequest, zendeskWebWidget } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { makeContext } from './contexts';
import { compare, duration, table } from './harness';

const adapters: [string, EscalationAdapter][] = [
  ['intercom-conversation (server)', intercomConversation({ accessToken: 'token' })],
  ['intercom-ticket (server)', intercomTicket({ accessToken: 'token', ticketTypeId: '88' })],
  ['zendesk-messenger', zendeskMessenger({ fields: { transcript: '360001234567' } })],
  ['zendesk-web-widget', zendeskWebWidget()],
  ['zendesk-request', zendeskRequest({ subdomain: 'acme' })],
  ['zendesk-ticket (server)', zendeskTicket({ subdomain: 'acme', auth: { email: 'bot@acme.com', apiToken: 'token' } })],
  ['freshdesk-widget', freshdeskWidget()],
  ['freshdesk-ticket (server)', freshdeskTicket({ domain: 'acme', apiKey: 'key' })],
  ['calendly (summary answer)', calendlyScheduling({ url: 'https://calendly.com/acme/support', answers: { a1: 'summary' } })],
  ['community-redirect (discourse)', communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) })],
];

export interface BriefFigures {
  markdown: string;
  /** The largest share the brief adds to one adapter's toPayload at 1,000 messages (0.2 = 20%). */
  worst: { name: string; added: number };
}

export function brief(log: (line: string) => void = () => {}): BriefFigures {
  const withBrief = makeContext(1_000);
  const withoutBrief = withAttachedBrief(makeContext(1_000), { enabled: false });
  const rows: string[][] = [];
  let worst = { name: '', added: -Infinity };
  const alone = compare(() => JSON.stringify(withBrief), () => handoffBrief(withBrief), { samples: 9, batchMs: 15 });
  // A conversation the brief reads whole (up to 60 messages): what the window bounds the work of any longer one to, about.
  const sixty = makeContext(60);
  const alone60 = compare(() => JSON.stringify(sixty), () => handoffBrief(sixty), { samples: 9, batchMs: 15 });
  for (const [name, adapter] of adapters) {
    const r = compare(() => adapter.toPayload(withoutBrief), () => adapter.toPayload(withBrief), { samples: 11, batchMs: 20 });
    const added = r.ratio - 1;
    if (added > worst.added) worst = { name, added };
    rows.push([name, duration(r.baselineNs), duration(r.candidateNs), `${added >= 0 ? '+' : ''}${(added * 100).toFixed(1)}%`]);
    log(`  ${rows[rows.length - 1]!.join(' | ')}`);
  }
  const markdown = [
    'Median `toPayload` time at 1,000 messages with the brief left out (a registry\'s `brief: { enabled: false }`) and with it (the default), measured alternately in the same run.',
    `\`handoffBrief\` alone: ${duration(alone.candidateNs)} at 1,000 messages (${alone.ratio.toFixed(2)}× \`JSON.stringify\` of the context), ${duration(alone60.candidateNs)} at 60 (read whole). It reads the first 12 and the latest 48 messages of a longer conversation.`,
    '',
    table(['adapter', 'without the brief', 'with the brief', 'added'], rows),
  ].join('\n');
  return { markdown, worst };
}
