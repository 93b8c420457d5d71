import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { relay } from '@pillar/escalation-core';
import { describeAdapterConformance } from '@pillar/escalation-testkit';

const ENDPOINT = 'https://app.example.test/api/escalation';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describeAdapterConformance('relay', () => relay({ endpoint: ENDPOINT, optionId: 'ticket' }), {
  // The payload is the context itself, as data: the server validates it again and its
  // adapters escape it. Nothing in it is ever rendered as HTML by the relay.
  textFields: ['context.conversationId', 'context.messages[].content', 'context.user.*', 'context.user.attributes.*', 'context.page.*', 'context.metadata.*'],
  timeoutMs: 20_000,
  deliver: {
    run: true,
    setup() {
      server.use(
        http.post(`${ENDPOINT}/escalations`, async ({ request }) => {
          const body = (await request.json()) as { optionId: string; idempotencyKey: string };
          return HttpResponse.json(
            { optionId: body.optionId, requestedOptionId: body.optionId, kind: 'zendesk-ticket', status: 'created', reference: { id: '7', url: 'https://acme.zendesk.com/agent/tickets/7' }, idempotencyKey: body.idempotencyKey, attempts: [] },
            { status: 201 },
          );
        }),
      );
    },
    expect(delivery) {
      expect(delivery).toEqual({ status: 'created', reference: { id: '7', url: 'https://acme.zendesk.com/agent/tickets/7' }, data: { server: { optionId: 'ticket', kind: 'zendesk-ticket' } } });
    },
  },
});
