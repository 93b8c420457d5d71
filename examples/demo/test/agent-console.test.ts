import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EscalationError } from '@pillar/escalation-core';
import { keyToken, zendeskSignature } from '../src/agent-console';
import { startDemo, type RunningDemo } from '../src/demo';
import { DEMO_FRESHDESK_WEBHOOK_TOKEN, DEMO_ZENDESK_WEBHOOK_SECRET, webhookSecrets } from '../src/webhook-secrets';

// The agent console over loopback, without a browser: the demo server, the relay's real
// webhook routes, and the console's form route.

/** Saturday 11:00 in New York: "Leave a message" (the Freshdesk stand-in) is open. */
const OUT_OF_HOURS = '2026-11-28T16:00:00.000Z';

let demo: RunningDemo;
let dir: string;
const relayErrors: EscalationError[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-console-test-'));
  demo = await startDemo({ port: 0, inboxDir: dir, demoRoot: join(__dirname, '..'), env: {}, onRelayError: (error) => relayErrors.push(error) });
}, 30_000);
afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cookie = (user: 'free' | 'admin', now?: string) => `demo_user=${user}${now ? `; demo_clock_offset=${Date.parse(now) - Date.now()}` : ''}`;

/** Escalates through the relay as the page would (POST <base>/escalations); returns the key and the inbox entry id. */
async function escalate(optionId: 'ticket' | 'message', now?: string): Promise<{ key: string; id: string }> {
  const response = await fetch(`${demo.url}/api/escalation/escalations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie('admin', now) },
    body: JSON.stringify({ optionId, context: { conversationId: `conv-${optionId}-${Math.random()}`, messages: [{ role: 'user', content: 'The export fails.' }] } }),
  });
  expect(response.status).toBe(201);
  const result = (await response.json()) as { idempotencyKey: string; reference: { id: string } };
  return { key: result.idempotencyKey, id: result.reference.id };
}

async function state(key: string): Promise<{ state: string; events: { state: string; text?: string }[] }> {
  const response = await fetch(`${demo.url}/api/escalation/escalations/${encodeURIComponent(key)}`, { headers: { cookie: cookie('admin') } });
  expect(response.status).toBe(200);
  return (await response.json()) as { state: string; events: { state: string; text?: string }[] };
}

async function entry(id: string) {
  return (await demo.inbox.list()).find((e) => e.id === id)!;
}

/** Submits the console's form as the inbox page does. */
function submit(id: string, form: Record<string, string>, origin: string | undefined = demo.url): Promise<Response> {
  return fetch(`${demo.url}/inbox/${id}/console`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

describe('the agent console', () => {
  test('plays Zendesk for "Open a ticket": event envelopes signed as Zendesk signs them, joined through external_id', async () => {
    const { key, id } = await escalate('ticket');
    const outcome = await demo.console.send(await entry(id), 'reply', 'We fixed it.');
    if (!('sent' in outcome)) throw new Error(`refused: ${outcome.refused}`);
    const { sent } = outcome;
    const stamp = sent.headers['x-zendesk-webhook-signature-timestamp']!;
    // base64(HMAC-SHA256(secret, timestamp + body)), computed independently here.
    expect(sent.headers['x-zendesk-webhook-signature']).toBe(createHmac('sha256', DEMO_ZENDESK_WEBHOOK_SECRET).update(stamp + sent.body).digest('base64'));
    const body = JSON.parse(sent.body) as { type: string; detail: { external_id: string }; event: { comment: { is_public: boolean; author: { is_staff: boolean } } } };
    expect(body.type).toBe('zen:event-type:ticket.comment_added');
    expect(body.detail.external_id).toBe((await entry(id)).idempotencyKey);
    expect(body.event.comment).toMatchObject({ is_public: true, author: { is_staff: true } });
    expect(sent.status).toBe(200);
    expect((await state(key)).events.at(-1)).toMatchObject({ state: 'agent_replied', text: 'We fixed it.' });
  });

  test('plays Freshdesk for "Leave a message": the shared token header and the key token in the tags', async () => {
    const { key, id } = await escalate('message', OUT_OF_HOURS);
    const e = await entry(id);
    expect(demo.console.providerOf(e)).toBe('freshdesk');
    const assigned = await demo.console.send(e, 'assign');
    if (!('sent' in assigned)) throw new Error('refused');
    expect(assigned.sent.headers['x-pillar-webhook-token']).toBe(DEMO_FRESHDESK_WEBHOOK_TOKEN);
    expect(JSON.parse(assigned.sent.body).tags).toContain(`pillar${createHash('sha256').update(e.idempotencyKey).digest('hex').slice(0, 24)}`);
    expect(assigned.sent).toMatchObject({ status: 200, answer: '{"received":true,"applied":1,"ignored":0}' });
    await demo.console.send(e, 'reply', 'Please try again.');
    const again = await demo.console.send(e, 'resend');
    expect(again).toMatchObject({ sent: { status: 200, answer: '{"received":true,"applied":0,"ignored":1}' } });
    const forged = await demo.console.send(e, 'forge');
    expect(forged).toMatchObject({ sent: { status: 401 } });
    expect(relayErrors.map((error) => error.message)).toContain('freshdesk webhook refused: token mismatch');
    await demo.console.send(e, 'solve');
    expect((await state(key)).events.map((event) => event.state)).toEqual(['created', 'assigned', 'agent_replied', 'solved']);
    expect(demo.console.ticket(id)).toMatchObject({ status: 'solved', assignee: 'Alex (demo agent)', replies: ['Please try again.'] });
  });

  test('the form route sends and comes back to the entry; it refuses an empty reply, a resend of nothing and another origin', async () => {
    const { key, id } = await escalate('ticket');
    const empty = await submit(id, { command: 'reply', text: '   ' });
    expect(empty.status).toBe(303);
    expect(empty.headers.get('location')).toBe(`/inbox?refused=empty-reply#${id}`);
    expect((await submit(id, { command: 'resend' })).headers.get('location')).toBe(`/inbox?refused=nothing-sent#${id}`);
    expect((await submit(id, { command: 'solve' }, 'http://evil.example')).headers.get('location')).toBe(`/inbox?refused=foreign-origin#${id}`);
    expect((await submit(id, { command: 'delete' })).headers.get('location')).toBe(`/inbox?refused=bad-request#${id}`);
    expect((await submit('inbox-999', { command: 'solve' })).headers.get('location')).toBe('/inbox?refused=unknown-entry#inbox-999');
    expect(demo.console.ticket(id).sent).toEqual([]);
    expect((await state(key)).state).toBe('created');

    const solved = await submit(id, { command: 'solve' });
    expect(solved.headers.get('location')).toBe(`/inbox#${id}`);
    expect((await state(key)).state).toBe('solved');
    const page = await (await fetch(`${demo.url}/inbox?refused=empty-reply`)).text();
    expect(page).toContain('A reply needs some text: nothing was sent.');
    expect(page).toContain('data-testid="console-state" data-status="solved"');
    expect(page).toMatch(/data-command="solve" data-status="200"/);
  });

  test('the Freshdesk token never shows on the inbox page', async () => {
    const { id } = await escalate('message', OUT_OF_HOURS);
    await demo.console.send(await entry(id), 'assign');
    const page = await (await fetch(`${demo.url}/inbox`)).text();
    expect(page).not.toContain(DEMO_FRESHDESK_WEBHOOK_TOKEN);
    expect(page).toContain('(the shared token, hidden)');
  });
});

