import { renderTranscript, truncateText } from '@pillar/escalation-core';
import { FRESHDESK_PRIORITY, freshdeskWidget, type FreshdeskWidgetOptions } from '@pillar/escalation-freshdesk';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { billingContext } from './support';

describe('freshdeskWidget toPayload', () => {
  it('identifies the user and prefills subject, a plain-text transcript and the mapped fields', () => {
    const context = billingContext();
    const payload = freshdeskWidget({
      fields: { reason: 'cf_reason', conversationId: 'cf_conversation_id' },
      formId: 5,
      priority: FRESHDESK_PRIORITY.medium,
      type: 'Question',
      groupId: 43,
      hide: ['custom_fields.cf_conversation_id'],
    }).toPayload(context);
    expect(payload).toEqual({
      identify: { name: 'Ada Lovelace', email: 'ada@example.com' },
      prefill: {
        subject: 'How do I export my invoices to CSV?',
        description: renderTranscript(context, { format: 'text', maxLength: 10_000 }),
        custom_fields: { cf_reason: 'billing', cf_conversation_id: 'conv_123' },
        priority: 2,
        type: 'Question',
        group_id: 43,
      },
      formId: 5,
      hide: ['custom_fields.cf_conversation_id'],
    });
  });

  it('keeps the description plain text: the form is a textarea, so nothing is HTML-escaped', () => {
    const { description } = freshdeskWidget().toPayload(billingContext()).prefill;
    expect(description).toContain('There is no Export button <b>anywhere</b> & I need them today.');
    expect(description).not.toContain('&lt;');
    expect(description).not.toMatch(/<p>|<strong>/);
  });

  it('sends only the name or the email it has, and no identify without either', () => {
    const context = billingContext();
    expect(freshdeskWidget().toPayload({ ...context, user: { email: 'a@example.com' } }).identify).toEqual({ email: 'a@example.com' });
    expect(freshdeskWidget().toPayload({ ...context, user: { name: 'Ada' } }).identify).toEqual({ name: 'Ada' });
    expect(freshdeskWidget().toPayload({ ...context, user: { id: 'u1' } }).identify).toBeUndefined();
    expect(freshdeskWidget().toPayload({ conversationId: null, messages: [] }).identify).toBeUndefined();
  });

  it('trims the name and email, drops blank ones and cuts the name to 255 characters, as the ticket adapter does', () => {
    const context = billingContext();
    const long = 'Ada '.repeat(100);
    const user = { name: `  ${long}  `, email: '  ada@example.com\n' };
    const identify = freshdeskWidget().toPayload({ ...context, user }).identify;
    const ticket = freshdeskTicket({ domain: 'acme', apiKey: 'key' }).toPayload({ ...context, user });
    expect(identify).toEqual({ name: ticket.name, email: 'ada@example.com' });
    expect(identify?.name).toBe(truncateText(long.trim(), 255));
    expect(freshdeskWidget().toPayload({ ...context, user: { name: '   ', email: ' a@example.com ' } }).identify).toEqual({ email: 'a@example.com' });
    expect(freshdeskWidget().toPayload({ ...context, user: { name: ' Ada ', email: '\t' } }).identify).toEqual({ name: 'Ada' });
    expect(freshdeskWidget().toPayload({ ...context, user: { name: ' ', email: '  ' } }).identify).toBeUndefined();
  });

  it('does not identify with identify: false (apps that authenticate the widget themselves)', () => {
    expect(freshdeskWidget({ identify: false }).toPayload(billingContext()).identify).toBeUndefined();
  });

  it('leaves out what is not configured', () => {
    const payload = freshdeskWidget().toPayload(billingContext());
    expect(Object.keys(payload).sort()).toEqual(['identify', 'prefill']);
    expect(Object.keys(payload.prefill).sort()).toEqual(['description', 'subject']);
  });

  it('cuts the transcript to descriptionMaxLength with renderTranscript', () => {
    const context = billingContext();
    context.messages = Array.from({ length: 200 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `message ${i} ${'x'.repeat(50)}` }));
    const { description } = freshdeskWidget({ descriptionMaxLength: 1_000 }).toPayload(context).prefill;
    expect(description.length).toBeLessThanOrEqual(1_000);
    expect(description).toBe(renderTranscript(context, { format: 'text', maxLength: 1_000 }));
    expect(description).toContain('message 0 ');
  });

  it('declares kind, runtime and limits', () => {
    expect(freshdeskWidget({ descriptionMaxLength: 4_000 })).toMatchObject({
      kind: 'freshdesk-widget',
      runtime: 'browser',
      limits: { fields: { 'prefill.subject': 255, 'prefill.description': 4_000 } },
    });
  });

  it.each([
    [{ formId: 0 }, 'formId'],
    [{ groupId: -1 }, 'groupId'],
    [{ widgetTimeoutMs: -1 }, 'widgetTimeoutMs'],
    [{ widgetTimeoutMs: 1.5 }, 'widgetTimeoutMs'],
    [{ descriptionMaxLength: 50 }, 'descriptionMaxLength'],
    [{ fields: { plan: 'plan' } }, 'fields.plan'],
  ])('rejects %j at construction', (options, path) => {
    expect(() => freshdeskWidget(options as FreshdeskWidgetOptions)).toThrow(
      expect.objectContaining({ name: 'EscalationError', code: 'CONFIGURATION', details: expect.objectContaining({ path: `options.${path}` }) }),
    );
  });

  it('rejects a hide list that is not a list of field names', () => {
    expect(() => freshdeskWidget({ hide: 'email' as never })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => freshdeskWidget({ hide: [''] })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
