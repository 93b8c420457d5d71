import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { briefContext, briefLength, expectBriefFirst } from '../../../scripts/test-support/brief';

const context = briefContext();
const conversation = (descriptionMaxLength?: number) => intercomConversation({ accessToken: 't', ...(descriptionMaxLength ? { descriptionMaxLength } : {}) }).toPayload(context).body;
const ticket = (descriptionMaxLength?: number) =>
  intercomTicket({ accessToken: 't', ticketTypeId: '88', ...(descriptionMaxLength ? { descriptionMaxLength } : {}) }).toPayload(context).ticket_attributes._default_description_;

describe('intercom: the handoff brief heads every transcript', () => {
  it('is present, first and escaped in the conversation body and the ticket description', () => {
    for (const out of [conversation(), ticket()]) {
      expectBriefFirst(out, 'text');
      expect(out).toMatch(/^User: /m);
    }
  });

  it('stays within the limit, and keeps the brief when the transcript is cut to nothing', () => {
    const text = briefLength(context, 'text');
    for (const max of [text - 40, text + 60]) {
      for (const out of [conversation(max), ticket(max)]) {
        expect(out.length).toBeLessThanOrEqual(max);
        expectBriefFirst(out, 'text');
        expect(out).not.toMatch(/^User: /m);
      }
    }
  });
});
