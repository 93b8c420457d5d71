import { acmeDesk } from './testing-adapters-1';
import { http, HttpResponse } from 'msw';
import { EscalationError } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';

const server = setupProviderServer(
  http.post('https://test.acmedesk.example/api/tickets', () => HttpResponse.json({ id: 7 }, { status: 201 })),
);
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const adapter = acmeDesk({ subdomain: 'test', token: 'test-token' });
const context = contextFixture('multi-turn');

it('sends the token and the idempotency key', async () => {
  await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'esc_1' });
  const [sent] = await requests.all();
  expect(sent?.method).toBe('POST');
  expect(sent?.headers).toMatchObject({ authorization: 'Bearer test-token', 'idempotency-key': 'esc_1' });
});

it('maps a 429 to a retryable RATE_LIMITED', async () => {
  server.use(http.post('https://test.acmedesk.example/api/tickets', () => new HttpResponse(null, { status: 429 })));
  const failure = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'esc_2' });
  await expect(failure).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  await expect(failure).rejects.toBeInstanceOf(EscalationError);
});
