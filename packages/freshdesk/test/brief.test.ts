import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { briefContext, briefLength, expectBriefFirst } from '../../../scripts/test-support/brief';

const context = briefContext();
const ticket = (descriptionMaxLength?: number) =>
  freshdeskTicket({ domain: 'acme', apiKey: 'k', ...(descriptionMaxLength ? { descriptionMaxLength } : {}) }).toPayload(context).description;
const widget = (descriptionMaxLength?: number) => freshdeskWidget({ ...(descriptionMaxLength ? { descriptionMaxLength } : {}) }).toPayload(context).prefill.description;

describe('freshdesk: the handoff brief heads every transcript', () => {
  it('is present, first and escaped in the ticket description (html) and the widget description (text)', () => {
    expectBriefFirst(ticket(), 'html');
    expect(ticket()).toContain('<strong>User');
    expectBriefFirst(widget(), 'text');
    expect(widget()).toMatch(/^User: /m);
  });

  it('stays within the limit, and keeps the brief when the transcript is cut to nothing', () => {
    const html = briefLength(context, 'html');
    for (const max of [html - 60, html + 10]) {
      const out = ticket(max);
      expect(out.length).toBeLessThanOrEqual(max);
      expectBriefFirst(out, 'html');
      expect(out).not.toContain('<strong>User');
      expect(out).toContain('left out');
    }
    const text = briefLength(context, 'text');
    for (const max of [text - 40, text + 10]) {
      const out = widget(max);
      expect(out.length).toBeLessThanOrEqual(max);
      expectBriefFirst(out, 'text');
      expect(out).not.toMatch(/^User: /m);
    }
  });
});
