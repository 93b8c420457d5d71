/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type DroppedValue, type EscalationResult } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { installIntercomFake, type IntercomFake } from '@pillar/escalation-testkit/fakes';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, still open the Messenger; what was dropped is reported, and no non-http page
// address reaches a Messenger attribute.

const HTTP_PAGE = 'https://app.example.com/settings/billing';
const NON_HTTP = ['capacitor://localhost/settings/billing', 'tauri://localhost/app', 'chrome-extension://abcdefghijklmnop/popup.html', 'file:///C:/app/index.html', 'app://./index.html'];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

interface Fixture {
  name: string;
  /** What the app handed over, before `parseContext`. */
  raw: unknown;
  /** What the result and `escalation:start` must report. */
  dropped: DroppedValue[];
  /** The page address that may only be shown as text, never linked. */
  displayUrl?: string;
}

function raw(user: Record<string, unknown> = {}, page: Record<string, unknown> = {}) {
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

const pageKept: DroppedValue = { path: 'page.url', reason: 'format', action: 'kept_as_text' };
const emailRemoved = (reason: DroppedValue['reason']): DroppedValue => ({ path: 'user.email', reason, action: 'removed' });
const cleaned = (path: string): DroppedValue => ({ path, reason: 'control_characters', action: 'cleaned' });

const FIXTURES: Fixture[] = [
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
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

let fake: IntercomFake | undefined;
beforeEach(() => {
  document.head.innerHTML = '<script src="/app.js"></script>';
});
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

describe('intercomMessenger: lenient context', () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s: opens the Messenger and reports what was dropped', async (_name, fixture) => {
    fake = installIntercomFake({ mode: 'normal' });
    const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc12def', resendDelayMs: 1, widgetTimeoutMs: 2_000 }) }]);
    const started: Array<DroppedValue[] | undefined> = [];
    registry.on('escalation:start', (event) => started.push(event.dropped));
    const { context } = parseContextWithReport(fixture.raw);

    const result: EscalationResult = await registry.escalate('chat', context);

    expect(result).toMatchObject({ optionId: 'chat', kind: 'intercom-messenger', status: 'opened' });
    expect(result.attempts.map((a) => [a.optionId, a.outcome])).toEqual([['chat', 'delivered']]);
    expect(result.dropped ?? []).toEqual(fixture.dropped);
    expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);

    // What the widget got: boot settings and custom attributes are single-line, without the app-shell address.
    const settings = fake.settings ?? {};
    for (const [path, value] of strings(settings)) {
      expect({ path, control: CONTROL.test(value) }).toEqual({ path, control: false });
      if (fixture.displayUrl) expect({ path, value }).toEqual({ path, value: expect.not.stringContaining(fixture.displayUrl) });
    }
    const expectedEmail = fixture.dropped.some((d) => d.path === 'user.email') ? undefined : 'ada@example.com';
    expect(settings.email).toBe(expectedEmail);
    expect(settings.pillar_page_url).toBe(fixture.displayUrl ? undefined : HTTP_PAGE);
    // Nothing but the composer text may carry the page address, and only as text.
    for (const call of fake.calls.filter((c) => c.method !== 'showNewMessage')) {
      if (fixture.displayUrl) expect(JSON.stringify(call.args)).not.toContain(fixture.displayUrl);
    }
    expect(fake.composer).toMatch(/^I cannot find my invoices in the app\./);
    // A cleaned value stays on its line: nothing it carried starts a line of its own.
    expect(fake.composer).not.toMatch(/\r|\n(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
  });
});
