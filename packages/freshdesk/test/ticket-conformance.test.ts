import axios from 'axios';
import { http, HttpResponse } from 'msw';
import type { EscalationContext } from '@pillar/escalation-core';
import { arbitraryContext, contextFixtures, describeAdapterConformance } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { ticketSchemaErrors } from './support';

const server = setupProviderServer();
const mapping = { reason: 'cf_reason', plan: 'cf_plan', conversationId: 'cf_conversation_id', pageUrl: 'cf_page_url', userId: 'cf_user_id' };
const make = () => freshdeskTicket({ domain: 'acme', apiKey: 'fd_test_key_123', mapping, http: axios.create(), retry: false });

/** A ticket needs a requester: every built-in fixture again, with an email, so all of them reach a payload. */
const withEmail: Record<string, EscalationContext> = {};
for (const [name, context] of Object.entries(contextFixtures())) {
  withEmail[`${name} + email`] = { ...context, user: { ...context.user, email: 'requester@example.com' } };
}

describeAdapterConformance('@pillar/escalation-freshdesk/server freshdeskTicket', make, {
  htmlFields: ['description'],
  textFields: ['subject', 'name', 'email', 'unique_external_id', 'tags[]', ...Object.values(mapping).map((cf) => `custom_fields.${cf}`)],
  fixtures: withEmail,
  arbitrary: arbitraryContext().map((context) => ({ ...context, user: { ...context.user, email: 'requester@example.com' } })),
  timeoutMs: 30_000,
  deliver: {
    run: true,
    setup: () => {
      server.use(
        http.post('https://acme.freshdesk.com/api/v2/tickets', async ({ request }) => {
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
});
