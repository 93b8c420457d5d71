// The contexts of issue 13's "lenient on what the app adds", shared by every adapter's and the
// relay's lenient-context tests: app-shell page addresses (Capacitor, Tauri, extensions,
// file://), emails a provider would refuse, control characters in identity fields, and what
// parseContext must report as dropped for each.
import { createRegistry, parseContextWithReport, type Delivery, type DroppedValue, type EscalationAdapter, type EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { recordingAdapter } from '@pillar/escalation-testkit';
import type { RecordedRequest } from '@pillar/escalation-testkit/msw';

export const HTTP_PAGE = 'https://app.example.com/settings/billing';
export const NON_HTTP = ['capacitor://localhost/settings/billing', 'tauri://localhost/app', 'chrome-extension://abcdefghijklmnop/popup.html', 'file:///C:/app/index.html', 'app://./index.html'];
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export interface Fixture {
  name: string;
  /** What the app handed over, before `parseContext`. */
  raw: unknown;
  /** What the result and `escalation:start` must report. */
  dropped: DroppedValue[];
  /** The page address that may only be shown as text, never linked. */
  displayUrl?: string;
}

export function raw(user: Record<string, unknown> = {}, page: Record<string, unknown> = {}) {
  return {
    conversationId: 'conv_lenient_1',
    messages: [
      { role: 'user', content: 'I cannot find my invoices in the app.' },
      { role: 'assistant', content: 'Open Settings, then Billing, then Invoices.' },
      { role: 'user', content: 'There is no Invoices tab. I need a human, please.' },
    ],
    user: { id: 'u_42', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro', role: 'admin', ...user },
    page: { url: HTTP_PAGE, title: 'Billing', ...page },
    reason: 'billing',
  };
}

export const pageKept: DroppedValue = { path: 'page.url', reason: 'format', action: 'kept_as_text' };
export const emailRemoved = (reason: DroppedValue['reason']): DroppedValue => ({ path: 'user.email', reason, action: 'removed' });
export const cleaned = (path: string): DroppedValue => ({ path, reason: 'control_characters', action: 'cleaned' });

export const FIXTURES: Fixture[] = [
  { name: 'an https page, nothing to drop (control)', raw: raw(), dropped: [] },
  ...NON_HTTP.map((url): Fixture => ({ name: `page ${url}`, raw: raw({}, { url }), dropped: [pageKept], displayUrl: url })),
  { name: 'email ops@localhost', raw: raw({ email: 'ops@localhost' }), dropped: [emailRemoved('format')] },
  { name: 'email with CRLF and a Bcc line', raw: raw({ email: 'ops@example.com\r\nBcc: attacker@evil.test' }), dropped: [emailRemoved('control_characters')] },
  { name: 'email with a display name', raw: raw({ email: 'Ops Team <ops@example.com>' }), dropped: [emailRemoved('format')] },
  { name: 'email with two @', raw: raw({ email: 'ops@team@example.com' }), dropped: [emailRemoved('format')] },
  {
    name: 'CR/LF and control characters in name, email, plan, role and title',
    raw: raw({ name: 'Ada\r\nLovelace', email: 'ada@example.com\nX-Evil: 1', plan: 'pro\r\nX-Plan: enterprise', role: 'admin\u0000\u0007' }, { title: 'Billing\r\nSet-Cookie: sid=1' }),
    dropped: [cleaned('user.name'), emailRemoved('control_characters'), cleaned('user.plan'), cleaned('user.role'), cleaned('page.title')],
  },
  {
    name: 'all at once (capacitor page, ops@localhost, U+2028 in the name, a tab in the title)',
    raw: raw({ name: 'Ada\u2028Lovelace', email: 'ops@localhost' }, { url: NON_HTTP[0], title: 'Billing\tInvoices' }),
    dropped: [cleaned('user.name'), emailRemoved('format'), pageKept, cleaned('page.title')],
    displayUrl: NON_HTTP[0],
  },
];

/** Every string inside `value`, with its path. */
export function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

// What each adapter's lenient-context test checks the same way: escalating through a registry
// whose option (id PRIMARY) falls back to a recording form, and what may appear where.

/** The id of the adapter's option in {@link escalate}'s registry. */
export const PRIMARY = 'primary';

/** Stands for the next option (a contact form, the relay): counts its deliveries. */
export function recordingFallback() {
  return recordingAdapter({ kind: 'recording-fallback', delivery: { status: 'created', reference: { id: 'form-1' } } });
}

export interface Run {
  result: EscalationResult;
  fallbacks: EscalationError[];
  fallback: { delivered: number };
}

/** Parses the app's context as the page would, escalates with a fallback, and checks the dropped report. */
export async function escalate(adapter: EscalationAdapter, fixture: Fixture): Promise<Run> {
  const fallback = recordingFallback();
  const registry = createRegistry([
    { id: PRIMARY, label: 'Primary', adapter, fallback: ['form'] },
    { id: 'form', label: 'Contact form', adapter: fallback },
  ]);
  const started: Array<DroppedValue[] | undefined> = [];
  const fallbacks: EscalationError[] = [];
  registry.on('escalation:start', (event) => started.push(event.dropped));
  registry.on('escalation:fallback', (event) => fallbacks.push(event.error));
  const { context } = parseContextWithReport(fixture.raw);
  const result = await registry.escalate(PRIMARY, context);
  expect(result.dropped ?? []).toEqual(fixture.dropped);
  expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
  return { result, fallbacks, fallback };
}

export function expectDelivered(run: Run, kind: string, status: Delivery['status']): void {
  expect(run.result).toMatchObject({ optionId: PRIMARY, kind, status });
  expect(run.result.attempts.map((a) => [a.optionId, a.outcome])).toEqual([[PRIMARY, 'delivered']]);
  expect(run.fallback.delivered).toBe(0);
}

/** The adapter needed the email that was dropped: INVALID_CONTEXT naming user.email, then the fallback. */
export function expectFellBack(run: Run): void {
  expect(run.result).toMatchObject({ optionId: 'form', requestedOptionId: PRIMARY, status: 'created' });
  expect(run.result.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([
    [PRIMARY, 'failed', 'INVALID_CONTEXT'],
    ['form', 'delivered', undefined],
  ]);
  expect(run.result.attempts[0]?.error?.message).toMatch(/user\.email/);
  expect(run.fallbacks.map((e) => [e.code, e.details?.path])).toEqual([['INVALID_CONTEXT', 'user.email']]);
  expect(run.fallback.delivered).toBe(1);
}

/** Single-line values (names, emails, fields, tags, subjects): no control characters, no app-shell address. */
export function expectSafeValues(values: unknown, fixture: Fixture): void {
  for (const [path, value] of strings(values)) {
    expect({ path, control: CONTROL.test(value) }).toEqual({ path, control: false });
    if (fixture.displayUrl) expect({ path, value }).toEqual({ path, value: expect.not.stringContaining(fixture.displayUrl) });
  }
}

/** A transcript shows the page (the app-shell address as text), links nothing, and keeps cleaned values on their line. */
export function expectTranscript(transcript: string, fixture: Fixture): void {
  expect(transcript).toContain(fixture.displayUrl ?? HTTP_PAGE);
  expect(transcript).not.toMatch(/<a[\s>]|href\s*=|\]\(|<(?:capacitor|tauri|chrome-extension|file|app):/i);
  expect(transcript).not.toMatch(/\r|(?:\n|<br>|<p>)(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
}

/** Nothing of the context in the request line or a header but what is safe there. */
export function expectSafeRequest(request: RecordedRequest, fixture: Fixture): void {
  if (fixture.displayUrl) expect(request.url).not.toContain(fixture.displayUrl);
  for (const [name, value] of Object.entries(request.headers)) {
    expect({ name, printable: /^[\x20-\x7e]*$/.test(value) }).toEqual({ name, printable: true });
    if (fixture.displayUrl) expect({ name, value }).toEqual({ name, value: expect.not.stringContaining(fixture.displayUrl) });
  }
}
