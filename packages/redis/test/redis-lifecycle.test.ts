import { createHmac } from 'node:crypto';
import { createClient } from 'redis';
import { createRegistry, type EscalationAdapter } from '@pillar/escalation-core';
import { createEscalationHandler } from '@pillar/escalation-server';
import { redisStores } from '@pillar/escalation-redis';
import { lifecycleStoreContract } from '../../server/test/lifecycle-store-contract';

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', () => undefined);
const prefix = `test-lifecycle:${process.pid}:${Date.now()}:`;

beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  await client.quit();
});

lifecycleStoreContract(() => redisStores({ client, prefix }).lifecycle);

describe('redis lifecycle store', () => {
  it('keeps the latest lifecycleMaxEntries entries', async () => {
    const { lifecycle } = redisStores({ client, prefix, lifecycleMaxEntries: 3 });
    await lifecycle.open('trim', { key: 'k', optionId: 'o', kind: 'zendesk-ticket', createdAt: 0 }, [], 60_000);
    for (let i = 1; i <= 5; i++) await lifecycle.apply('trim', { eventId: `e${i}`, state: i % 2 ? 'assigned' : 'waiting_on_user', at: i, provider: 'zendesk' }, 60_000);
    expect((await lifecycle.read('trim', 0))!.entries.map((e) => e.seq)).toEqual([4, 5, 6]);
  });

  it('keeps a lifecycle key within one hash tag (cluster-safe scripts)', async () => {
    const { lifecycle } = redisStores({ client, prefix });
    await lifecycle.open('tagged', { key: 'k', optionId: 'o', kind: 'zendesk-ticket', createdAt: 0 }, ['ref:zendesk:1'], 60_000);
    const found = (await client.sendCommand(['KEYS', `${prefix}lifecycle:*`])) as string[];
    expect(found.filter((k) => k.includes('{tagged}')).sort()).toEqual([`${prefix}lifecycle:{tagged}`, `${prefix}lifecycle:{tagged}:log`]);
  });
});

describe('two relay instances sharing one Redis: a webhook through one, the state through the other', () => {
  it('joins, applies once, and shows the same lifecycle on both', async () => {
    const created: string[] = [];
    const desk: EscalationAdapter = {
      kind: 'zendesk-ticket',
      runtime: 'server',
      toPayload: () => ({}),
      async deliver() {
        created.push(String(5000 + created.length));
        return { status: 'created', reference: { id: created.at(-1)! } };
      },
    };
    const stores = redisStores({ client, prefix: `${prefix}relay:` });
    const make = () =>
      createEscalationHandler({
        registry: createRegistry([{ id: 'desk', label: 'Desk', adapter: desk }]),
        identify: () => ({ id: 'u_1' }),
        rateLimit: false,
        onError: () => undefined,
        idempotency: { store: stores.idempotency, journal: stores.journal },
        lifecycle: { store: stores.lifecycle },
        webhooks: { zendesk: { secret: 'zd-secret' } },
      });
    const [a, b] = [make(), make()];
    const answer = await a(
      new Request('https://app.example.com/api/escalation/escalations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ optionId: 'desk', context: { conversationId: `c-${Date.now()}`, messages: [{ role: 'user', content: 'hi' }] } }) }),
    );
    const { idempotencyKey } = (await answer.json()) as { idempotencyKey: string };
    const body = JSON.stringify({ ticket_id: created[0], status: 'Solved', updated_at: '2026-12-07T10:00:00Z' });
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const headers = { 'content-type': 'application/json', 'x-zendesk-webhook-signature': createHmac('sha256', 'zd-secret').update(timestamp + body).digest('base64'), 'x-zendesk-webhook-signature-timestamp': timestamp };
    for (const handler of [a, b]) expect((await handler(new Request('https://app.example.com/api/escalation/webhooks/zendesk', { method: 'POST', headers, body }))).status).toBe(200);
    for (const handler of [a, b]) {
      const state = (await (await handler(new Request(`https://app.example.com/api/escalation/escalations/${encodeURIComponent(idempotencyKey)}`))).json()) as any;
      expect(state.events.map((e: any) => e.state)).toEqual(['created', 'solved']);
    }
  });
});
