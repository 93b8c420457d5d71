/** @jest-environment jest-fixed-jsdom */
import axios from 'axios';
import { http, HttpResponse } from 'msw';
import { createRegistry, parseContextWithReport, type Delivery, type DroppedValue, type EscalationAdapter, type EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { installZendeskWidgetFake, type ZendeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { recordRequests, setupProviderServer, type RecordedRequest } from '@pillar/escalation-testkit/msw';
import { zendeskMessenger, zendeskRequest, zendeskWebWidget } from '@pillar/escalation-zendesk';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { HTTP_PAGE, CONTROL, type Fixture, raw, cleaned, FIXTURES, strings, escalate, expectDelivered, expectFellBack, expectSafeValues, expectTranscript, expectSafeRequest } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, escalate through every Zendesk adapter; what was dropped is reported; the
// app-shell address is shown in the transcript but never put in a field, a link, a URL or a
// header; the adapters that need the requester's email refuse with INVALID_CONTEXT naming
// user.email, and the registry's fallback takes over.

const REQUESTS = 'https://acme.zendesk.com/api/v2/requests';
const TICKETS = 'https://acme.zendesk.com/api/v2/tickets';
const server = setupProviderServer();
const requests = recordRequests(server);
beforeEach(() => requests.clear());

let fake: ZendeskWidgetFake | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

const cases = FIXTURES.map((f) => [f.name, f] as const);
const emailDropped = (f: Fixture) => f.dropped.some((d) => d.path === 'user.email');

describe('zendeskMessenger: lenient context', () => {
  it.each(cases)('%s: opens Messaging with the transcript; no field gets the app-shell address', async (_name, fixture) => {
    fake = installZendeskWidgetFake({ product: 'messenger' });
    const run = await escalate(zendeskMessenger({ fields: { transcript: '360001', plan: '360004', pageUrl: '360005' }, widgetTimeoutMs: 1_000 }), fixture);

    expectDelivered(run, 'zendesk-messenger', 'opened');
    const fields = fake.conversationFields;
    expectTranscript(String(fields.find((f) => f.id === '360001')?.value), fixture);
    const others = fields.filter((f) => f.id !== '360001');
    expectSafeValues(others, fixture);
    expectSafeValues(fake.conversationTags, fixture);
    expect(others.find((f) => f.id === '360005')?.value).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
    expect(others.find((f) => f.id === '360004')?.value).toMatch(/^pro\b/);
  });
});

describe('zendeskWebWidget: lenient context', () => {
  it.each(cases)('%s: opens the contact form; identity and prefills are clean, no app-shell address outside the description', async (_name, fixture) => {
    fake = installZendeskWidgetFake({ product: 'webWidget' });
    const run = await escalate(zendeskWebWidget({ fields: { plan: 360004, pageUrl: 360005 }, widgetTimeoutMs: 1_000 }), fixture);

    expectDelivered(run, 'zendesk-web-widget', 'opened');
    const email = emailDropped(fixture) ? undefined : 'ada@example.com';
    expect(fake.identity?.email).toBe(email);
    expect((fake.prefill?.email as { value?: unknown } | undefined)?.value).toBe(email);
    expectSafeValues(fake.identity, fixture);
    expectSafeValues(fake.prefill, fixture);
    const form = (fake.settings.webWidget as { contactForm: { fields: Array<{ id: unknown; prefill: { '*': string } }>; tags: string[] } }).contactForm;
    expectTranscript(String(form.fields.find((f) => f.id === 'description')?.prefill['*']), fixture);
    expectSafeValues(form.fields.filter((f) => f.id !== 'description'), fixture);
    expectSafeValues(form.tags, fixture);
    expect(form.fields.find((f) => f.id === 360005)?.prefill['*']).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
  });
});

describe('zendeskRequest: lenient context', () => {
  it.each(cases)('%s: creates the request, or falls back when the requester email was dropped', async (_name, fixture) => {
    server.use(http.post(REQUESTS, () => HttpResponse.json({ request: { id: 77 } }, { status: 201 })));
    const run = await escalate(zendeskRequest({ subdomain: 'acme', retry: false }), fixture);
    const sent = await requests.all();

    if (emailDropped(fixture)) {
      expectFellBack(run);
      expect(sent).toEqual([]);
      return;
    }
    expectDelivered(run, 'zendesk-request', 'created');
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expectSafeRequest(request, fixture);
    const body = request.body as { request: { subject: string; comment: { body: string }; requester: Record<string, string> } };
    expect(body.request.requester.email).toBe('ada@example.com');
    expectSafeValues(body.request.requester, fixture);
    expectSafeValues(body.request.subject, fixture);
    expectTranscript(body.request.comment.body, fixture);
  });
});

describe('zendeskTicket: lenient context', () => {
  it.each(cases)('%s: creates the ticket, or falls back when the requester email was dropped', async (_name, fixture) => {
    server.use(http.post(TICKETS, () => HttpResponse.json({ ticket: { id: 35436 } }, { status: 201 })));
    const adapter = zendeskTicket({
      subdomain: 'acme',
      auth: { email: 'agent@acme.test', apiToken: 'tok_123' },
      http: axios.create(),
      retry: false,
      fields: { plan: 360004, pageUrl: 360005 },
    });
    const run = await escalate(adapter, fixture);
    const sent = await requests.all();

    if (emailDropped(fixture)) {
      expectFellBack(run);
      expect(sent).toEqual([]);
      return;
    }
    expectDelivered(run, 'zendesk-ticket', 'created');
    expect(run.result.reference).toEqual({ id: '35436', url: 'https://acme.zendesk.com/agent/tickets/35436' });
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expectSafeRequest(request, fixture);
    const { ticket } = request.body as { ticket: { subject: string; comment: { html_body: string }; requester: Record<string, string>; tags: string[]; custom_fields?: Array<{ id: number; value: unknown }> } };
    expect(ticket.requester.email).toBe('ada@example.com');
    expectSafeValues(ticket.requester, fixture);
    expectSafeValues(ticket.subject, fixture);
    expectSafeValues(ticket.tags, fixture);
    expectSafeValues(ticket.custom_fields, fixture);
    expect(ticket.custom_fields?.find((f) => f.id === 360005)?.value).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
    expectTranscript(ticket.comment.html_body, fixture);
  });
});
