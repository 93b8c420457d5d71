import { calendlyWebhook } from '../src/webhooks/calendly';
import { freshdeskWebhook } from '../src/webhooks/freshdesk';
import { intercomWebhook } from '../src/webhooks/intercom';
import { zendeskWebhook } from '../src/webhooks/zendesk';
import { replyPlainText } from '../src/lifecycle/reply-text';
import type { WebhookProvider } from '../src/webhooks/provider';

const TOKEN = `pillar${'ab'.repeat(12)}`;
const map = async (provider: WebhookProvider, body: unknown) => provider.map(body, JSON.stringify(body));
const states = async (provider: WebhookProvider, body: unknown) => (await map(provider, body)).map((e) => e.state);

describe('Zendesk events', () => {
  const zendesk = zendeskWebhook({ secret: 's' }, 300_000);
  const envelope = (type: string, detail: Record<string, unknown>, event: Record<string, unknown>) => ({
    type: `zen:event-type:${type}`,
    account_id: 1,
    id: `ev-${type}`,
    time: '2026-12-07T10:00:00Z',
    zendesk_event_version: '2022-11-06',
    subject: 'zen:ticket:1001',
    detail: { id: '1001', external_id: 'pe-0123', requester_id: '77', ...detail },
    event,
  });

  it.each([
    ['ticket.created', {}, {}, ['created']],
    ['ticket.status_changed', {}, { current: 'OPEN', previous: 'NEW' }, ['created']],
    ['ticket.status_changed', { assignee_id: '5' }, { current: 'OPEN', previous: 'NEW' }, ['assigned']],
    ['ticket.status_changed', {}, { current: 'PENDING', previous: 'OPEN' }, ['waiting_on_user']],
    ['ticket.status_changed', {}, { current: 'HOLD', previous: 'OPEN' }, ['assigned']],
    ['ticket.status_changed', {}, { current: 'SOLVED', previous: 'OPEN' }, ['solved']],
    ['ticket.status_changed', {}, { current: 'CLOSED', previous: 'SOLVED' }, ['closed']],
    ['ticket.status_changed', {}, { current: 'CUSTOM_42' }, []],
    ['ticket.agent_assignment_changed', {}, { current: '5', previous: null }, ['assigned']],
    ['ticket.agent_assignment_changed', {}, { current: null, previous: '5' }, []],
    ['ticket.comment_added', {}, { comment: { body: 'Hi', is_public: true, author: { id: '5', is_staff: true } } }, ['agent_replied']],
    ['ticket.comment_added', {}, { comment: { body: 'Hi', is_public: true, author: { id: '5' } } }, ['agent_replied']],
    ['ticket.comment_added', {}, { comment: { body: 'Internal', is_public: false, author: { id: '5', is_staff: true } } }, []],
    ['ticket.comment_added', {}, { comment: { body: 'Me again', is_public: true, author: { id: '77', is_staff: false } } }, []],
    ['ticket.comment_added', {}, { comment: { body: 'Me again', is_public: true, author: { id: '77' } } }, []],
    ['ticket.priority_changed', {}, { current: 'HIGH' }, []],
  ])('%s %j %j → %j', async (type, detail, event, expected) => {
    expect(await states(zendesk, envelope(type, detail, event))).toEqual(expected);
  });

  it('takes the event id, time, references and reply text from an event envelope', async () => {
    const [event] = await map(zendesk, envelope('ticket.comment_added', {}, { comment: { body: 'Fixed it', is_public: true, author: { id: '5', is_staff: true } } }));
    expect(event).toEqual({ eventId: 'zendesk:ev-ticket.comment_added', state: 'agent_replied', at: Date.parse('2026-12-07T10:00:00Z'), references: ['key:pe-0123', 'ref:zendesk:1001'], text: 'Fixed it' });
  });

  it.each([
    [{ ticket_id: '1', status: 'Open', assignee: '' }, ['created']],
    [{ ticket_id: '1', status: 'Open', assignee: 'Grace Hopper' }, ['assigned']],
    [{ ticket_id: '1', status: 'Pending' }, ['waiting_on_user']],
    [{ ticket_id: '1', status: 'Solved' }, ['solved']],
    [{ ticket_id: '1', status: 'Closed' }, ['closed']],
    [{ ticket_id: '1', status: 'Open', state: 'agent_replied' }, ['agent_replied']],
    [{ ticket: { id: 1, status: 'solved' } }, ['solved']],
    [{ ticket_id: '1', status: 'Open', state: 'bogus', assignee: 'G' }, ['assigned']],
    [{ ticket_id: '1' }, []],
  ])('trigger body %j → %j', async (body, expected) => {
    expect(await states(zendesk, body)).toEqual(expected);
  });

  it('gives a trigger body the digest of its raw body as event id, so a doubled delivery has the same id', async () => {
    const body = { ticket_id: '1', external_id: 'pe-x', status: 'Solved', updated_at: '2026-12-07T10:00:00Z', latest_public_comment: `Done ${TOKEN}`, state: 'agent_replied' };
    const [a] = await map(zendesk, body);
    const [b] = await map(zendesk, body);
    const [c] = await map(zendesk, { ...body, status: 'Closed' });
    expect(a!.eventId).toMatch(/^zendesk:body:[0-9a-f]{64}$/);
    expect(a!.eventId).toBe(b!.eventId);
    expect(c!.eventId).not.toBe(a!.eventId);
    expect(a).toMatchObject({ at: Date.parse('2026-12-07T10:00:00Z'), references: ['key:pe-x', 'ref:zendesk:1', `token:${TOKEN}`], text: `Done ${TOKEN}` });
  });
});

