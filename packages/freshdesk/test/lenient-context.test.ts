/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type Delivery, type DroppedValue, type EscalationAdapter, type EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { installFreshdeskWidgetFake, type FreshdeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { HTTP_PAGE, CONTROL, type Fixture, raw, cleaned, FIXTURES, strings, escalate, expectDelivered, expectSafeValues, expectTranscript } from '../../../scripts/test-support/lenient-context';

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

