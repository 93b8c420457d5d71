import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler } from '@pillar/escalation-server';
import { SECRETS, freshdeskHeaders, zendeskHeaders } from './lifecycle-support';
import { browserContext, freshdeskCreates, identifyByToken, loopback, serverRegistry, zendeskCreates } from './support';

// The real adapters under msw: the stamps they send to Zendesk and Freshdesk are what the relay
// joins webhooks by (not the ids, which these webhooks deliberately get wrong).

const msw = setupProviderServer(loopback);
const BASE = 'https://app.example.com/api/escalation';

function relay() {
  return createEscalationHandler({
    registry: serverRegistry(),
    identify: identifyByToken,
    rateLimit: false,
    onError: () => undefined,
    webhooks: { zendesk: { secret: SECRETS.zendesk }, freshdesk: { token: SECRETS.freshdesk } },
  });
}

async function escalate(handle: ReturnType<typeof relay>, optionId: string): Promise<string> {
  const response = await handle(
    new Request(`${BASE}/escalations`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tok-pro' }, body: JSON.stringify({ optionId, context: browserContext() }) }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { idempotencyKey: string }).idempotencyKey;
}

const state = async (handle: ReturnType<typeof relay>, key: string) =>
  ((await (await handle(new Request(`${BASE}/escalations/${encodeURIComponent(key)}`, { headers: { authorization: 'Bearer tok-pro' } }))).json()) as { state: string }).state;

it("joins a Zendesk event by the external_id zendeskTicket stamped on the ticket", async () => {
  const sent = zendeskCreates(msw);
  const handle = relay();
  const key = await escalate(handle, 'ticket');
  const externalId = sent[0]!.body.ticket.external_id as string;
  expect(externalId).toBe(sent[0]!.key);
  const body = JSON.stringify({
    type: 'zen:event-type:ticket.status_changed',
    account_id: 1,
    id: 'evt-1',
    time: new Date().toISOString(),
    zendesk_event_version: '2022-11-06',
    subject: 'zen:ticket:999999',
    detail: { id: '999999', status: 'SOLVED', external_id: externalId },
    event: { current: 'SOLVED', previous: 'OPEN' },
  });
  const answer = await handle(new Request(`${BASE}/webhooks/zendesk`, { method: 'POST', headers: zendeskHeaders(body), body }));
  expect(await answer.json()).toMatchObject({ applied: 1 });
  expect(await state(handle, key)).toBe('solved');
});

it('joins a Freshdesk automation body by the key tag freshdeskTicket put among the tags', async () => {
  const sent = freshdeskCreates(msw);
  const handle = relay();
  const key = await escalate(handle, 'freshdesk');
  const tags = sent[0]!.body.tags as string[];
  expect(tags.some((t) => /^pillar[0-9a-f]{24}$/.test(t))).toBe(true);
  const body = JSON.stringify({ ticket_id: '424242', status: 3, tags: tags.join(', ') });
  const answer = await handle(new Request(`${BASE}/webhooks/freshdesk`, { method: 'POST', headers: freshdeskHeaders(), body }));
  expect(await answer.json()).toMatchObject({ applied: 1 });
  expect(await state(handle, key)).toBe('waiting_on_user');
});