describe('Intercom topics', () => {
  const intercom = intercomWebhook({ clientSecret: 's' });
  const notification = (topic: string, item: Record<string, unknown> = {}) => ({ type: 'notification_event', id: `notif_${topic}`, topic, app_id: 'app', created_at: 1796637600, data: { type: 'notification_event_data', item: { type: 'conversation', id: '123', ...item } } });

  it.each([
    ['conversation.user.created', ['created']],
    ['conversation.admin.assigned', ['assigned']],
    ['conversation.admin.opened', ['assigned']],
    ['conversation.admin.replied', ['agent_replied']],
    ['conversation.admin.closed', ['solved']],
    ['conversation.admin.snoozed', []],
    ['conversation.admin.noted', []],
    ['conversation.user.replied', []],
    ['ticket.created', ['created']],
    ['ticket.admin.assigned', ['assigned']],
    ['ticket.admin.replied', ['agent_replied']],
    ['ping', []],
  ])('%s → %j', async (topic, expected) => {
    expect(await states(intercom, notification(topic))).toEqual(expected);
  });

  it.each([
    ['submitted', ['created']],
    ['in_progress', ['assigned']],
    ['waiting_on_customer', ['waiting_on_user']],
    ['resolved', ['solved']],
    [{ category: 'resolved', id: '7' }, ['solved']],
    ['mystery', []],
  ])('ticket.state.updated with ticket_state %j → %j', async (ticketState, expected) => {
    expect(await states(intercom, notification('ticket.state.updated', { type: 'ticket', ticket_state: ticketState }))).toEqual(expected);
  });

  it('takes the id, created_at, references (ids and the Reference token) and the latest admin comment', async () => {
    const body = notification('conversation.admin.replied', {
      source: { body: `<p>Help</p><p>Reference: ${TOKEN}</p>` },
      conversation_parts: {
        conversation_parts: [
          { part_type: 'comment', author: { type: 'admin' }, body: '<p>First</p>' },
          { part_type: 'comment', author: { type: 'admin' }, body: '<p>Latest</p>' },
          { part_type: 'comment', author: { type: 'user' }, body: '<p>User</p>' },
        ],
      },
    });
    expect(await map(intercom, body)).toEqual([{ eventId: 'intercom:notif_conversation.admin.replied', state: 'agent_replied', at: 1796637600_000, references: ['ref:intercom:123', `token:${TOKEN}`], text: '<p>Latest</p>' }]);
  });
});

