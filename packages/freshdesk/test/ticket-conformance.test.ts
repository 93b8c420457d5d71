import axios from 'axios';
import { http, HttpResponse } from 'msw';
import type { EscalationContext } from '@pillar/escalation-core';
import { describeAdapterConformance } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { ticketSchemaErrors } from './support';

const server = setupProviderServer();
const TICKETS = 'https://acme.freshdesk.com/api/v2/tickets';
const mapping = { reason: 'cf_reason', plan: 'cf_plan', conversationId: 'cf_conversation_id', pageUrl: 'cf_page_url', userId: 'cf_user_id' };
const make = () => freshdeskTicket({ domain: 'acme', apiKey: 'fd_test_key_123', fields: mapping, http: axios.create(), retry: false, find: { waitMs: 0, intervalMs: 1 } });

/** A ticket needs a requester: the fixtures without an email get this one, so all of them reach a payload. */
const withEmail = (context: EscalationContext): EscalationContext => ({ ...context, user: { ...context.user, email: context.user?.email ?? 'requester@example.com' } });

/** A fake Tickets API that keeps what it creates and lists it by requester email. */
function fakeTickets() {
  const made: Array<{ id: number; email: string; tags: string[]; created_at: string }> = [];
  server.use(
    http.post(TICKETS, async ({ request }) => {
      const body = (await request.json()) as { email: string; tags: string[] };
      made.push({ id: 5001 + made.length, email: body.email, tags: body.tags, created_at: '2026-12-07T10:00:00Z' });
      return HttpResponse.json({ id: made.at(-1)!.id }, { status: 201 });
    }),
    http.get(TICKETS, ({ request }) => HttpResponse.json(made.filter((t) => t.email === new URL(request.url).searchParams.get('email')))),
  );
}

describeAdapterConformance('@pillar/escalation-freshdesk/server freshdeskTicket', make, {
  htmlFields: ['description'],
  textFields: ['subject', 'name', 'email', 'unique_external_id', 'tags[]', ...Object.values(mapping).map((cf) => `custom_fields.${cf}`)],
  completeFixture: withEmail,
  onCoverage(coverage) {
    expect(coverage.notRun).toEqual([]);
    expect(coverage.ran).toBe(coverage.pairs);
  },
  timeoutMs: 30_000,
  deliver: {
    run: true,
    setup: () => {
      server.use(
        http.post(TICKETS, async ({ request }) => {
          const errors = ticketSchemaErrors(await request.json());
          if (errors.length > 0) return HttpResponse.json({ description: 'Validation failed', errors }, { status: 400 });
          return HttpResponse.json({ id: 5001 }, { status: 201 });
        }),
      );
    },
    expect: (delivery) => {
      expect(delivery).toEqual({ status: 'created', reference: { id: '5001', url: 'https://acme.freshdesk.com/a/tickets/5001' } });
    },
  },
  find: { run: true, setup: fakeTickets },
});
