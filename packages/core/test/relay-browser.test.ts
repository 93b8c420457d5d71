/** @jest-environment jest-fixed-jsdom */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { relay } from '@pillar/escalation-core';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('relay in a browser', () => {
  it('resolves a relative endpoint against the page and posts to it', async () => {
    // jest-fixed-jsdom's page is http://localhost/.
    let url = '';
    server.use(
      http.post('http://localhost/api/escalation/escalations', ({ request }) => {
        url = request.url;
        return HttpResponse.json({ optionId: 'ticket', kind: 'zendesk-ticket', status: 'created', reference: { id: '3' } }, { status: 201 });
      }),
    );
    const adapter = relay({ endpoint: '/api/escalation', optionId: 'ticket' });
    const context = { conversationId: 'c', messages: [{ role: 'user' as const, content: 'hello' }] };
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' })).resolves.toMatchObject({ status: 'created', reference: { id: '3' } });
    expect(url).toBe('http://localhost/api/escalation/escalations');
  });

});
