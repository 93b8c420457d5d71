import { describeOptionChecks } from '@pillar/escalation-testkit';
import { join } from 'node:path';
import {
  ZENDESK_MESSENGER_OPTIONS,
  ZENDESK_REQUEST_OPTIONS,
  ZENDESK_WEB_WIDGET_OPTIONS,
  zendeskMessenger,
  zendeskRequest,
  zendeskWebWidget,
  type ZendeskMessengerOptions,
  type ZendeskRequestOptions,
  type ZendeskWebWidgetOptions,
} from '../src';
import { ZENDESK_TICKET_OPTIONS, zendeskTicket, type ZendeskTicketOptions } from '../src/server';

const src = (file: string) => join(__dirname, '../src', file);

describeOptionChecks<ZendeskTicketOptions>('zendeskTicket', {
  factory: zendeskTicket,
  declaration: ZENDESK_TICKET_OPTIONS,
  valid: { subdomain: 'acme', auth: { email: 'agent@acme.test', apiToken: 't0ken' }, tags: ['vip'], externalId: false },
  sources: [{ file: src('ticket.ts'), interface: 'ZendeskTicketOptions' }],
});

describeOptionChecks<ZendeskRequestOptions>('zendeskRequest', {
  factory: zendeskRequest,
  declaration: ZENDESK_REQUEST_OPTIONS,
  valid: { subdomain: 'acme' },
  sources: [{ file: src('request.ts'), interface: 'ZendeskRequestOptions' }],
});

describeOptionChecks<ZendeskMessengerOptions>('zendeskMessenger', {
  factory: zendeskMessenger,
  declaration: ZENDESK_MESSENGER_OPTIONS,
  valid: { fields: { transcript: '360001' } },
  sources: [{ file: src('messenger.ts'), interface: 'ZendeskMessengerOptions' }],
});

describeOptionChecks<ZendeskWebWidgetOptions>('zendeskWebWidget', {
  factory: zendeskWebWidget,
  declaration: ZENDESK_WEB_WIDGET_OPTIONS,
  valid: {},
  sources: [{ file: src('web-widget.ts'), interface: 'ZendeskWebWidgetOptions' }],
});

describe('a secret never goes over plain http', () => {
  it.each([
    ['zendeskTicket', () => zendeskTicket({ subdomain: 'acme', auth: { oauthToken: 'tok' }, baseUrl: 'http://proxy.example.com' })],
    ['zendeskRequest', () => zendeskRequest({ subdomain: 'acme', baseUrl: 'http://proxy.example.com' })],
  ])('%s refuses a non-loopback http baseUrl and takes a loopback one', (_name, make) => {
    expect(make).toThrow(expect.objectContaining({ code: 'CONFIGURATION', details: expect.objectContaining({ path: 'options.baseUrl' }), message: expect.stringMatching(/must use https/) }));
  });

  it('takes http on a loopback host (tests, local proxies)', () => {
    expect(() => zendeskTicket({ subdomain: 'acme', auth: { oauthToken: 'tok' }, baseUrl: 'http://127.0.0.1:4010' })).not.toThrow();
    expect(() => zendeskRequest({ subdomain: 'acme', baseUrl: 'http://[::1]:4010' })).not.toThrow();
  });
});
