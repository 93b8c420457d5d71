import { contextFixture } from '@pillar/escalation-testkit';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { docsPage } from '../../../scripts/test-support/docs-page';

const { text: page, rendered } = docsPage('docs/adapters/intercom.md');

describe('docs/adapters/intercom.md', () => {
  const context = contextFixture('multi-turn');

  it('shows the prefilled message and the attributes exactly as the Messenger adapter builds them', () => {
    const payload = intercomMessenger({ appId: 'abc12def' }).toPayload(context);
    expect(rendered('intercomMessenger message (multi-turn fixture)')).toBe(payload.message);
    expect(JSON.parse(rendered('intercomMessenger update (multi-turn fixture)') ?? 'null')).toEqual(payload.update);
  });

  it('shows the conversation body exactly as the server adapter renders it, and the ticket built from it', () => {
    const { body } = intercomConversation({ accessToken: 't' }).toPayload(context);
    expect(rendered('intercomConversation body (multi-turn fixture)')).toBe(body);

    const ticket = intercomTicket({ accessToken: 't', ticketTypeId: '88' }).toPayload(context);
    expect(ticket.ticket_attributes._default_description_).toBe(body);
    expect(page).toContain(`titled\n**${ticket.ticket_attributes._default_title_}**`);
    const json = /```json\n(\{\n {2}"ticket_type_id"[\s\S]*?)\n```/.exec(page)?.[1];
    const shown = JSON.parse(json ?? '{}') as typeof ticket;
    expect(shown.ticket_attributes._default_description_.replace(/…$/, '')).toBe(body.slice(0, shown.ticket_attributes._default_description_.length - 1));
    expect({ ...shown, ticket_attributes: { ...shown.ticket_attributes, _default_description_: '' } }).toEqual({
      ...ticket,
      ticket_attributes: { ...ticket.ticket_attributes, _default_description_: '' },
    });
  });

  it('lists every option of every adapter in a table', () => {
    for (const option of ['appId', 'region', 'identity', 'attributes', 'prefix', 'widgetTimeoutMs', 'resendDelayMs', 'messageMaxLength', 'redact']) {
      expect(page).toMatch(new RegExp(`\\n\\| \`${option}\` \\| `));
    }
    for (const option of ['accessToken', 'region', 'baseUrl', 'timeoutMs', 'retry', 'http', 'redact', 'descriptionMaxLength', 'ticketTypeId', 'identifyBy', 'attributes', 'subjectMaxLength']) {
      expect(page).toMatch(new RegExp(`\\n\\| \`${option}\` \\| (both|conversation|ticket) \\| `));
    }
  });
});
