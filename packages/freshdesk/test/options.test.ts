import { describeOptionChecks } from '@pillar/escalation-testkit';
import { join } from 'node:path';
import { FRESHDESK_WIDGET_OPTIONS, freshdeskWidget, type FreshdeskWidgetOptions } from '../src';
import { FRESHDESK_TICKET_OPTIONS, freshdeskTicket, type FreshdeskTicketOptions } from '../src/server';

const src = (file: string) => join(__dirname, '../src', file);

describeOptionChecks<FreshdeskTicketOptions>('freshdeskTicket', {
  factory: freshdeskTicket,
  declaration: FRESHDESK_TICKET_OPTIONS,
  valid: { domain: 'acme', apiKey: 'key123', fields: { reason: 'cf_reason' } },
  sources: [{ file: src('ticket.ts'), interface: 'FreshdeskTicketOptions' }],
});

describeOptionChecks<FreshdeskWidgetOptions>('freshdeskWidget', {
  factory: freshdeskWidget,
  declaration: FRESHDESK_WIDGET_OPTIONS,
  valid: { fields: { reason: 'cf_reason' } },
  sources: [{ file: src('widget.ts'), interface: 'FreshdeskWidgetOptions' }],
});

describe('a secret never goes over plain http', () => {
  it('freshdeskTicket refuses a non-loopback http baseUrl, and takes a loopback one', () => {
    expect(() => freshdeskTicket({ domain: 'acme', apiKey: 'key123', baseUrl: 'http://proxy.example.com' })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', details: expect.objectContaining({ path: 'options.baseUrl' }), message: expect.stringMatching(/must use https/) }),
    );
    expect(() => freshdeskTicket({ domain: 'acme', apiKey: 'key123', baseUrl: 'http://localhost:4010' })).not.toThrow();
  });
});
