// The contexts of issue 13's "lenient on what the app adds", shared by every adapter's and the
// relay's lenient-context tests: app-shell page addresses (Capacitor, Tauri, extensions,
// file://), emails a provider would refuse, control characters in identity fields, and what
// parseContext must report as dropped for each.
import type { DroppedValue } from '@pillar/escalation-core';

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