describe('Freshdesk automation bodies', () => {
  const freshdesk = freshdeskWebhook({ token: 't'.repeat(32) });
  it.each([
    [{ ticket_id: 1, status: 2 }, ['created']],
    [{ ticket_id: 1, status: 2, agent: 'Grace' }, ['assigned']],
    [{ ticket_id: 1, status: 3 }, ['waiting_on_user']],
    [{ ticket_id: 1, status: 4 }, ['solved']],
    [{ ticket_id: 1, status: 5 }, ['closed']],
    [{ ticket_id: 1, status: '4' }, ['solved']],
    [{ ticket_id: 1, status: 'Resolved' }, ['solved']],
    [{ ticket_id: 1, status: 6 }, []],
    [{ ticket_id: 1, status: 'Open', state: 'agent_replied', latest_public_comment: 'Hi' }, ['agent_replied']],
    [{ freshdesk_webhook: { ticket_id: 1, ticket_status: 'Closed' } }, ['closed']],
  ])('%j → %j', async (body, expected) => {
    expect(await states(freshdesk, body)).toEqual(expected);
  });

  it('joins by ticket id and the key tag among the tags', async () => {
    const [event] = await map(freshdesk, { ticket_id: 42, status: 4, tags: `pillar-escalation, ${TOKEN}` });
    expect(event!.references).toEqual(['ref:freshdesk:42', `token:${TOKEN}`]);
    expect(event!.at).toBeUndefined();
  });
});

describe('Calendly events', () => {
  const calendly = calendlyWebhook({ signingKey: 'k' }, 300_000);
  const body = (event: string, payload: Record<string, unknown> = {}) => ({ event, created_at: '2026-12-07T10:00:00.000000Z', payload: { uri: 'https://api.calendly.com/scheduled_events/E1/invitees/I1', event: 'https://api.calendly.com/scheduled_events/E1', tracking: { utm_content: TOKEN }, ...payload } });
  it.each([
    ['invitee.created', {}, ['booked']],
    ['invitee.canceled', {}, ['canceled']],
    ['invitee.canceled', { rescheduled: true }, []],
    ['routing_form_submission.created', {}, []],
  ])('%s %j → %j', async (event, payload, expected) => {
    expect(await states(calendly, body(event, payload))).toEqual(expected);
  });

  it('joins by a key token in tracking and by the invitee and event URIs', async () => {
    const [event] = await map(calendly, body('invitee.created'));
    expect(event).toMatchObject({
      eventId: 'calendly:invitee.created:https://api.calendly.com/scheduled_events/E1/invitees/I1',
      at: Date.parse('2026-12-07T10:00:00Z'),
      references: [`token:${TOKEN}`, 'ref:calendly:https://api.calendly.com/scheduled_events/E1/invitees/I1', 'ref:calendly:https://api.calendly.com/scheduled_events/E1'],
    });
  });
});

describe('reply text', () => {
  it('turns HTML into plain text: tags dropped, entities decoded, blocks as lines, bounded without splitting a surrogate pair', () => {
    expect(replyPlainText('<p>Hi &lt;Ada&gt; &amp; &#39;team&#39;&nbsp;&#x1F600;</p><p>Line 2<br>Line 3</p><script>x</script>', 2_000)).toBe("Hi <Ada> & 'team' 😀\nLine 2\nLine 3\nx");
    expect(replyPlainText('<p> </p>', 100)).toBeUndefined();
    const cut = replyPlainText(`${'a'.repeat(8)}😀😀`, 10)!;
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(replyPlainText('a\u0000b\u001bc', 10)).toBe('abc');
  });
});