describe('webhook secrets', () => {
  test('the demo signs with its own secrets unless the environment names real ones', () => {
    expect(webhookSecrets({}).webhooks).toEqual({ zendesk: { secret: DEMO_ZENDESK_WEBHOOK_SECRET }, freshdesk: { token: DEMO_FRESHDESK_WEBHOOK_TOKEN } });
    const real = webhookSecrets({ ZENDESK_WEBHOOK_SECRET: ' zs ', FRESHDESK_WEBHOOK_TOKEN: 'f'.repeat(40), INTERCOM_CLIENT_SECRET: 'ic', CALENDLY_SIGNING_KEY: 'ck' });
    expect(real.webhooks).toEqual({ zendesk: { secret: 'zs' }, freshdesk: { token: 'f'.repeat(40) }, intercom: { clientSecret: 'ic' }, calendly: { signingKey: 'ck' } });
    expect(real.sources.map((s) => `${s.provider}:${s.source}`)).toEqual(['zendesk:env', 'freshdesk:env', 'intercom:env', 'calendly:env']);
    expect(webhookSecrets({}).sources.map((s) => `${s.provider}:${s.source}`)).toEqual(['zendesk:demo', 'freshdesk:demo']);
  });

  test('the helpers compute what the providers and the adapters do', () => {
    expect(zendeskSignature('s', '2026-12-07T10:00:00Z', '{}')).toBe(createHmac('sha256', 's').update('2026-12-07T10:00:00Z{}').digest('base64'));
    expect(keyToken('k')).toMatch(/^pillar[0-9a-f]{24}$/);
  });
});
