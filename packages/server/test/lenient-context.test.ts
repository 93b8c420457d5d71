import axios from 'axios';
import { http, HttpResponse } from 'msw';
import {
  createRegistry,
  parseContextWithReport,
  relay,
  type DeliverOptions,
  type Delivery,
  type DroppedValue,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationRegistry,
  type EscalationResult,
} from '@pillar/escalation-core';
import { recordRequests, setupProviderServer, type RecordedRequest } from '@pillar/escalation-testkit/msw';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { createEscalationHandler, type EscalationHandler } from '@pillar/escalation-server';
import { listen, loopback, type Loopback } from './support';
import { HTTP_PAGE, NON_HTTP, CONTROL, type Fixture, raw, FIXTURES, strings } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds", through the relay: contexts from app shells
// (Capacitor, Tauri, browser extensions, file://), with emails a provider would refuse and control
// characters in the identity fields, answer 201 with what was dropped, both when a browser's raw
// context reaches the handler and when the page's registry sends it with the real `relay` adapter
// over loopback HTTP. Behind the relay the real Zendesk ticket adapter (msw for Zendesk) shows
// the app-shell address as text only; without a usable email it refuses with INVALID_CONTEXT
// naming user.email and the server's fallback option takes over.

const TICKETS = 'https://acme.zendesk.com/api/v2/tickets';
const ESCALATIONS = 'https://app.example.com/api/escalation/escalations';
// One conversation per fixture: each is an escalation of its own (one relay serves them all).
const cases = FIXTURES.map((f, i) => [f.name, { ...f, raw: { ...(f.raw as object), conversationId: `conv_relay_${i}` } }] as const);
const emailDropped = (f: Fixture) => f.dropped.some((d) => d.path === 'user.email');

const msw = setupProviderServer(loopback);
const requests = recordRequests(msw);
beforeEach(() => requests.clear());

/** The server's contact form: a server adapter that records the context it delivered. */
function contactForm(sent: EscalationContext[]): EscalationAdapter<{ messages: number }> {
  return {
    kind: 'contact-form',
    runtime: 'server',
    toPayload: (context) => ({ messages: context.messages.length }),
    deliver: async (_payload, options: DeliverOptions): Promise<Delivery> => {
      sent.push(options.context);
      return { status: 'created', reference: { id: `form-${sent.length}` } };
    },
  };
}

interface Server {
  handler: EscalationHandler;
  registry: EscalationRegistry;
  /** `dropped` of each `escalation:start` on the server. */
  started: Array<DroppedValue[] | undefined>;
  /** What the contact form delivered. */
  forms: EscalationContext[];
}

/** The relay's server half: the real Zendesk ticket, falling back to the contact form. Anonymous visitors. */
function relayServer(): Server {
  const forms: EscalationContext[] = [];
  const registry = createRegistry([
    {
      id: 'ticket',
      label: 'Open a ticket',
      adapter: zendeskTicket({ subdomain: 'acme', auth: { email: 'agent@acme.test', apiToken: 'zd-token-123' }, http: axios.create(), retry: false, fields: { pageUrl: 360005 } }),
      fallback: ['form'],
    },
    { id: 'form', label: 'Contact form', adapter: contactForm(forms) },
  ]);
  const started: Array<DroppedValue[] | undefined> = [];
  registry.on('escalation:start', (event) => started.push(event.dropped));
  return { handler: createEscalationHandler({ registry, rateLimit: false, onError: () => undefined }), registry, started, forms };
}

function zendeskAnswers(): void {
  msw.use(http.post(TICKETS, () => HttpResponse.json({ ticket: { id: 35436 } }, { status: 201 })));
}

/** The Zendesk requests the relay made. */
async function zendeskRequests(): Promise<RecordedRequest[]> {
  return (await requests.all()).filter((r) => r.url.startsWith(TICKETS));
}

/** Nothing of the context in a request line or a header but what is safe there. */
function expectSafeRequest(request: RecordedRequest, fixture: Fixture): void {
  if (fixture.displayUrl) expect(request.url).not.toContain(fixture.displayUrl);
  for (const [name, value] of Object.entries(request.headers)) {
    expect({ name, printable: /^[\x20-\x7e]*$/.test(value) }).toEqual({ name, printable: true });
    if (fixture.displayUrl) expect({ name, value }).toEqual({ name, value: expect.not.stringContaining(fixture.displayUrl) });
  }
}

