import axios from 'axios';
import { http, HttpResponse } from 'msw';
import { createRegistry, parseContextWithReport, type Delivery, type DroppedValue, type EscalationAdapter, type EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { freshdeskTicket, type FreshdeskTicketOptions } from '@pillar/escalation-freshdesk/server';
import { recordRequests, setupProviderServer, type RecordedRequest } from '@pillar/escalation-testkit/msw';
import { HTTP_PAGE, CONTROL, type Fixture, raw, cleaned, FIXTURES, strings } from '../../../scripts/test-support/lenient-context';

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

/** Stands for the next option (a contact form, the relay): counts its deliveries. */
function recordingFallback(): EscalationAdapter<{ messages: number }> & { delivered: number } {
  const adapter = {
    kind: 'recording-fallback',
    runtime: 'universal' as const,
    delivered: 0,
    toPayload: (context: { messages: unknown[] }) => ({ messages: context.messages.length }),
    deliver: async (): Promise<Delivery> => {
      adapter.delivered++;
      return { status: 'created', reference: { id: 'form-1' } };
    },
  };
  return adapter;
}

interface Run {
  result: EscalationResult;
  fallbacks: EscalationError[];
  fallback: { delivered: number };
}

/** Parses the app's context as the page would, escalates with a fallback, and checks the dropped report. */
async function escalate(adapter: EscalationAdapter, fixture: Fixture): Promise<Run> {
  const fallback = recordingFallback();
  const registry = createRegistry([
    { id: 'freshdesk', label: 'Freshdesk', adapter, fallback: ['form'] },
    { id: 'form', label: 'Contact form', adapter: fallback },
  ]);
  const started: Array<DroppedValue[] | undefined> = [];
  const fallbacks: EscalationError[] = [];
  registry.on('escalation:start', (event) => started.push(event.dropped));
  registry.on('escalation:fallback', (event) => fallbacks.push(event.error));
  const { context } = parseContextWithReport(fixture.raw);
  const result = await registry.escalate('freshdesk', context);
  expect(result.dropped ?? []).toEqual(fixture.dropped);
  expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
  return { result, fallbacks, fallback };
}

function expectDelivered(run: Run, kind: string, status: Delivery['status']): void {
  expect(run.result).toMatchObject({ optionId: 'freshdesk', kind, status });
  expect(run.result.attempts.map((a) => [a.optionId, a.outcome])).toEqual([['freshdesk', 'delivered']]);
  expect(run.fallback.delivered).toBe(0);
}

/** The adapter needed the email that was dropped: INVALID_CONTEXT naming user.email, then the fallback. */
function expectFellBack(run: Run): void {
  expect(run.result).toMatchObject({ optionId: 'form', requestedOptionId: 'freshdesk', status: 'created' });
  expect(run.result.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([
    ['freshdesk', 'failed', 'INVALID_CONTEXT'],
    ['form', 'delivered', undefined],
  ]);
  expect(run.result.attempts[0]?.error?.message).toMatch(/user\.email/);
  expect(run.fallbacks.map((e) => [e.code, e.details?.path])).toEqual([['INVALID_CONTEXT', 'user.email']]);
  expect(run.fallback.delivered).toBe(1);
}

/** Single-line values (names, emails, fields, tags, subjects): no control characters, no app-shell address. */
function expectSafeValues(values: unknown, fixture: Fixture): void {
  for (const [path, value] of strings(values)) {
    expect({ path, control: CONTROL.test(value) }).toEqual({ path, control: false });
    if (fixture.displayUrl) expect({ path, value }).toEqual({ path, value: expect.not.stringContaining(fixture.displayUrl) });
  }
}

/** A transcript shows the page (the app-shell address as text), links nothing, and keeps cleaned values on their line. */
function expectTranscript(transcript: string, fixture: Fixture): void {
  expect(transcript).toContain(fixture.displayUrl ?? HTTP_PAGE);
  expect(transcript).not.toMatch(/<a[\s>]|href\s*=|\]\(|<(?:capacitor|tauri|chrome-extension|file|app):/i);
  expect(transcript).not.toMatch(/\r|(?:\n|<br>|<p>)(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
}

/** Nothing of the context in the request line or a header but what is safe there. */
function expectSafeRequest(request: RecordedRequest, fixture: Fixture): void {
  if (fixture.displayUrl) expect(request.url).not.toContain(fixture.displayUrl);
  for (const [name, value] of Object.entries(request.headers)) {
    expect({ name, printable: /^[\x20-\x7e]*$/.test(value) }).toEqual({ name, printable: true });
    if (fixture.displayUrl) expect({ name, value }).toEqual({ name, value: expect.not.stringContaining(fixture.displayUrl) });
  }
}

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
