/** @jest-environment jest-fixed-jsdom */
import axios from 'axios';
import { container as rootContainer } from 'tsyringe';
import { http, HttpResponse } from 'msw';
import { createRegistry, HTTP_CLIENT } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { installZendeskWidgetFake, type ZendeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { zendeskMessenger, zendeskRequest } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';

const server = setupProviderServer();
const requests = recordRequests(server);
let fake: ZendeskWidgetFake | undefined;

beforeEach(() => requests.clear());
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

function chatThenEmail() {
  return createRegistry([
    { id: 'chat', label: 'Chat with support', adapter: zendeskMessenger({ fields: { transcript: '360001' }, widgetTimeoutMs: 150 }), fallback: ['email'] },
    { id: 'email', label: 'Email support', adapter: zendeskRequest({ subdomain: 'acme', retry: false }) },
  ]);
}

describe('the Zendesk adapters in a registry', () => {
  it('opens Messaging when it is there, and sends nothing over the network', async () => {
    fake = installZendeskWidgetFake({ product: 'messenger' });
    const result = await chatThenEmail().escalate('chat', contextFixture('multi-turn'));
    expect(result).toMatchObject({ optionId: 'chat', status: 'opened', kind: 'zendesk-messenger' });
    expect(fake.open).toBe(true);
    expect(await requests.all()).toEqual([]);
  });

  it('falls back to an anonymous request when an ad blocker blocks Messaging', async () => {
    fake = installZendeskWidgetFake({ product: 'messenger', mode: 'blocked' });
    server.use(http.post('https://acme.zendesk.com/api/v2/requests', () => HttpResponse.json({ request: { id: 77 } }, { status: 201 })));
    const result = await chatThenEmail().escalate('chat', contextFixture('multi-turn'));
    expect(result).toMatchObject({ optionId: 'email', requestedOptionId: 'chat', status: 'created', reference: { id: '77' } });
    expect(result.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([
      ['chat', 'failed', 'PROVIDER_UNAVAILABLE'],
      ['email', 'delivered', undefined],
    ]);
    expect(await requests.all()).toHaveLength(1);
  });

  it('does not fall back after an ambiguous anonymous request: it may exist already', async () => {
    server.use(http.post('https://acme.zendesk.com/api/v2/requests', () => new HttpResponse(null, { status: 502 })));
    const registry = createRegistry([
      { id: 'email', label: 'Email support', adapter: zendeskRequest({ subdomain: 'acme' }), fallback: ['chat'] },
      { id: 'chat', label: 'Chat', adapter: zendeskMessenger({ fields: { transcript: '360001' }, widgetTimeoutMs: 50 }) },
    ]);
    await expect(registry.escalate('email', contextFixture('multi-turn'))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', optionId: 'email', details: { ambiguous: true } });
    expect(await requests.all()).toHaveLength(1);
  });

  it('creates the ticket through the container HTTP_CLIENT with the escalation key as Idempotency-Key', async () => {
    server.use(http.post('https://acme.zendesk.com/api/v2/tickets', () => HttpResponse.json({ ticket: { id: 5 } }, { status: 201 })));
    const client = axios.create({ headers: { 'X-From-Container': 'yes' } });
    const parent = rootContainer.createChildContainer();
    parent.register(HTTP_CLIENT, { useValue: client });
    const registry = createRegistry({
      container: parent,
      options: [{ id: 'ticket', label: 'Ticket', adapter: zendeskTicket({ subdomain: 'acme', auth: { oauthToken: 'o' } }) }],
    });
    const context = contextFixture('multi-turn');
    const result = await registry.escalate('ticket', context);
    const again = await registry.escalate('ticket', context);
    expect(result.reference).toEqual({ id: '5', url: 'https://acme.zendesk.com/agent/tickets/5' });
    const sent = await requests.all();
    expect(sent.map((r) => r.headers['x-from-container'])).toEqual(['yes', 'yes']);
    // The same escalation gives the same key, so Zendesk answers the second with the first ticket.
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([result.idempotencyKey, again.idempotencyKey]);
    expect(result.idempotencyKey).toBe(again.idempotencyKey);
  });
});