/** The ticket behind the relay: the page shown as text, never linked or mapped; clean one-line values. */
function expectTicket(request: RecordedRequest, fixture: Fixture): void {
  expectSafeRequest(request, fixture);
  const { comment, ...ticket } = (request.body as { ticket: { comment: { html_body: string }; custom_fields?: Array<{ id: number; value: unknown }> } }).ticket;
  expect(comment.html_body).toContain(fixture.displayUrl ?? HTTP_PAGE);
  expect(comment.html_body).not.toMatch(/<a[\s>]|href\s*=/i);
  expect(comment.html_body).not.toMatch(/\r|(?:\n|<br>|<p>)(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
  for (const [path, value] of strings(ticket)) {
    expect({ path, control: CONTROL.test(value) }).toEqual({ path, control: false });
    if (fixture.displayUrl) expect({ path, value }).toEqual({ path, value: expect.not.stringContaining(fixture.displayUrl) });
  }
  expect(ticket.custom_fields?.find((f) => f.id === 360005)?.value).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
}

describe('createEscalationHandler: a browser\'s raw context (fetch handler)', () => {
  it.each(cases)('%s: answers 201 and reports what was dropped', async (_name, fixture) => {
    zendeskAnswers();
    const server = relayServer();
    const response = await server.handler(
      new Request(ESCALATIONS, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ optionId: 'ticket', context: fixture.raw }) }),
    );

    expect(response.status).toBe(201);
    const body = (await response.json()) as EscalationResult;
    expect(body.dropped ?? []).toEqual(fixture.dropped);
    expect(server.started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
    const sent = await zendeskRequests();
    if (emailDropped(fixture)) {
      expect(body).toMatchObject({ optionId: 'form', requestedOptionId: 'ticket', status: 'created', reference: { id: 'form-1' } });
      expect(body.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([
        ['ticket', 'failed', 'INVALID_CONTEXT'],
        ['form', 'delivered', undefined],
      ]);
      expect(body.attempts[0]?.error?.message).toMatch(/user\.email/);
      expect(sent).toEqual([]);
      expect(server.forms[0]?.user?.email).toBeUndefined();
      return;
    }
    expect(body).toMatchObject({ optionId: 'ticket', kind: 'zendesk-ticket', status: 'created', reference: { id: '35436' } });
    expect(sent).toHaveLength(1);
    expectTicket(sent[0]!, fixture);
  });
});

describe('relay ↔ createEscalationHandler over loopback HTTP', () => {
  let app: Loopback;
  let server: Server;
  beforeAll(async () => {
    server = relayServer();
    app = await listen(server.handler);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    server.started.length = 0;
    server.forms.length = 0;
  });

  it.each(cases)('%s: the page\'s relay gets 201 and reports what was dropped', async (_name, fixture) => {
    zendeskAnswers();
    const page = createRegistry([{ id: 'ticket', label: 'Open a ticket', adapter: relay({ endpoint: `${app.origin}/api/escalation` }) }]);
    const started: Array<DroppedValue[] | undefined> = [];
    page.on('escalation:start', (event) => started.push(event.dropped));
    const { context } = parseContextWithReport(fixture.raw);

    const result = await page.escalate('ticket', context);

    expect(result).toMatchObject({ optionId: 'ticket', kind: 'relay', status: 'created' });
    expect(result.dropped ?? []).toEqual(fixture.dropped);
    expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
    // The relay's own POST: no header carries anything of the context.
    const posts = (await requests.all()).filter((r) => r.url.startsWith(app.origin));
    expect(posts).toHaveLength(1);
    expectSafeRequest(posts[0]!, fixture);
    const sent = await zendeskRequests();
    if (emailDropped(fixture)) {
      expect(result.data).toMatchObject({ server: { optionId: 'form', kind: 'contact-form' } });
      expect(result.reference).toEqual({ id: 'form-1' });
      expect(sent).toEqual([]);
      return;
    }
    expect(result.data).toMatchObject({ server: { optionId: 'ticket', kind: 'zendesk-ticket' } });
    expect(result.reference).toEqual({ id: '35436', url: 'https://acme.zendesk.com/agent/tickets/35436' });
    expect(sent).toHaveLength(1);
    expectTicket(sent[0]!, fixture);
  });
});

describe('relay: the same conversation escalated again from another page', () => {
  let app: Loopback;
  let server: Server;
  beforeAll(async () => {
    server = relayServer();
    app = await listen(server.handler);
  });
  afterAll(() => app.close());

  // The derived key covers the option, the user's id and the conversation, not the page; the
  // relay fingerprints the whole context. A user who escalates from the web page and then again
  // (no new message) from the Capacitor shell must not be told "bug in the app" (422 CONFIGURATION).
  it('is delivered (or replayed), never refused as a reused key', async () => {
    zendeskAnswers();
    const page = () => createRegistry([{ id: 'ticket', label: 'Open a ticket', adapter: relay({ endpoint: `${app.origin}/api/escalation` }) }]);
    const first = await page().escalate('ticket', parseContextWithReport(raw({}, { url: HTTP_PAGE })).context);
    expect(first).toMatchObject({ status: 'created' });

    const again = page().escalate('ticket', parseContextWithReport(raw({}, { url: NON_HTTP[0] })).context);

    await expect(again).resolves.toMatchObject({ optionId: 'ticket', status: 'created' });
  });
});
