import fc from 'fast-check';
import {
  EscalationError,
  escapeHtml,
  firstUserMessage,
  titleFromContext,
  truncateText,
  type ChatMessage,
  type EscalationContext,
} from '@pillar/escalation-core';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ctx = (messages: ChatMessage[], extra: Partial<EscalationContext> = {}): EscalationContext => ({
  conversationId: 'c',
  messages,
  ...extra,
});

describe('truncateText', () => {
  it('returns short text as it is and cuts long text with an ellipsis', () => {
    expect(truncateText('Hello', 5)).toBe('Hello');
    expect(truncateText('Hello world', 8)).toBe('Hello w…');
    expect(truncateText('Hello world', 8, '...')).toBe('Hello...');
    expect(truncateText('Hello world', 5, '')).toBe('Hello');
  });

  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
    expect(truncateText('😀😀😀', 4)).toBe('😀…');
    expect(truncateText('😀😀😀', 2, '')).toBe('😀');
    expect(truncateText('😀😀😀', 1, '')).toBe('');
  });

  it('shortens the ellipsis itself when the limit is smaller than it', () => {
    expect(truncateText('Hello', 2, '...')).toBe('..');
    expect(truncateText('Hello', 0)).toBe('');
    expect(truncateText('Hello', 1, '😀')).toBe('');
  });

  it('rejects a limit that is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, '3']) {
      expect(() => truncateText('Hello', bad as number)).toThrow(EscalationError);
    }
    expect(truncateText('Hello', Infinity)).toBe('Hello');
  });

  it('never exceeds the limit and never leaves a lone surrogate (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 0, max: 80 }), fc.constantFrom('…', '...', '', '😀'), (text, max, ellipsis) => {
        const out = truncateText(text, max, ellipsis);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(LONE_SURROGATE);
        if (text.length <= max) expect(out).toBe(text);
        else expect(text.startsWith(out.slice(0, out.length - ellipsis.length)) || out.length < ellipsis.length).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters HTML needs escaped, once', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });
});

describe('firstUserMessage', () => {
  it('returns the first non-blank user message, trimmed and redacted', () => {
    const messages: ChatMessage[] = [
      { role: 'assistant', content: 'Hi! How can I help?' },
      { role: 'user', content: '   ' },
      { role: 'user', content: '  My card 4242 4242 4242 4242 was charged twice.\n' },
      { role: 'user', content: 'Hello?' },
    ];
    expect(firstUserMessage(ctx(messages))).toBe('My card [card •••• 4242] was charged twice.');
    expect(firstUserMessage(ctx(messages), { redact: false })).toBe('My card 4242 4242 4242 4242 was charged twice.');
  });

  it('is undefined when the user has not written yet', () => {
    expect(firstUserMessage(ctx([]))).toBeUndefined();
    expect(firstUserMessage(ctx([{ role: 'assistant', content: 'Hi!' }]))).toBeUndefined();
  });

  it('rejects a context without messages', () => {
    expect(() => firstUserMessage({ conversationId: null } as never)).toThrow(/context\.messages/);
  });
});

describe('titleFromContext', () => {
  it('uses the first user message on one line', () => {
    const title = titleFromContext(ctx([{ role: 'user', content: '  How do I\n\texport   invoices?  ' }]));
    expect(title).toBe('How do I export invoices?');
  });

  it('cuts at a word boundary with an ellipsis when too long', () => {
    const content = 'The invoice export button is greyed out even though I am the admin of this workspace';
    expect(titleFromContext(ctx([{ role: 'user', content }]), { maxLength: 40 })).toBe('The invoice export button is greyed out…');
    expect(titleFromContext(ctx([{ role: 'user', content: 'Hello, world and more' }]), { maxLength: 8 })).toBe('Hello…');
  });

  it('cuts inside a word that is longer than the limit allows', () => {
    const url = `https://app.example.com/${'a'.repeat(200)}`;
    const title = titleFromContext(ctx([{ role: 'user', content: `see ${url}` }]), { maxLength: 30 });
    expect(title).toBe('see https://app.example.com/a…');
    expect(title.length).toBe(30);
  });

  it('never splits an emoji', () => {
    const title = titleFromContext(ctx([{ role: 'user', content: '😀'.repeat(100) }]), { maxLength: 10 });
    expect(title).toBe(`${'😀'.repeat(4)}…`);
  });

  it('redacts the title', () => {
    expect(titleFromContext(ctx([{ role: 'user', content: 'Refund 4242 4242 4242 4242 please' }]))).toBe(
      'Refund [card •••• 4242] please',
    );
  });

  it('uses the page title when there is no conversation yet', () => {
    expect(titleFromContext(ctx([], { page: { title: '  Billing\nsettings ' } }))).toBe('Help needed on Billing settings');
    expect(titleFromContext(ctx([{ role: 'assistant', content: 'Hi!' }], { page: { title: 'Billing' } }))).toBe(
      'Help needed on Billing',
    );
  });

  it('falls back when there is neither a message nor a page title', () => {
    expect(titleFromContext(ctx([]))).toBe('Conversation with the AI assistant');
    expect(titleFromContext(ctx([], { page: { title: '  ' } }), { fallback: 'Support request' })).toBe('Support request');
    expect(titleFromContext(ctx([]), { maxLength: 13 })).toBe('Conversation…');
    expect(titleFromContext(ctx([]), { maxLength: 12 })).toBe('Conversatio…');
  });

  it('rejects bad options', () => {
    expect(() => titleFromContext(ctx([]), { maxLength: -1 })).toThrow(EscalationError);
    expect(() => titleFromContext(ctx([]), { fallback: 3 as never })).toThrow(/fallback/);
  });

  it('is one line, within the limit, without lone surrogates, with … exactly when cut (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.array(fc.constantFrom('word ', 'a', ' ', '\n', '\t', '😀', '👩‍👩‍👧', 'x'.repeat(30), '.', ','), { maxLength: 40 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 150 }), (content, max) => {
        const title = titleFromContext(ctx([{ role: 'user', content }]), { maxLength: max, redact: false });
        expect(title.length).toBeLessThanOrEqual(max);
        expect(title).not.toMatch(LONE_SURROGATE);
        expect(title).not.toMatch(/[\n\r\t]/);
        const line = content.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
        const source = line === '' ? 'Conversation with the AI assistant' : line;
        if (source.length <= max) expect(title).toBe(source);
        else {
          expect(title.endsWith('…')).toBe(true);
          expect(source.startsWith(title.slice(0, -1))).toBe(true);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
