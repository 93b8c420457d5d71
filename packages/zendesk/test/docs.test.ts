import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextFixture } from '@pillar/escalation-testkit';
import { zendeskMessenger, zendeskRequest, zendeskWebWidget } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { repoRoot } from './spec';
import { docsPage } from '../../../scripts/test-support/docs-page';

const { text: page, blockAfter } = docsPage('docs/adapters/zendesk.md');

const context = () => contextFixture('multi-turn');
const ticket = () =>
  zendeskTicket({ subdomain: 'acme', auth: { email: 'agent@acme.test', apiToken: 't' }, fields: { conversationId: 360002, reason: 360003, plan: 360004 }, priority: 'high' }).toPayload(context());

describe('docs/adapters/zendesk.md', () => {
  it('shows the ticket comment exactly as zendeskTicket renders it', () => {
    const payload = ticket();
    expect(blockAfter('rendered: zendeskTicket html_body (multi-turn fixture)')).toBe(payload.ticket.comment.html_body);
    expect(page).toContain(`**${payload.ticket.subject}**`);
  });

  it('shows the plain-text transcript exactly as the other three adapters send it', () => {
    const text = blockAfter('rendered: transcript text (multi-turn fixture)');
    expect(text).toBeDefined();
    expect(zendeskMessenger({ fields: { transcript: '1' } }).toPayload(context()).conversationFields[0]?.value).toBe(text);
    expect(zendeskRequest({ subdomain: 'acme' }).toPayload(context()).request.comment.body).toBe(text);
    expect(zendeskWebWidget().toPayload(context()).settings.webWidget.contactForm.fields[0]?.prefill['*']).toBe(text);
  });

  it('shows the ticket body the adapter sends (all but the comment text)', () => {
    const json = /```json\n([\s\S]*?)\n```/.exec(page)?.[1];
    const shown = JSON.parse(json ?? '{}') as ReturnType<typeof ticket>;
    const sent = ticket();
    expect({ ...shown.ticket, comment: { ...shown.ticket.comment, html_body: '' } }).toEqual({ ...sent.ticket, comment: { ...sent.ticket.comment, html_body: '' } });
    expect(sent.ticket.comment.html_body.startsWith(shown.ticket.comment.html_body.split('\n')[0] ?? '?')).toBe(true);
  });

  it('shows every compiled example exactly as its file in docs/examples', () => {
    const markers = [...page.matchAll(/<!-- (docs\/examples\/zendesk-\d+\.ts) -->/g)].map((m) => m[1] ?? '');
    expect(markers).toEqual(['docs/examples/zendesk-1.ts', 'docs/examples/zendesk-2.ts', 'docs/examples/zendesk-5.ts', 'docs/examples/zendesk-3.ts', 'docs/examples/zendesk-4.ts', 'docs/examples/zendesk-6.ts']);
    for (const file of markers) {
      expect({ file, code: blockAfter(file) }).toEqual({ file, code: readFileSync(join(repoRoot, file), 'utf8').trimEnd() });
    }
  });
});
