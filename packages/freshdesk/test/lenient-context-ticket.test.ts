import axios from 'axios';
import { http, HttpResponse } from 'msw';
import { createRegistry, parseContextWithReport, type Delivery, type DroppedValue, type EscalationAdapter, type EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { freshdeskTicket, type FreshdeskTicketOptions } from '@pillar/escalation-freshdesk/server';
import { recordRequests, setupProviderServer, type RecordedRequest } from '@pillar/escalation-testkit/msw';
import { HTTP_PAGE, CONTROL, type Fixture, raw, cleaned, FIXTURES, strings, escalate, expectDelivered, expectFellBack, expectSafeValues, expectTranscript, expectSafeRequest } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, escalate through the Freshdesk ticket; what was dropped is reported; the
// app-shell address is shown in the description but never put in a custom field, a URL or a
// header; the ticket, which needs a requester, refuses with INVALID_CONTEXT naming user.email,
// and the registry's fallback takes over. (The widget is in lenient-context.test.ts.)

const TICKETS = 'https://acme.freshdesk.com/api/v2/tickets';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

const cases = FIXTURES.map((f) => [f.name, f] as const);
const emailDropped = (f: Fixture) => f.dropped.some((d) => d.path === 'user.email');

describe('freshdeskTicket: lenient context', () => {
  const ticket = (extra: Partial<FreshdeskTicketOptions> = {}) =>
    freshdeskTicket({ domain: 'acme', apiKey: 'fd_test_key_123', http: axios.create(), retry: false, fields: { plan: 'cf_plan', pageUrl: 'cf_page_url' }, ...extra });

  /** The ticket Freshdesk was asked to create: checked field by field. */
  function expectSafeTicket(request: RecordedRequest, fixture: Fixture): Record<string, unknown> {
    expectSafeRequest(request, fixture);
    const { description, ...fields } = request.body as Record<string, unknown>;
    expectTranscript(String(description), fixture);
    expectSafeValues(fields, fixture);
    expect((fields.custom_fields as Record<string, unknown> | undefined)?.cf_page_url).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
    return fields;
  }

  it.each(cases)('%s: creates the ticket, or falls back when the requester email was dropped', async (_name, fixture) => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ id: 4242 }, { status: 201 })));
    const run = await escalate(ticket(), fixture);
    const sent = await requests.all();

    if (emailDropped(fixture)) {
      expectFellBack(run);
      expect(sent).toEqual([]);
      return;
    }
    expect(run.result.attempts[0]?.error).toBeUndefined();
    expectDelivered(run, 'freshdesk-ticket', 'created');
    expect(run.result.reference).toEqual({ id: '4242', url: 'https://acme.freshdesk.com/a/tickets/4242' });
    expect(sent).toHaveLength(1);
    expect(expectSafeTicket(sent[0]!, fixture).email).toBe('ada@example.com');
  });

  it.each(cases.filter(([, f]) => emailDropped(f)))('%s: with requesterFallback unique_external_id, the ticket is made for user.id instead', async (_name, fixture) => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ id: 4243 }, { status: 201 })));
    const run = await escalate(ticket({ requesterFallback: 'unique_external_id' }), fixture);
    const sent = await requests.all();

    expect(run.result.attempts[0]?.error).toBeUndefined();
    expectDelivered(run, 'freshdesk-ticket', 'created');
    expect(sent).toHaveLength(1);
    const fields = expectSafeTicket(sent[0]!, fixture);
    expect(fields.email).toBeUndefined();
    expect(fields.unique_external_id).toBe('u_42');
  });
});
