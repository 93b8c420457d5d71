import { createRegistry } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
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

describe('intercom messenger: the handoff brief heads the prefilled message', () => {
  const message = (messageMaxLength?: number) =>
    intercomMessenger({ appId: 'abc12def', ...(messageMaxLength ? { messageMaxLength } : {}) }).toPayload(context).message;

  it('is present and first (plain text: the composer shows markup as typed)', () => {
    const out = message(20_000);
    expectBriefFirst(out, 'text');
    expect(out).toMatch(/^User: /m);
  });

  it('stays within messageMaxLength, and keeps the brief when the conversation is cut to nothing', () => {
    const text = briefLength(context, 'text');
    for (const max of [text - 40, text + 60]) {
      const out = message(max);
      expect(out.length).toBeLessThanOrEqual(max);
      expectBriefFirst(out, 'text');
    }
    expect(message(text - 40)).not.toMatch(/^User: /m);
  });

  it('keeps at least the request at the smallest bound', () => {
    const out = message(200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.startsWith('Request: Export <img src=x onerror=alert(1)>')).toBe(true);
  });

  it('follows the registry: brief.enabled false leaves it out, agentLocale labels it', () => {
    const adapter = intercomMessenger({ appId: 'abc12def', messageMaxLength: 20_000 });
    const off = createRegistry({ options: [{ id: 'chat', label: 'Chat', adapter }], brief: { enabled: false } });
    const offMessage = (off.preview('chat', context).payload as { message: string }).message;
    expect(offMessage).not.toContain('Request:');
    expect(offMessage).toMatch(/^User: Hi$/m);
    const de = createRegistry({ options: [{ id: 'chat', label: 'Chat', adapter }], brief: { agentLocale: 'de' } });
    expect((de.preview('chat', context).payload as { message: string }).message).toMatch(/^Anliegen: Export <img/);
  });
});
