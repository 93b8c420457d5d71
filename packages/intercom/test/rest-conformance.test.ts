import { http, HttpResponse } from 'msw';
import type { EscalationContext } from '@pillar/escalation-core';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';
import { describeAdapterConformance, type ConformanceCoverage } from '@pillar/escalation-testkit';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';

const API = 'https://api.intercom.io';
const server = setupProviderServer();

/** Intercom needs to know who asks (`user.id` or `user.email`); the fixtures that name nobody get this user. */
const withUser = (context: EscalationContext): EscalationContext => ({
  ...context,
  user: { ...context.user, id: context.user?.id ?? 'u_conformance', email: context.user?.email ?? 'requester@example.com' },
});

/** Every fixture reaches a payload, so every payload check inspects one. */
function everyPairRan(coverage: ConformanceCoverage): void {
  expect(coverage.notRun).toEqual([]);
  expect(coverage.ran).toBe(coverage.pairs);
}

/** Intercom's search matches whole words: does `text` hold `word` as one? */
const holdsWord = (text: string, word: string) => text.split(/\s+/).includes(word);

/** A fake that keeps the conversations it creates and searches their bodies. */
function fakeConversations() {
  const made: Array<{ id: string; body: string }> = [];
  server.use(
    http.post(`${API}/contacts/search`, () => HttpResponse.json({ type: 'list', data: [{ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', role: 'user' }], total_count: 1 })),
    http.post(`${API}/conversations`, async ({ request }) => {
      made.push({ id: String(499 + made.length), body: ((await request.json()) as { body: string }).body });
      return HttpResponse.json({ type: 'user_message', id: '1', conversation_id: made.at(-1)!.id });
    }),
    http.post(`${API}/conversations/search`, async ({ request }) => {
      const { query } = (await request.json()) as { query: { value: string } };
      const hits = made.filter((c) => holdsWord(c.body, query.value));
      return HttpResponse.json({ type: 'conversation.list', conversations: hits.map((c) => ({ type: 'conversation', id: c.id, created_at: 1_765_000_000 })), total_count: hits.length });
    }),
  );
}

/** A fake that keeps the tickets it creates and searches their descriptions. */
function fakeTickets() {
  const made: Array<{ id: string; description: string }> = [];
  server.use(
    http.post(`${API}/tickets`, async ({ request }) => {
      const { ticket_attributes } = (await request.json()) as { ticket_attributes: { _default_description_: string } };
      made.push({ id: String(626 + made.length), description: ticket_attributes._default_description_ });
      return HttpResponse.json({ type: 'ticket', id: made.at(-1)!.id, ticket_id: '33' });
    }),
    http.post(`${API}/tickets/search`, async ({ request }) => {
      const { query } = (await request.json()) as { query: { value: Array<{ field: string; value: string }> } };
      const token = query.value.find((f) => f.field === 'description')?.value ?? '';
      const hits = made.filter((t) => holdsWord(t.description, token));
      return HttpResponse.json({ type: 'ticket.list', tickets: hits.map((t) => ({ type: 'ticket', id: t.id, created_at: 1_765_000_000 })), total_count: hits.length });
    }),
  );
}

// The fakes search at once, so an empty search may be trusted here.
const find = { waitMs: 0, absentWhenNotFound: true };

describeAdapterConformance('intercom-conversation', () => intercomConversation({ accessToken: 'test-token', retry: false, find }), {
  completeFixture: withUser,
  onCoverage: everyPairRan,
  textFields: ['body', 'contact.*'],
  deliver: {
    run: true,
    setup() {
      server.use(
        http.post(`${API}/contacts/search`, () => HttpResponse.json({ type: 'list', data: [{ type: 'contact', id: '6762f0dd1bb69f9f2193bb83', role: 'user' }], total_count: 1 })),
        http.post(`${API}/conversations`, () => HttpResponse.json({ type: 'user_message', id: '1', conversation_id: '499' })),
      );
    },
    expect(delivery) {
      expect(delivery).toMatchObject({ status: 'created', reference: { id: '499' } });
    },
  },
  find: { run: true, setup: fakeConversations },
});

describeAdapterConformance('intercom-ticket', () => intercomTicket({ accessToken: 'test-token', ticketTypeId: '88', retry: false, find }), {
  completeFixture: withUser,
  onCoverage: everyPairRan,
  textFields: ['ticket_attributes.*', 'contacts[].*'],
  deliver: {
    run: true,
    setup() {
      server.use(http.post(`${API}/tickets`, () => HttpResponse.json({ type: 'ticket', id: '626', ticket_id: '33' })));
    },
    expect(delivery) {
      expect(delivery).toMatchObject({ status: 'created', reference: { id: '626' } });
    },
  },
  find: { run: true, setup: fakeTickets },
});
