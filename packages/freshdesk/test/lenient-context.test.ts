/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type Delivery, type DroppedValue, type EscalationAdapter, type EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { installFreshdeskWidgetFake, type FreshdeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { HTTP_PAGE, CONTROL, type Fixture, raw, cleaned, FIXTURES, strings } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, open the Freshdesk widget; what was dropped is reported; the app-shell address
// is shown in the description but never put in a custom field or the identity. (The ticket, a
// server adapter, is in lenient-context-ticket.test.ts.)

let fake: FreshdeskWidgetFake | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

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

describe('freshdeskWidget: lenient context', () => {
  it.each(cases)('%s: opens the ticket form; identity, subject and custom fields are clean, no app-shell address outside the description', async (_name, fixture) => {
    fake = installFreshdeskWidgetFake({ mode: 'loaded' });
    const run = await escalate(freshdeskWidget({ fields: { plan: 'cf_plan', pageUrl: 'cf_page_url' }, widgetTimeoutMs: 1_000 }), fixture);

    expectDelivered(run, 'freshdesk-widget', 'opened');
    expect(fake.open).toBe(true);
    expect(fake.identity?.email).toBe(emailDropped(fixture) ? undefined : 'ada@example.com');
    expectSafeValues(fake.identity, fixture);
    const { description, ...fields } = fake.prefill?.fields ?? {};
    expectTranscript(String(description), fixture);
    expectSafeValues(fields, fixture);
    const custom = fields.custom_fields as Record<string, unknown> | undefined;
    expect(custom?.cf_page_url).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
    expect(custom?.cf_plan).toMatch(/^pro\b/);
  });
});

