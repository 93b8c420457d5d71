import { acmeDesk } from './testing-adapters-1';
import { http, HttpResponse } from 'msw';
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';

const server = setupProviderServer();

/** A fake Acme Desk that keeps its tickets and lists them by the key they were created with. */
function fakeAcmeDesk() {
  const tickets: Array<{ id: number; key: string | null }> = [];
  server.use(
    http.post('https://test.acmedesk.example/api/tickets', ({ request }) => {
      tickets.push({ id: tickets.length + 1, key: request.headers.get('idempotency-key') });
      return HttpResponse.json({ id: tickets.length }, { status: 201 });
    }),
    http.get('https://test.acmedesk.example/api/tickets', ({ request }) =>
      HttpResponse.json(tickets.filter((t) => t.key === new URL(request.url).searchParams.get('idempotency_key'))),
    ),
  );
}

describeAdapterConformance('acme-ticket', () => acmeDesk({ subdomain: 'test', token: 'test-token' }), {
  htmlFields: ['html_body'],
  textFields: ['subject', 'requester.*', 'custom_fields.*', 'tags[]'],
  find: { run: true, setup: fakeAcmeDesk },
});
