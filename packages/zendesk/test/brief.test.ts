import { zendeskMessenger, zendeskRequest, zendeskWebWidget } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { briefContext, briefLength, expectBriefFirst } from '../../../scripts/test-support/brief';

const context = briefContext();
const ticket = (commentMaxLength?: number) =>
  zendeskTicket({ subdomain: 'acme', auth: { email: 'agent@acme.test', apiToken: 't' }, ...(commentMaxLength ? { commentMaxLength } : {}) }).toPayload(context).ticket.comment.html_body;
const request = (commentMaxLength?: number) => zendeskRequest({ subdomain: 'acme', ...(commentMaxLength ? { commentMaxLength } : {}) }).toPayload(context).request.comment.body;
const widget = (descriptionMaxLength?: number) =>
  zendeskWebWidget({ ...(descriptionMaxLength ? { descriptionMaxLength } : {}) }).toPayload(context).settings.webWidget.contactForm.fields[0]!.prefill['*'];
const messenger = (transcriptMaxBytes?: number) =>
  zendeskMessenger({ fields: { transcript: '1' }, ...(transcriptMaxBytes ? { transcriptMaxBytes } : {}) }).toPayload(context).conversationFields[0]!.value as string;

describe('zendesk: the handoff brief heads every transcript', () => {
  it.each([
    ['zendeskTicket html_body', () => ticket(), 'html'],
    ['zendeskRequest comment', () => request(), 'text'],
    ['zendeskWebWidget description', () => widget(), 'text'],
    ['zendeskMessenger field', () => messenger(), 'text'],
  ] as const)('%s: brief present, first and escaped', (_name, build, format) => {
    const out = build();
    expectBriefFirst(out, format);
    expect(out).toContain(format === 'html' ? '<strong>User' : 'User: ');
  });

  it('stays within each limit, and keeps the brief when the transcript is cut to nothing', () => {
    const html = briefLength(context, 'html');
    const text = briefLength(context, 'text');
    for (const max of [html - 60, html + 10, 2_000]) {
      const out = ticket(max);
      expect(out.length).toBeLessThanOrEqual(max);
      expectBriefFirst(out, 'html');
      if (max <= html + 10) expect(out).not.toContain('<strong>User');
    }
    for (const max of [text - 40, text + 10]) {
      for (const out of [request(max), widget(max)]) {
        expect(out.length).toBeLessThanOrEqual(max);
        expectBriefFirst(out, 'text');
        expect(out).not.toMatch(/^User: /m);
      }
    }
    const bytes = messenger(text + 10);
    expect(Buffer.byteLength(bytes, 'utf8')).toBeLessThanOrEqual(text + 10);
    expectBriefFirst(bytes, 'text');
  });
});
