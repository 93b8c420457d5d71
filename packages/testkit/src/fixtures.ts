import type { ChatMessage, EscalationContext } from '@pillar/escalation-core';

/** The names of the built-in fixtures, in the order the conformance suite runs them. */
export const FIXTURE_NAMES = [
  'empty',
  'one-message',
  'multi-turn',
  'ten-thousand-messages',
  'one-megabyte-message',
  'html-injection',
  'emoji-and-rtl',
  'control-characters',
  'card-numbers',
  'full-user',
  'page-url-with-query-and-fragment',
  'long-single-word',
] as const;

/** The name of a built-in fixture. */
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/**
 * Strings that have broken real integrations: markup and script injection, `javascript:`
 * links, a closing `</textarea>`, bidi overrides, astral characters, control characters.
 * The fixtures and `arbitraryContext()` mix them into conversations.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<a href="javascript:alert(1)">click me</a>',
  '[click me](javascript:alert(1))',
  '</textarea><script>alert(1)</script>',
  '<b class="injected-by-user">bold?</b>',
  '<iframe src="https://evil.example/">',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7} #{7*7} <%= 7*7 %>',
  '&lt;already escaped&gt; &amp;',
  '👩‍👩‍👧‍👦 🇫🇷 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'مرحبا \u202Egnp.exe\u202C שלום',
  'bell\u0007 nul\u0000 \u001b[31mred\u001b[0m',
  'line\r\nbreaks\rand\nmixes\u2028\u2029',
  '?q=a&b=c#frag %20 %E2%82%AC +',
  '4242 4242 4242 4242',
];

/** One fixed instant so every `createdAt` is the same on every run and machine. */
const T0 = Date.UTC(2026, 10, 24, 9, 30, 0);

function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

function conversation(turns: ReadonlyArray<readonly [ChatMessage['role'], string]>): ChatMessage[] {
  return turns.map(([role, content], i) => ({ role, content, createdAt: at(i) }));
}

/** 10,000 alternating messages; every 1,000th one carries a hostile string. */
function tenThousandMessages(): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < 10_000; i += 1) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const extra = i % 1_000 === 999 ? ` ${HOSTILE_STRINGS[(i / 1_000) | 0] ?? ''}` : '';
    const content =
      role === 'user'
        ? `Message ${i + 1}: the export still fails on step ${(i % 7) + 1}.${extra}`
        : `Message ${i + 1}: try clearing the cache and exporting again (attempt ${(i >> 1) + 1}).${extra}`;
    messages.push({ role, content, createdAt: new Date(T0 + i * 1_000).toISOString() });
  }
  return messages;
}

/** Exactly 1,048,576 UTF-16 units of prose with line breaks, in one user message. */
function oneMegabyte(): string {
  const line = 'The invoice total is wrong again and I have pasted the whole log below so you can see it. ';
  const size = 1_048_576;
  const head = 'Here is the full log:\n';
  let body = head;
  let n = 0;
  while (body.length < size) {
    body += `${n % 10 === 9 ? `${line}\n` : line}`;
    n += 1;
  }
  return body.slice(0, size);
}

/** A word of 20,000 letters with no space or hyphen to break at. */
function longWord(): string {
  return 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(445).slice(0, 20_000);
}

