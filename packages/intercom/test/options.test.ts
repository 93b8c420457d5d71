import { describeOptionChecks } from '@pillar/escalation-testkit';
import { join } from 'node:path';
import { INTERCOM_MESSENGER_OPTIONS, intercomMessenger, type IntercomMessengerOptions } from '../src';
import {
  INTERCOM_CONVERSATION_OPTIONS,
  INTERCOM_TICKET_OPTIONS,
  intercomConversation,
  intercomTicket,
  type IntercomConversationOptions,
  type IntercomTicketOptions,
} from '../src/server';

const src = (file: string) => join(__dirname, '../src', file);
const rest = { file: src('rest/client.ts'), interface: 'IntercomRestOptions' };

describeOptionChecks<IntercomMessengerOptions>('intercomMessenger', {
  factory: intercomMessenger,
  declaration: INTERCOM_MESSENGER_OPTIONS,
  valid: { appId: 'abc12def' },
  sources: [{ file: src('messenger/messenger.ts'), interface: 'IntercomMessengerOptions' }],
});

describeOptionChecks<IntercomTicketOptions>('intercomTicket', {
  factory: intercomTicket,
  declaration: INTERCOM_TICKET_OPTIONS,
  valid: { accessToken: 'tok', ticketTypeId: '88' },
  sources: [rest, { file: src('ticket.ts'), interface: 'IntercomTicketOptions' }],
});

describeOptionChecks<IntercomConversationOptions>('intercomConversation', {
  factory: intercomConversation,
  declaration: INTERCOM_CONVERSATION_OPTIONS,
  valid: { accessToken: 'tok' },
  sources: [rest, { file: src('conversation.ts'), interface: 'IntercomConversationOptions' }],
});

describe('a secret never goes over plain http', () => {
  it.each([
    ['intercomTicket', (baseUrl: string) => intercomTicket({ accessToken: 'tok', ticketTypeId: '88', baseUrl })],
    ['intercomConversation', (baseUrl: string) => intercomConversation({ accessToken: 'tok', baseUrl })],
  ])('%s refuses a non-loopback http baseUrl, and takes a loopback one', (_name, make) => {
    expect(() => make('http://proxy.example.com')).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', details: expect.objectContaining({ path: 'options.baseUrl' }), message: expect.stringMatching(/must use https/) }),
    );
    expect(() => make('http://127.0.0.1:4010')).not.toThrow();
  });
});
