import { acmeDesk } from './testing-adapters-1';
import { http, HttpResponse } from 'msw';
import { arbitraryContext, describeAdapterConformance } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';

const server = setupProviderServer();
const requests = recordRequests(server);

describeAdapterConformance('acme-ticket', () => acmeDesk({ subdomain: 'test', token: 'test-token' }), {
  // Also hold every URL in the payload to what Acme Desk's custom fields store.
  limits: { maxUrlLength: 2_048 },
  fixtures: {
    'german-umlauts': { conversationId: 'conv_de', messages: [{ role: 'user', content: 'Rückerstattung für März, bitte' }] },
  },
  htmlFields: ['html_body'],
  textFields: ['subject', 'requester.*', 'custom_fields.*', 'tags[]'],
  allowedHtmlTags: [],
  numRuns: 200,
  seed: 20261124,
  // Acme Desk refuses tickets without a requester: give every arbitrary context an email.
  arbitrary: arbitraryContext().map((context) => ({ ...context, user: { ...context.user, email: 'someone@example.com' } })),
  timeoutMs: 10_000,
  deliver: {
    run: true,
    setup() {
      server.use(http.post('https://test.acmedesk.example/api/tickets', () => HttpResponse.json({ id: 981 }, { status: 201 })));
      return () => requests.clear();
    },
    async expect(delivery, ticket) {
      expect(delivery.reference?.id).toBe('981');
      const sent = await requests.last();
      expect(sent?.headers['idempotency-key']).toBe('conformance-acme-ticket-multi-turn');
      expect(sent?.body).toEqual({ ticket });
    },
  },
});
