/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type DroppedValue, type EscalationResult } from '@pillar/escalation-core';
import { installCalendlyFake, type CalendlyFake } from '@pillar/escalation-testkit/fakes';
import { calendlyScheduling } from '../src';
import { HTTP_PAGE, CONTROL, type Fixture, raw, FIXTURES, strings } from '../../../scripts/test-support/lenient-context';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, open Calendly (popup and link); what was dropped is reported; the scheduling
// URL never links to the app-shell address (it may only be text inside the summary answer), and
// the prefilled name and email are clean.

const SCHEDULING = 'https://calendly.com/acme/call';
const cases = FIXTURES.map((f) => [f.name, f] as const);
const emailDropped = (f: Fixture) => f.dropped.some((d) => d.path === 'user.email');

let fake: CalendlyFake | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
  jest.restoreAllMocks();
});

async function escalate(mode: 'popup' | 'link', fixture: Fixture): Promise<EscalationResult> {
  const registry = createRegistry([
    { id: 'call', label: 'Schedule a call', adapter: calendlyScheduling({ url: SCHEDULING, mode, answers: { a1: 'summary', a2: 'question' } }) },
  ]);
  const started: Array<DroppedValue[] | undefined> = [];
  registry.on('escalation:start', (event) => started.push(event.dropped));
  const { context } = parseContextWithReport(fixture.raw);
  const result = await registry.escalate('call', context);
  expect(result).toMatchObject({ optionId: 'call', kind: 'calendly-scheduling' });
  expect(result.attempts.map((a) => [a.optionId, a.outcome])).toEqual([['call', 'delivered']]);
  expect(result.dropped ?? []).toEqual(fixture.dropped);
  expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
  return result;
}

const SCHEMES = /^(?:capacitor|tauri|chrome-extension|file|app):/i;

/** The URL Calendly opens: on the scheduling page, and no parameter is (or links to) the app-shell address. */
function expectSchedulingUrl(href: string, fixture: Fixture): URLSearchParams {
  const url = new URL(href);
  expect(`${url.origin}${url.pathname}`).toBe(SCHEDULING);
  if (fixture.displayUrl) expect(href).not.toContain(fixture.displayUrl);
  for (const [name, value] of url.searchParams) {
    expect({ name, link: SCHEMES.test(value.trim()) }).toEqual({ name, link: false });
    if (name !== 'a1' && name !== 'a2') {
      expect({ name, control: CONTROL.test(value) }).toEqual({ name, control: false });
      if (fixture.displayUrl) expect({ name, value }).toEqual({ name, value: expect.not.stringContaining(fixture.displayUrl) });
    }
  }
  expect(url.searchParams.get('email')).toBe(emailDropped(fixture) ? null : 'ada@example.com');
  expect(url.searchParams.get('name')).toBe('Ada Lovelace');
  // The summary shows the page: the app-shell address as text.
  expect(url.searchParams.get('a1')).toContain(fixture.displayUrl ?? HTTP_PAGE);
  return url.searchParams;
}

describe('calendlyScheduling: lenient context', () => {
  it.each(cases)('%s: opens the popup, prefilled with clean values', async (_name, fixture) => {
    fake = installCalendlyFake();
    const result = await escalate('popup', fixture);

    expect(result.status).toBe('opened');
    expectSchedulingUrl(String(result.reference?.url), fixture);
    const popup = fake.lastPopup();
    expect(popup?.url).toBe(SCHEDULING);
    const { customAnswers, ...identity } = popup?.prefill ?? {};
    expectSafe(identity, fixture);
    expect(identity.email).toBe(emailDropped(fixture) ? undefined : 'ada@example.com');
    expect((customAnswers as Record<string, string>).a1).toContain(fixture.displayUrl ?? HTTP_PAGE);
  });

  it.each(cases)('%s: opens the scheduling link in a new tab', async (_name, fixture) => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => ({ opener: window }) as unknown as Window);
    const result = await escalate('link', fixture);

    expect(result.status).toBe('redirected');
    expect(open).toHaveBeenCalledTimes(1);
    const href = String(open.mock.calls[0]?.[0]);
    expect(href).toBe(result.reference?.url);
    expectSchedulingUrl(href, fixture);
  });
});

/** Single-line values: no control characters, no app-shell address. */
function expectSafe(values: unknown, fixture: Fixture): void {
  for (const [path, value] of strings(values)) {
    expect({ path, control: CONTROL.test(value) }).toEqual({ path, control: false });
    if (fixture.displayUrl) expect({ path, value }).toEqual({ path, value: expect.not.stringContaining(fixture.displayUrl) });
  }
}
