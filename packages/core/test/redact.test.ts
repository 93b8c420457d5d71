import fc from 'fast-check';
import {
  CARD_RULES,
  composeRedactors,
  createRedactor,
  defaultRedactor,
  EscalationError,
  luhnValid,
  firstUserMessage,
  redactContext,
  renderTranscript,
  resolveRedactor,
  SECRET_RULES,
  titleFromContext,
  type EscalationContext,
} from '@pillar/escalation-core';

/** Appends the Luhn check digit. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

const GITHUB = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`; // 36 characters after the prefix
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu\nq7oz2oS\n-----END RSA PRIVATE KEY-----';

describe('defaultRedactor: payment cards', () => {
  it.each([
    ['4242 4242 4242 4242', '[card •••• 4242]'],
    ['4242-4242-4242-4242', '[card •••• 4242]'],
    ['4242424242424242', '[card •••• 4242]'],
    ['5555 5555 5555 4444', '[card •••• 4444]'],
    ['3782 822463 10005', '[card •••• 0005]'], // Amex, 15 digits in 4-6-5 groups
    ['30569309025904', '[card •••• 5904]'], // Diners, 14 digits
    ['4222222222222', '[card •••• 2222]'], // 13 digits
  ])('masks %s, keeping the last four digits', (card, masked) => {
    expect(defaultRedactor(`pay with ${card}, thanks`)).toBe(`pay with ${masked}, thanks`);
  });

  it('masks 19-digit cards and leaves 20 digits alone', () => {
    const nineteen = withCheckDigit('622126000000000000');
    expect(defaultRedactor(nineteen)).toBe(`[card •••• ${nineteen.slice(-4)}]`);
    const twenty = withCheckDigit('6221260000000000000');
    expect(defaultRedactor(twenty)).toBe(twenty);
  });

  it('finds the card inside a longer run of numbers: a CVC after it, a date before it', () => {
    expect(defaultRedactor('4242 4242 4242 4242 123')).toBe('[card •••• 4242] 123');
    expect(defaultRedactor('on 2024-05-01 4242 4242 4242 4242')).toBe('on 2024-05-01 [card •••• 4242]');
    expect(defaultRedactor('4111111111111111\n4242424242424242')).toBe('[card •••• 1111]\n[card •••• 4242]');
  });

  it.each([
    ['a 16-digit number that fails Luhn', '4242 4242 4242 4241'],
    ['12 digits', '4242 4242 4242'],
    ['a phone number', '+1 (555) 123-4567'],
    ['a date and time', '2024-05-01 10:00'],
    ['an order number that fails Luhn', 'order #1234567890123'],
    ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['digits inside a hex hash', 'commit a4242424242424242b and 9f4242424242424242'],
    ['double spaces between groups', '4242  4242  4242  4242'],
  ])('leaves %s alone', (_name, text) => {
    expect(defaultRedactor(text)).toBe(text);
  });

  it('never leaves the first twelve digits of a valid card readable (property)', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }).map((d) => withCheckDigit(d.join('')));
    const separator = fc.constantFrom('', ' ', '-');
    // Before the card: anything that ends a word (a card glued to the end of a word reads as
    // part of an identifier and is left alone, see the hex hash case). After it: anything.
    const before = fc.string({ unit: fc.constantFrom('a ', ' ', '.', ',', '\n', '(', ')', ':', '#'), maxLength: 6 });
    const after = fc.string({ unit: fc.constantFrom('a', ' ', '.', ',', '\n', '(', ')', 'x'), maxLength: 6 });
    fc.assert(
      fc.property(digits, separator, before, after, (card, sep, before, after) => {
        const written = card.match(/.{4}/g)!.join(sep);
        const out = defaultRedactor(`${before}${written}${after}`);
        expect(out.replace(/[ -]/g, '')).not.toContain(card.slice(0, 12));
        expect(out).toContain(`[card •••• ${card.slice(-4)}]`);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('defaultRedactor: secrets', () => {
  it.each([
    ['a Stripe live secret key', 'sk_live_51H8abcdefGHIJKLmnopQRSTuv', '[redacted Stripe key sk_live_…]'],
    ['a Stripe test secret key', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', '[redacted Stripe key sk_test_…]'],
    ['a Stripe restricted key', 'rk_live_51H8abcdefGHIJKLmnop', '[redacted Stripe key rk_live_…]'],
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', '[redacted AWS access key id]'],
    ['an AWS temporary access key id', 'ASIAIOSFODNN7EXAMPLE', '[redacted AWS access key id]'],
    ['a GitHub personal access token', GITHUB, '[redacted GitHub token]'],
    ['a GitHub OAuth token', GITHUB.replace('ghp_', 'gho_'), '[redacted GitHub token]'],
    ['a GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '[redacted GitHub token]'],
    ['a JWT', JWT, '[redacted JWT]'],
    ['a Slack bot token', 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp', '[redacted Slack token]'],
    ['a private key block', PEM, '[redacted private key]'],
  ])('masks %s', (_name, secret, masked) => {
    expect(defaultRedactor(`here: ${secret} (oops)`)).toBe(`here: ${masked} (oops)`);
  });

  it('masks a private key pasted without its END line up to the end of the text', () => {
    expect(defaultRedactor('key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA')).toBe('key:\n[redacted private key]');
  });

  it.each([
    ['a Stripe publishable key', 'pk_live_51H8abcdefGHIJKLmnopQRSTuv'],
    ['a too-short Stripe-like word', 'sk_live_abc'],
    ['a public key block', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----'],
    ['a word that merely contains AKIA', 'MAKIAIOSFODNN7EXAMPLE1'],
    ['a short ghp_ word', 'ghp_short'],
    ['one base64 part starting eyJ', 'eyJhbGciOiJIUzI1NiJ9'],
    ['a short xoxb word', 'xoxb-123'],
    ['snake_case words and urls', 'see my_test_case at https://example.com/a-b_c?x=1'],
  ])('leaves %s alone', (_name, text) => {
    expect(defaultRedactor(text)).toBe(text);
  });
});

describe('redaction is idempotent', () => {
  const pieces = fc.constantFrom(
    '4242 4242 4242 4242', '4242424242424242', '4242-4242-4242-4242 123', '4242 4242 4242 4241', '12 ', ' 34', '-', ' ',
    'sk_live_abcdefgh12', 'AKIAIOSFODNN7EXAMPLE', GITHUB, JWT, 'xoxb-1234567890-abc', PEM, '-----BEGIN PRIVATE KEY-----',
    '[card •••• 4242]', 'a', '.', '\n', '_', 'eyJ',
  );
  it('redacting twice equals redacting once (property)', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const once = defaultRedactor(parts.join(''));
        expect(defaultRedactor(once)).toBe(once);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('redaction cannot blow up on adversarial input', () => {
  const MB = 1_000_000;
  it.each([
    ['digits with separators that never pass Luhn', '1-'.repeat(MB / 2), (s: string) => s],
    ['one endless digit run', '4'.repeat(MB), (s: string) => s],
    ['spaced digits', '1 '.repeat(MB / 2), (s: string) => s],
    ['JWT starts without dots', 'eyJ-'.repeat(MB / 4), (s: string) => s],
    ['one endless JWT first part', `eyJ${'a'.repeat(MB)}`, (s: string) => s],
    ['JWT-shaped triples', 'eyJa.'.repeat(3 * 66_000), () => '[redacted JWT].'.repeat(66_000)],
    ['Stripe prefixes', 'sk_live_'.repeat(MB / 8), (s: string) => s],
    ['GitHub prefixes', 'ghp_'.repeat(MB / 4), (s: string) => s],
    ['AWS-like capitals', 'AKIA'.repeat(MB / 4), (s: string) => s],
    ['Slack prefixes', 'xoxb-'.repeat(MB / 5), () => '[redacted Slack token]'],
    ['BEGIN lines without a key label', `-----BEGIN ${'A '.repeat(MB / 2)}`, (s: string) => s],
    ['unterminated private keys', '-----BEGIN PRIVATE KEY-----'.repeat(MB / 27), () => '[redacted private key]'],
    ['END near-misses inside a key', `-----BEGIN PRIVATE KEY-----${'-----END X'.repeat(MB / 10)}`, () => '[redacted private key]'],
  ])('%s (1 MB)', (_name, input, expected) => {
    expect(defaultRedactor(input)).toBe(expected(input));
  });
});

describe('createRedactor and composeRedactors', () => {
  const text = 'card 4242 4242 4242 4242, key AKIAIOSFODNN7EXAMPLE, account ACME-123456';

  it('can switch off cards or secrets', () => {
    expect(createRedactor({ cards: false })(text)).toBe('card 4242 4242 4242 4242, key [redacted AWS access key id], account ACME-123456');
    expect(createRedactor({ secrets: false })(text)).toBe('card [card •••• 4242], key AKIAIOSFODNN7EXAMPLE, account ACME-123456');
    expect(createRedactor({ cards: false, secrets: false })(text)).toBe(text);
  });

  it('adds rules with string or function replacements, even from a regex without the g flag', () => {
    const redact = createRedactor({
      extra: [
        { pattern: /ACME-\d{6}/, replacement: '[account]' },
        { pattern: /account /g, replacement: (m) => m.toUpperCase() },
      ],
    });
    expect(redact(`${text} ACME-654321`)).toBe(
      'card [card •••• 4242], key [redacted AWS access key id], ACCOUNT [account] [account]',
    );
  });

  it('rejects rules that are not rules with a CONFIGURATION error', () => {
    expect(() => createRedactor({ extra: [{ pattern: 'x' as unknown as RegExp, replacement: '' }] })).toThrow(EscalationError);
    expect(() => createRedactor({ extra: [{ pattern: /x/, replacement: 1 as unknown as string }] })).toThrow(
      /extra\[0\]\.replacement/,
    );
    expect(() => composeRedactors(defaultRedactor, 'no' as never)).toThrow(/argument 1/);
  });

  it('composes redactors left to right', () => {
    const upper = (t: string) => t.toUpperCase();
    const mark = (t: string) => t.replace(/CARD/g, 'c');
    expect(composeRedactors(defaultRedactor, upper, mark)('card 4242424242424242')).toBe('c [c •••• 4242]');
  });

  it('documents every built-in rule by name', () => {
    expect([...SECRET_RULES, ...CARD_RULES].map((r) => r.name)).toEqual([
      'private key block',
      'Stripe secret or restricted key',
      'AWS access key id',
      'GitHub token',
      'JSON Web Token',
      'Slack token',
      'payment card number',
    ]);
  });
});

describe('redactContext', () => {
  const context: EscalationContext = {
    conversationId: 'c1',
    messages: [
      { role: 'user', content: 'My card is 4242 4242 4242 4242', createdAt: '2024-05-01T10:00:00Z' },
      { role: 'assistant', content: 'Please never share it.' },
    ],
    page: { title: 'Pay 4111 1111 1111 1111', url: 'https://app.example.com/?token=sk_live_abcdefgh12345' },
    user: { id: 'u1', name: 'Ada', attributes: { tier: 'gold' } },
    reason: 'billing',
    metadata: { note: 'key AKIAIOSFODNN7EXAMPLE', count: 3, flag: true, none: null },
  };

  it('redacts messages, page title and url, and string metadata values', () => {
    expect(redactContext(context, defaultRedactor)).toEqual({
      conversationId: 'c1',
      messages: [
        { role: 'user', content: 'My card is [card •••• 4242]', createdAt: '2024-05-01T10:00:00Z' },
        { role: 'assistant', content: 'Please never share it.' },
      ],
      page: { title: 'Pay [card •••• 1111]', url: 'https://app.example.com/?token=[redacted Stripe key sk_live_…]' },
      user: { id: 'u1', name: 'Ada', attributes: { tier: 'gold' } },
      reason: 'billing',
      metadata: { note: 'key [redacted AWS access key id]', count: 3, flag: true, none: null },
    });
  });

  it('never changes the input, and shares no object with it', () => {
    const snapshot = structuredClone(context);
    const out = redactContext(context, defaultRedactor);
    expect(context).toEqual(snapshot);
    expect(out.messages).not.toBe(context.messages);
    expect(out.messages[0]).not.toBe(context.messages[0]);
    expect(out.page).not.toBe(context.page);
    expect(out.user).not.toBe(context.user);
    expect(out.user?.attributes).not.toBe(context.user?.attributes);
    expect(out.metadata).not.toBe(context.metadata);
  });

  it('adds no keys the input did not have', () => {
    expect(redactContext({ conversationId: null, messages: [] }, defaultRedactor)).toEqual({ conversationId: null, messages: [] });
  });

  it('marks its result as redacted: the transcript helpers do not apply the default redactor on top', () => {
    const onlyAccounts = (text: string) => text.replace(/ACME-\d+/g, '[account]');
    const input: EscalationContext = { conversationId: 'c', messages: [{ role: 'user', content: 'Card 4242 4242 4242 4242, account ACME-991' }] };
    const out = redactContext(input, onlyAccounts);
    // The app chose a redactor that keeps card numbers; the helpers respect it.
    expect(renderTranscript(out, { format: 'text' })).toContain('Card 4242 4242 4242 4242, account [account]');
    expect(titleFromContext(out)).toBe('Card 4242 4242 4242 4242, account [account]');
    expect(firstUserMessage(out)).toBe('Card 4242 4242 4242 4242, account [account]');
    // An explicit redactor still applies, and a context built from it (not by redactContext) is redacted by default.
    expect(renderTranscript(out, { format: 'text', redact: defaultRedactor })).toContain('[card •••• 4242]');
    expect(renderTranscript({ ...out }, { format: 'text' })).toContain('[card •••• 4242]');
    expect(renderTranscript(input, { format: 'text' })).toContain('[card •••• 4242]');
  });

  it('resolveRedactor: false gives none, a function itself, undefined the default or none for a redacted context', () => {
    const input: EscalationContext = { conversationId: null, messages: [] };
    const mine = (text: string) => text;
    expect(resolveRedactor(input, false, 'x')).toBeUndefined();
    expect(resolveRedactor(input, mine, 'x')).toBe(mine);
    expect(resolveRedactor(input, undefined, 'x')).toBe(defaultRedactor);
    expect(resolveRedactor(redactContext(input, mine), undefined, 'x')).toBeUndefined();
    expect(() => resolveRedactor(input, 'no' as never, 'myAdapter')).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: 'myAdapter: redact must be a function or false' }),
    );
  });

  it('rejects a redactor that does not return a string, and a context without messages', () => {
    expect(() => redactContext(context, (() => undefined) as never)).toThrow(/messages\[0\]\.content/);
    expect(() => redactContext({ conversationId: null } as never, defaultRedactor)).toThrow(/context\.messages/);
  });
});
