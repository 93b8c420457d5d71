/** @jest-environment jest-fixed-jsdom */
import { createRegistry, parseContextWithReport, type DroppedValue, type EscalationResult } from '@pillar/escalation-core';
import { communityRedirect, discourse, githubIssues, slack, urlTemplate, type CommunityTarget } from '../src';

// Issue 13, "lenient on what the app adds": contexts from app shells (Capacitor, Tauri, browser
// extensions, file://), with emails a provider would refuse and control characters in the
// identity fields, redirect to every kind of community target; what was dropped is reported;
// the URL opened stays on the target and never links to the app-shell address (a {pageUrl}
// placeholder stays empty; the address may only be text inside the transcript).

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

const cases = FIXTURES.map((f) => [f.name, f] as const);
const SCHEMES = /^(?:capacitor|tauri|chrome-extension|file|app):/i;

const TARGETS: Array<[string, () => CommunityTarget]> = [
  ['discourse', () => discourse({ baseUrl: 'https://forum.example.com' })],
  ['github issues', () => githubIssues({ repo: 'acme/widgets' })],
  ['slack', () => slack({ team: 'T0123ABCD', channel: 'C0456EFGH' })],
  ['url template with {pageUrl}', () => urlTemplate('https://support.example.com/new?title={title}&ref={pageUrl}&body={body}')],
];

afterEach(() => jest.restoreAllMocks());

async function escalate(target: CommunityTarget, fixture: Fixture): Promise<{ result: EscalationResult; opened: string }> {
  const open = jest.spyOn(window, 'open').mockImplementation(() => ({ opener: window }) as unknown as Window);
  const registry = createRegistry([{ id: 'community', label: 'Ask the community', adapter: communityRedirect({ target, includeUser: true }) }]);
  const started: Array<DroppedValue[] | undefined> = [];
  registry.on('escalation:start', (event) => started.push(event.dropped));
  const { context } = parseContextWithReport(fixture.raw);
  const result = await registry.escalate('community', context);
  expect(result).toMatchObject({ optionId: 'community', kind: 'community-redirect', status: 'redirected' });
  expect(result.dropped ?? []).toEqual(fixture.dropped);
  expect(started).toEqual([fixture.dropped.length ? fixture.dropped : undefined]);
  expect(open).toHaveBeenCalledTimes(1);
  return { result, opened: String(open.mock.calls[0]?.[0]) };
}

/** What the community gets as text: the page shown (the app-shell address as text), nothing linked, cleaned values on their line. */
function expectText(text: string, fixture: Fixture): void {
  expect(text).toContain(fixture.displayUrl ?? HTTP_PAGE);
  expect(text).not.toMatch(/<a[\s>]|href\s*=|\]\(\s*<?(?:capacitor|tauri|chrome-extension|file|app):|<(?:capacitor|tauri|chrome-extension|file|app):/i);
  expect(text).not.toMatch(/\r|\n(?:> )?(?:Set-Cookie|X-Plan|X-Evil|Bcc):/);
}

describe('communityRedirect: lenient context', () => {
  describe.each(TARGETS)('%s', (_target, make) => {
    it.each(cases)('%s: opens the target; the app-shell address is never a link or a URL value', async (_name, fixture) => {
      const target = make();
      const { result, opened } = await escalate(target, fixture);

      expect(result.reference?.url).toBe(opened);
      const url = new URL(opened);
      expect(url.origin).toBe(target.origin);
      if (fixture.displayUrl) expect(opened).not.toContain(fixture.displayUrl);
      for (const [name, value] of url.searchParams) expect({ name, link: SCHEMES.test(value.trim()) }).toEqual({ name, link: false });
      const title = url.searchParams.get('title');
      if (title !== null) expect({ title, control: CONTROL.test(title) }).toEqual({ title, control: false });
      if (url.searchParams.has('ref')) expect(url.searchParams.get('ref')).toBe(fixture.displayUrl ? '' : HTTP_PAGE);
      // The conversation travels in the URL (a body parameter) or in the delivery (to copy by hand).
      const text = target.takesText ? url.searchParams.get('body') : (result.data?.transcript as string | undefined);
      expectText(String(text), fixture);
    });
  });
});