const builders: Record<FixtureName, () => EscalationContext> = {
  empty: () => ({ conversationId: null, messages: [] }),

  'one-message': () => ({
    conversationId: 'conv_one',
    messages: conversation([['user', 'I need to talk to a person, please.']]),
  }),

  'multi-turn': () => ({
    conversationId: 'conv_billing_42',
    messages: conversation([
      ['user', 'Why was I charged twice for my Pro plan this month?'],
      ['assistant', 'I can see two charges on 3 November. One of them may be a pending authorization that drops off in 3–5 days.'],
      ['user', 'It is not pending, both charges are on my bank statement. Invoice INV-2026-1107 and INV-2026-1108.'],
      ['assistant', 'I cannot issue refunds myself. Would you like me to connect you with our billing team?'],
      ['user', 'Yes please, I want a refund for the duplicate.'],
    ]),
    user: { id: 'user_42', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro', role: 'admin', locale: 'en-GB', timeZone: 'Europe/London' },
    page: { url: 'https://app.example.com/settings/billing', title: 'Billing · Example' },
    reason: 'billing',
    metadata: { accountId: 'acct_9001', seats: 12, trial: false, region: 'eu-west-1' },
  }),

  'ten-thousand-messages': () => ({
    conversationId: 'conv_long',
    messages: tenThousandMessages(),
    user: { id: 'user_long', email: 'long@example.com' },
    reason: 'complex',
  }),

  'one-megabyte-message': () => ({
    conversationId: 'conv_megabyte',
    messages: [
      { role: 'user', content: oneMegabyte(), createdAt: at(0) },
      { role: 'assistant', content: 'That is a lot of log. Let me get a human to look at it.', createdAt: at(1) },
    ],
    reason: 'bug',
  }),

  'html-injection': () => ({
    conversationId: 'conv_<script>alert(1)</script>',
    messages: conversation([
      ['user', '<script>alert(1)</script> my invoice is wrong'],
      ['assistant', 'Sorry to hear that. Could you paste what you see? "><img src=x onerror=alert(1)>'],
      ['user', 'It says <a href="javascript:alert(1)">pay now</a> and [pay](javascript:alert(document.cookie)) and javascript:alert(2)'],
      ['user', '</textarea><script>alert(3)</script><textarea>'],
      ['user', "<b class=\"injected-by-user\">bold?</b> <p title=\"injected\" style=\"position:fixed;inset:0\">overlay</p> '><svg/onload=alert(4)>"],
      ['system', '<!-- hidden --><iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'],
    ]),
    user: {
      id: '"><script>alert(5)</script>',
      name: '<img src=x onerror=alert(6)>',
      email: 'mallory@example.com',
      plan: '<b>pro</b>',
      attributes: { note: '<script>alert(7)</script>', link: 'javascript:alert(8)' },
    },
    page: { url: 'https://app.example.com/search?q=%3Cscript%3Ealert(9)%3C%2Fscript%3E', title: '</title><script>alert(10)</script>' },
    reason: 'other',
    metadata: { html: '<div onmouseover="alert(11)">hover</div>', href: 'javascript:alert(12)' },
  }),

  'emoji-and-rtl': () => ({
    conversationId: 'conv_ユニコード_🎉',
    messages: conversation([
      ['user', 'The 👩‍👩‍👧‍👦 family plan shows 🇫🇷 prices 💶 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 and 😀😃😄😁'],
      ['assistant', 'Je peux vous aider. Zalgo: Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇'],
      ['user', 'مرحبا، أحتاج إلى مساعدة في الفاتورة رقم ١٢٣'],
      ['user', 'שלום, אני צריך עזרה עם החשבון'],
      ['user', 'invoice_\u202Efdp.exe\u202C and \u2066isolated\u2069 text, zero\u200Bwidth\u200Djoiner\uFEFF'],
    ]),
    user: { name: 'Zoë 🦊 Ωmega', locale: 'ar-EG', timeZone: 'Africa/Cairo', attributes: { nickname: '🐉' } },
    page: { title: 'الفواتير · חשבונות · 請求書' },
    reason: 'billing',
  }),

  'control-characters': () => ({
    conversationId: 'conv_ctrl',
    messages: conversation([
      ['user', 'nul:\u0000 bell:\u0007 backspace:\u0008 vt:\u000b ff:\u000c esc:\u001b[31mred\u001b[0m del:\u007f'],
      ['assistant', 'windows\r\nunix\nold mac\rmixed\n\r\r\n\ttabbed\u2028line sep\u2029para sep\u0085nel'],
      ['user', '\u0000'.repeat(64)],
      ['user', '\r\n\r\n   \t  '],
    ]),
    user: { name: 'Null\u0000Byte', email: 'ctrl@example.com' },
    metadata: { raw: 'a\u0000b\u001bc' },
  }),

  'card-numbers': () => ({
    conversationId: 'conv_cards',
    messages: conversation([
      ['user', 'My card 4242 4242 4242 4242 was charged, expiry 12/30.'],
      ['assistant', 'Please do not share full card numbers here.'],
      ['user', 'Also tried 4242424242424242 and 4242-4242-4242-4242. My order number is 4242 4242 4242 4241 (that is not a card).'],
    ]),
    reason: 'billing',
  }),

  'full-user': () => ({
    conversationId: 'conv_full_user',
    messages: conversation([
      ['user', 'Can someone from my account team call me?'],
      ['assistant', 'I will hand you over to a person.'],
    ]),
    user: {
      id: 'user_full',
      name: 'Grace Brewster Hopper',
      email: 'grace.hopper+support@example.co.uk',
      plan: 'enterprise',
      role: 'owner',
      locale: 'en-US',
      timeZone: 'America/New_York',
      attributes: { company: 'Example Corp', seats: 250, mfa: true, churnRisk: null, score: 0.75, since: '2019-04-01' },
    },
    page: { url: 'https://app.example.com/admin/users', title: 'Users · Admin' },
    reason: 'account',
    metadata: { accountId: 'acct_enterprise', contract: 'ENT-7', renewal: '2027-01-31', arr: 125000, sso: true, csm: null },
  }),

  'page-url-with-query-and-fragment': () => ({
    conversationId: 'conv_url',
    messages: conversation([['user', 'This page shows the wrong total.']]),
    page: {
      url: 'https://app.example.com/billing/invoices?id=42&tab=history&q=a%20b%26c&redirect=https%3A%2F%2Fevil.example%2F#row-7',
      title: 'Invoices & credits',
    },
    reason: 'bug',
  }),

  'long-single-word': () => ({
    conversationId: 'conv_word',
    messages: conversation([
      ['user', longWord()],
      ['assistant', 'That looks like one very long word.'],
    ]),
    user: { name: 'W'.repeat(500) },
    page: { title: 'T'.repeat(2_000) },
  }),
};

/**
 * A fresh copy of one built-in fixture (deterministic: the same value on every call and machine).
 *
 * @throws `Error` when `name` is not a built-in fixture.
 */
export function contextFixture(name: FixtureName): EscalationContext {
  const build = builders[name];
  if (!build) throw new Error(`Unknown fixture "${String(name)}"; the fixtures are: ${FIXTURE_NAMES.join(', ')}`);
  return build();
}

/**
 * Fresh copies of every built-in fixture, by name: ordinary contexts (empty, one message, a
 * billing conversation, a user with every field) and hostile ones (10,000 messages, a 1 MB
 * message, HTML and script injection, emoji and RTL with bidi overrides, control characters,
 * card numbers, a URL with query and fragment, a 20,000-letter word). Built on each call
 * (a few milliseconds), so callers may change them freely.
 */
export function contextFixtures(): Record<FixtureName, EscalationContext> {
  const out = {} as Record<FixtureName, EscalationContext>;
  for (const name of FIXTURE_NAMES) out[name] = builders[name]();
  return out;
}
