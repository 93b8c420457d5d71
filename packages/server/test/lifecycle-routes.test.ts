import { createHash } from 'node:crypto';
import { BASE, SECRETS, freshdeskHeaders, harness, intercomHeaders, webhookRequest, zendeskHeaders } from './lifecycle-support';

const zendeskTrigger = (fields: Record<string, unknown>) => JSON.stringify({ ticket_id: '', external_id: '', status: 'Open', assignee: '', updated_at: '', latest_public_comment: '', ...fields });

describe('the lifecycle after the handoff (fetch path)', () => {
  it('records a delivery as created and joins a Zendesk webhook to it by ticket id and by the stamped external_id', async () => {
    const h = harness();
    const { key } = await h.escalate('zendesk');
    const { id: ticketId, key: stamped } = h.delivered[0]!;
    expect(stamped).toMatch(/^pe-[0-9a-f]{32}$/);
    let state = (await (await h.state(key)).json()) as any;
    expect(state).toMatchObject({ key, optionId: 'zendesk', kind: 'zendesk-ticket', state: 'created', seq: 1, reference: { id: ticketId } });

    const byId = zendeskTrigger({ ticket_id: ticketId, status: 'Open', assignee: 'Grace', updated_at: '2026-12-07T10:00:00Z' });
    expect((await h.handle(webhookRequest('zendesk', byId, zendeskHeaders(byId)))).status).toBe(200);
    const byKey = zendeskTrigger({ ticket_id: '99999', external_id: stamped, status: 'Pending', updated_at: '2026-12-07T10:05:00Z' });
    const answer = await h.handle(webhookRequest('zendesk', byKey, zendeskHeaders(byKey)));
    expect(await answer.json()).toEqual({ received: true, applied: 1, ignored: 0 });
    state = await (await h.state(key)).json();
    expect(state.state).toBe('waiting_on_user');
    expect(state.events.map((e: any) => [e.seq, e.state, e.provider])).toEqual([
      [1, 'created', 'relay'],
      [2, 'assigned', 'zendesk'],
      [3, 'waiting_on_user', 'zendesk'],
    ]);
  });

  it('applies a doubled webhook once and lets the latest provider timestamp win over a late older event', async () => {
    const h = harness();
    const { key } = await h.escalate('zendesk');
    const ticket = h.delivered[0]!.id;
    const solved = zendeskTrigger({ ticket_id: ticket, status: 'Solved', updated_at: '2026-12-07T11:00:00Z' });
    const replied = zendeskTrigger({ ticket_id: ticket, state: 'agent_replied', latest_public_comment: 'Try again now', updated_at: '2026-12-07T10:30:00Z' });
    for (const body of [solved, solved, replied, solved]) {
      expect((await h.handle(webhookRequest('zendesk', body, zendeskHeaders(body)))).status).toBe(200);
    }
    const state = (await (await h.state(key)).json()) as any;
    expect(state.events.map((e: any) => e.state)).toEqual(['created', 'solved']);
    expect(h.events.map((e) => e.state)).toEqual(['created', 'solved']);
  });

  it('answers 2xx without effect for a topic it ignores and for a ticket it never delivered', async () => {
    const h = harness();
    const { key } = await h.escalate('intercom');
    const snoozed = JSON.stringify({ type: 'notification_event', id: 'notif_1', topic: 'conversation.admin.snoozed', created_at: 1796637600, data: { item: { id: h.delivered[0]!.id } } });
    const stranger = JSON.stringify({ type: 'notification_event', id: 'notif_2', topic: 'conversation.admin.closed', created_at: 1796637600, data: { item: { id: 'conv_unknown' } } });
    for (const body of [snoozed, stranger]) {
      const answer = await h.handle(webhookRequest('intercom', body, intercomHeaders(body)));
      expect(answer.status).toBe(200);
    }
    expect(((await (await h.state(key)).json()) as any).state).toBe('created');
  });

  it('joins Intercom by conversation id and by the Reference token, Freshdesk by the key tag of a fallback delivery', async () => {
    const h = harness();
    const intercom = await h.escalate('intercom');
    const conv = h.delivered[0]!;
    const { keyToken } = await import('@pillar/escalation-intercom/server');
    const token = await keyToken(conv.key);
    const assigned = JSON.stringify({ type: 'notification_event', id: 'n1', topic: 'conversation.admin.assigned', created_at: 1796637600, data: { item: { type: 'conversation', id: 'other', source: { body: `<p>Help</p><p>Reference: ${token}</p>` } } } });
    expect(await (await h.handle(webhookRequest('intercom', assigned, intercomHeaders(assigned)))).json()).toMatchObject({ applied: 1 });
    expect(((await (await h.state(intercom.key)).json()) as any).state).toBe('assigned');

    // 'broken' fails and falls back to freshdesk, whose adapter gets `<key>:freshdesk` and tags the ticket with its keyTag.
    const fell = await h.escalate('broken');
    expect(fell.body.optionId).toBe('freshdesk');
    const fd = h.delivered[1]!;
    expect(fd.key).toMatch(/:freshdesk$/);
    // freshdeskTicket's keyTag: `pillar` and the first 24 hex digits of the key's SHA-256 (packages/freshdesk/src/key-tag.ts).
    const tag = `pillar${createHash('sha256').update(fd.key).digest('hex').slice(0, 24)}`;
    expect(tag).toBe(await keyToken(fd.key));
    const resolved = JSON.stringify({ freshdesk_webhook: { ticket_id: '777', ticket_status: 'Resolved', ticket_tags: `pillar-escalation, ${tag}` } });
    expect(await (await h.handle(webhookRequest('freshdesk', resolved, freshdeskHeaders()))).json()).toMatchObject({ applied: 1 });
    const state = (await (await h.state(fell.key)).json()) as any;
    expect(state).toMatchObject({ optionId: 'freshdesk', kind: 'freshdesk-ticket', state: 'solved' });
  });

  it('shows a lifecycle only to the user who escalated: 404 for another user and for anonymous', async () => {
    const h = harness();
    const { key } = await h.escalate('zendesk', 'ada');
    expect((await h.state(key, 'ada')).status).toBe(200);
    expect((await h.state(key, 'bob')).status).toBe(404);
    const anonymous = await h.handle(new Request(`${BASE}/escalations/${encodeURIComponent(key)}`));
    expect(anonymous.status).toBe(404);
    expect((await h.state('pe-not-a-key', 'ada')).status).toBe(404);
    const events = await h.handle(new Request(`${BASE}/escalations/${encodeURIComponent(key)}/events`, { headers: { cookie: 'who=bob' } }));
    expect(events.status).toBe(404);
    // An anonymous escalation has nobody to show it to: nothing is tracked.
    const anon = await h.handle(new Request(`${BASE}/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ optionId: 'zendesk', context: { conversationId: 'c_anon', messages: [{ role: 'user', content: 'hi' }] } }) }));
    expect(anon.status).toBe(201);
    expect(h.events.filter((e) => e.state === 'created')).toHaveLength(1);
  });

  it('reports each change with option, kind, state and time since the delivery (onLifecycle)', async () => {
    let clock = Date.parse('2026-12-07T10:00:00Z');
    const realNow = Date.now;
    Date.now = () => clock;
    try {
      const h = harness();
      await h.escalate('zendesk');
      clock += 90_000;
      const body = zendeskTrigger({ ticket_id: h.delivered[0]!.id, status: 'Open', assignee: 'Grace', updated_at: new Date(clock - 1_000).toISOString() });
      await h.handle(webhookRequest('zendesk', body, zendeskHeaders(body, { at: new Date(clock) })));
      expect(h.events).toEqual([
        expect.objectContaining({ optionId: 'zendesk', kind: 'zendesk-ticket', state: 'created', provider: 'relay', seq: 1, sinceCreatedMs: 0 }),
        expect.objectContaining({ optionId: 'zendesk', kind: 'zendesk-ticket', state: 'assigned', previous: 'created', provider: 'zendesk', seq: 2, sinceCreatedMs: 90_000 }),
      ]);
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps the agent reply text out by default, and in as bounded plain text with replyText', async () => {
    const html = `<p>Hello <b>Ada</b> &amp; team,</p><p>${'x'.repeat(3_000)}</p>`;
    for (const replyText of [undefined, { maxLength: 100 }] as const) {
      const h = harness(replyText ? { lifecycle: { replyText } } : {});
      const { key } = await h.escalate('intercom');
      const body = JSON.stringify({
        type: 'notification_event',
        id: 'n-reply',
        topic: 'conversation.admin.replied',
        created_at: 1796637600,
        data: { item: { id: h.delivered[0]!.id, conversation_parts: { conversation_parts: [{ part_type: 'comment', author: { type: 'admin' }, body: html }] } } },
      });
      await h.handle(webhookRequest('intercom', body, intercomHeaders(body)));
      const last = ((await (await h.state(key)).json()) as any).events.at(-1);
      expect(last.state).toBe('agent_replied');
      if (!replyText) expect(last.text).toBeUndefined();
      else {
        expect(last.text.startsWith('Hello Ada & team,\nxxx')).toBe(true);
        expect(last.text).toHaveLength(100);
        expect(last.text).not.toMatch(/[<>]/);
      }
    }
  });

  it('refuses webhooks for a provider without its secret (404), other methods (405), and bad configuration', async () => {
    const h = harness({ webhooks: { zendesk: { secret: SECRETS.zendesk } } });
    const body = '{}';
    expect((await h.handle(webhookRequest('intercom', body, intercomHeaders(body)))).status).toBe(404);
    expect((await h.handle(new Request(`${BASE}/webhooks/zendesk`))).status).toBe(405);
    expect(() => harness({ webhooks: { freshdesk: { token: 'short' } } })).toThrow(/at least 32/);
    expect(() => harness({ lifecycle: false })).toThrow(/webhooks need the lifecycle/);
    expect(() => harness({ lifecycle: { stream: { keepAliveMs: 0 } } })).toThrow(/keepAliveMs/);
    const off = harness({ lifecycle: false, webhooks: undefined });
    const { key } = await off.escalate('zendesk');
    expect((await off.state(key)).status).toBe(404);
  });
});
