import axios from 'axios';
import { http, HttpResponse } from 'msw';
import type { EscalationContext } from '@pillar/escalation-core';
import { describeAdapterConformance, type ConformanceCoverage } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { zendeskRequest } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';

const server = setupProviderServer();
const TICKETS = 'https://acme.zendesk.com/api/v2/tickets';

/** Both adapters need a requester email; the fixtures that lack one get this one. */
const withEmail = (context: EscalationContext): EscalationContext => ({ ...context, user: { ...context.user, email: context.user?.email ?? 'requester@example.com' } });

/** Every fixture reaches a payload, so every payload check inspects one. */
function everyPairRan(coverage: ConformanceCoverage): void {
  expect(coverage.notRun).toEqual([]);
  expect(coverage.ran).toBe(coverage.pairs);
}

/** A fake Tickets API that keeps what it creates and lists it by external_id. */
function fakeTickets() {
  const made: Array<{ id: number; external_id: string | null; created_at: string }> = [];
  server.use(
    http.post(TICKETS, async ({ request }) => {
      const { ticket } = (await request.json()) as { ticket: { external_id?: string } };
      made.push({ id: made.length + 1, external_id: ticket.external_id ?? null, created_at: '2026-12-07T10:00:00Z' });
      return HttpResponse.json({ ticket: { id: made.length } }, { status: 201 });
    }),
    http.get(TICKETS, ({ request }) => HttpResponse.json({ tickets: made.filter((t) => t.external_id === new URL(request.url).searchParams.get('external_id')) })),
  );
}

describeAdapterConformance(
  'zendesk-ticket',
  () =>
    zendeskTicket({
      subdomain: 'acme',
      auth: { email: 'agent@acme.test', apiToken: 'tok_123' },
      http: axios.create(),
      fields: { conversationId: 360002, reason: 360003, plan: 360004, pageUrl: 360005, metadata: { accountId: 360006 } },
      find: { waitMs: 0 },
    }),
  {
    completeFixture: withEmail,
    onCoverage: everyPairRan,
    htmlFields: ['ticket.comment.html_body'],
    // Zendesk shows these as text, escaping them itself.
    textFields: ['ticket.subject', 'ticket.requester.name', 'ticket.tags[]', 'ticket.custom_fields[].value', 'ticket.external_id'],
    deliver: {
      run: true,
      setup() {
        server.use(http.post(TICKETS, () => HttpResponse.json({ ticket: { id: 1 } }, { status: 201 })));
      },
      expect(delivery) {
        expect(delivery).toEqual({ status: 'created', reference: { id: '1', url: 'https://acme.zendesk.com/agent/tickets/1' } });
      },
    },
    find: { run: true, setup: fakeTickets },
  },
);

describeAdapterConformance('zendesk-request', () => zendeskRequest({ subdomain: 'acme' }), {
  completeFixture: withEmail,
  onCoverage: everyPairRan,
  textFields: ['request.subject', 'request.comment.body', 'request.requester.name'],
  deliver: {
    run: true,
    setup() {
      server.use(http.post('https://acme.zendesk.com/api/v2/requests', () => HttpResponse.json({ request: { id: 2 } }, { status: 201 })));
    },
    expect(delivery) {
      expect(delivery).toEqual({ status: 'created', reference: { id: '2' } });
    },
  },
});
