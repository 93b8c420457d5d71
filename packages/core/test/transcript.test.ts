import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EscalationError,
  renderTranscript,
  type ChatMessage,
  type EscalationContext,
} from '@pillar/escalation-core';

const context: EscalationContext = {
  conversationId: 'conv_42',
  page: { title: 'Billing & invoices', url: 'https://app.example.com/billing?tab=invoices' },
  reason: 'billing',
  user: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
  messages: [
    { role: 'user', content: 'I was charged twice this month. Card 4242 4242 4242 4242.', createdAt: '2024-05-01T10:00:00Z' },
    { role: 'assistant', content: 'Sorry about that! I can see two charges:\n- May 1: $49\n- May 1: $49', createdAt: '2024-05-01T10:00:04Z' },
    { role: 'user', content: 'Yes, refund one <please> & thanks', createdAt: '2024-05-01T10:01:30Z' },
  ],
};

const TEXT = `Page: Billing & invoices
URL: https://app.example.com/billing?tab=invoices
Reason: Billing
Customer: Ada Lovelace (ada@example.com)
Plan: pro

User (2024-05-01 10:00 UTC): I was charged twice this month. Card [card •••• 4242].

Assistant (2024-05-01 10:00 UTC): Sorry about that! I can see two charges:
  - May 1: $49
  - May 1: $49

User (2024-05-01 10:01 UTC): Yes, refund one <please> & thanks`;

const MARKDOWN = `- **Page:** Billing & invoices
- **URL:** https://app.example.com/billing?tab=invoices
- **Reason:** Billing
- **Customer:** Ada Lovelace (ada@example.com)
- **Plan:** pro

**User (2024-05-01 10:00 UTC):**
> I was charged twice this month. Card \\[card •••• 4242\\].

**Assistant (2024-05-01 10:00 UTC):**
> Sorry about that! I can see two charges:
> \\- May 1: $49
> \\- May 1: $49

**User (2024-05-01 10:01 UTC):**
> Yes, refund one \\<please\\> & thanks`;

const HTML = `<p><strong>Page:</strong> Billing &amp; invoices</p>
<p><strong>URL:</strong> https://app.example.com/billing?tab=invoices</p>
<p><strong>Reason:</strong> Billing</p>
<p><strong>Customer:</strong> Ada Lovelace (ada@example.com)</p>
<p><strong>Plan:</strong> pro</p>
<p><strong>User (2024-05-01 10:00 UTC):</strong> I was charged twice this month. Card [card •••• 4242].</p>
<p><strong>Assistant (2024-05-01 10:00 UTC):</strong> Sorry about that! I can see two charges:<br>- May 1: $49<br>- May 1: $49</p>
<p><strong>User (2024-05-01 10:01 UTC):</strong> Yes, refund one &lt;please&gt; &amp; thanks</p>`;

function conversation(count: number, first = 'How do I export my invoices as CSV?'): EscalationContext {
  const messages: ChatMessage[] = Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: i === 0 ? first : `Message ${i + 1} of the conversation.`,
  }));
  return { conversationId: 'c', page: { title: 'Billing' }, messages };
}

describe('renderTranscript: formats', () => {
  it('renders plain text: header, then messages labelled by speaker and time, redacted', () => {
    expect(renderTranscript(context, { brief: false, format: 'text' })).toBe(TEXT);
  });

  it('renders markdown with every message line quoted and markup escaped', () => {
    expect(renderTranscript(context, { brief: false, format: 'markdown' })).toBe(MARKDOWN);
  });

  it('renders html with only p, strong and br, and everything from the context escaped', () => {
    expect(renderTranscript(context, { brief: false, format: 'html' })).toBe(HTML);
  });

  it('shows in the docs exactly what it renders', () => {
    const docs = readFileSync(join(__dirname, '../../../docs/transcripts.md'), 'utf8');
    for (const rendered of [TEXT, MARKDOWN, HTML]) expect(docs).toContain(rendered);
  });

  it('leaves the header out with header: false, and shows only what the context has', () => {
    const bare = renderTranscript({ conversationId: null, messages: [{ role: 'system', content: 'Hi' }] }, { brief: false, format: 'text' });
    expect(bare).toBe('System: Hi');
    expect(renderTranscript(context, { brief: false, format: 'text', header: false })).toBe(TEXT.slice(TEXT.indexOf('User (')));
    const partial = renderTranscript(
      { conversationId: null, user: { email: 'ada@example.com' }, messages: [{ role: 'user', content: 'Hi' }] },
      { brief: false, format: 'text' },
    );
    expect(partial).toBe('Customer: ada@example.com\n\nUser: Hi');
  });

  it('says so when there are no messages yet, in every format', () => {
    const empty: EscalationContext = { conversationId: null, messages: [], page: { title: 'Settings' } };
    expect(renderTranscript(empty, { brief: false, format: 'text' })).toBe('Page: Settings\n\nNo messages yet.');
    expect(renderTranscript(empty, { brief: false, format: 'markdown' })).toBe('- **Page:** Settings\n\n*No messages yet.*');
    expect(renderTranscript(empty, { brief: false, format: 'html' })).toBe('<p><strong>Page:</strong> Settings</p>\n<p><em>No messages yet.</em></p>');
  });

  it('shows times in UTC, converts offsets, and leaves out what is not a date', () => {
    const times: EscalationContext = {
      conversationId: null,
      messages: [
        { role: 'user', content: 'a', createdAt: '2024-05-01T12:30:00+02:00' },
        { role: 'user', content: 'b', createdAt: 'yesterday' },
        { role: 'user', content: 'c', createdAt: '2024-02-29T23:59:59.999Z' },
      ],
    };
    expect(renderTranscript(times, { brief: false, format: 'text' })).toBe(
      'User (2024-05-01 10:30 UTC): a\n\nUser: b\n\nUser (2024-02-29 23:59 UTC): c',
    );
  });

  it('indents continuation lines in text, so typed text cannot pass for another speaker', () => {
    const spoof: EscalationContext = {
      conversationId: null,
      messages: [{ role: 'user', content: 'ok\r\nAssistant: refund approved\rUser: thanks' }],
    };
    expect(renderTranscript(spoof, { brief: false, format: 'text' })).toBe('User: ok\n  Assistant: refund approved\n  User: thanks');
  });

  it('renders unknown reasons and roles without trusting them', () => {
    const odd = {
      conversationId: null,
      reason: '<b>odd</b>',
      messages: [{ role: '<i>bot</i>', content: 'x' }],
    } as unknown as EscalationContext;
    expect(renderTranscript(odd, { brief: false, format: 'html' })).toBe(
      '<p><strong>Reason:</strong> &lt;b&gt;odd&lt;/b&gt;</p>\n<p><strong>Other:</strong> x</p>',
    );
  });
});

describe('renderTranscript: html escaping', () => {
  const html = (content: string, extra: Partial<EscalationContext> = {}) =>
    renderTranscript({ conversationId: null, messages: [{ role: 'user', content }], ...extra }, { brief: false, format: 'html', header: true });

  it('escapes a script tag', () => {
    expect(html('<script>alert(1)</script>')).toBe('<p><strong>User:</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes an attribute break-out with an onerror handler', () => {
    expect(html('"><img src=x onerror=alert(1)>')).toBe(
      '<p><strong>User:</strong> &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(html("' onmouseover='x")).toContain('&#39; onmouseover=&#39;x');
  });

  it('escapes exactly once: & becomes &amp; and a typed &amp; reads back as typed', () => {
    const out = html('Tom & Jerry, AT&amp;T');
    expect(out).toBe('<p><strong>User:</strong> Tom &amp; Jerry, AT&amp;amp;T</p>');
    expect(out).not.toContain('&amp;amp;amp;');
  });

  it('escapes the page title, url and user name in the header', () => {
    const out = html('hi', {
      page: { title: '<b>Billing</b>', url: 'https://x.test/?q="><script>' },
      user: { name: "O'Brien <admin>" },
    });
    expect(out).toContain('<p><strong>Page:</strong> &lt;b&gt;Billing&lt;/b&gt;</p>');
    expect(out).toContain('<p><strong>URL:</strong> https://x.test/?q=&quot;&gt;&lt;script&gt;</p>');
    expect(out).toContain('<p><strong>Customer:</strong> O&#39;Brien &lt;admin&gt;</p>');
  });

  it('turns every kind of line break into <br>', () => {
    expect(html('a\nb\r\nc\rd')).toBe('<p><strong>User:</strong> a<br>b<br>c<br>d</p>');
  });
});

describe('renderTranscript: markdown escaping', () => {
  const md = (content: string) =>
    renderTranscript({ conversationId: null, messages: [{ role: 'user', content }] }, { brief: false, format: 'markdown' });

  it('keeps a message inside its quote: every line starts with "> "', () => {
    const out = md('line one\n\n# not a heading\n```\ncode\n```\n---\n> quoted\n1. item\n  - sub');
    const [label, ...lines] = out.split('\n');
    expect(label).toBe('**User:**');
    for (const line of lines) expect(line.startsWith('> ')).toBe(true);
    expect(lines).toEqual([
      '> line one',
      '> ',
      '> \\# not a heading',
      '> \\`\\`\\`',
      '> code',
      '> \\`\\`\\`',
      '> \\---',
      '> \\> quoted',
      '> 1\\. item',
      '>   \\- sub',
    ]);
  });

  it('escapes html, links, emphasis and entities but leaves ordinary punctuation readable', () => {
    expect(md('<img onerror=x> [click](javascript:x) *bold* _it_ &copy; a|b ~x~ \\ ok? yes! (fine), 50% $5 & co')).toBe(
      '**User:**\n> \\<img onerror=x\\> \\[click\\](javascript:x) \\*bold\\* \\_it\\_ \\&copy; a\\|b \\~x\\~ \\\\ ok? yes! (fine), 50% $5 & co',
    );
  });
});

describe('renderTranscript: cutting to maxLength', () => {
  it('returns the whole transcript when it fits exactly', () => {
    const full = renderTranscript(context, { brief: false, format: 'html' });
    expect(renderTranscript(context, { brief: false, format: 'html', maxLength: full.length })).toBe(full);
  });

  it('keeps the header, the first user message and the latest messages, and says how many it left out', () => {
    const out = renderTranscript(conversation(40), { brief: false, format: 'text', maxLength: 300 });
    expect(out.length).toBe(300);
    expect(out).toBe(
      [
        'Page: Billing',
        'User: How do I export my invoices as CSV?',
        '… 34 earlier messages left out …',
        'Assistant: Message 36 of the conversation.',
        'User: Message 37 of the conversation.',
        'Assistant: Message 38 of the conversation.',
        'User: Message 39 of the conversation.',
        'Assistant: Message 40 of the conversation.',
      ].join('\n\n'),
    );
  });

  it('counts the messages before the first user message too', () => {
    const ctx = conversation(30);
    ctx.messages.unshift({ role: 'assistant', content: 'Hi! How can I help?' }, { role: 'system', content: 'Plan: pro' });
    const out = renderTranscript(ctx, { brief: false, format: 'text', maxLength: 260 });
    expect(out.startsWith('Page: Billing\n\n… 2 earlier messages left out …\n\nUser: How do I export my invoices as CSV?')).toBe(true);
    const counts = [...out.matchAll(/… (\d+) earlier messages? left out …/g)].map((m) => Number(m[1]));
    const shown = out.split('\n\n').filter((b) => /^(User|Assistant|System):/.test(b)).length;
    expect(counts.reduce((a, b) => a + b, 0) + shown).toBe(32);
  });

  it('uses the singular for one message left out', () => {
    const full = renderTranscript(conversation(4), { brief: false, format: 'text', header: false });
    const out = renderTranscript(conversation(4), { brief: false, format: 'text', header: false, maxLength: full.length - 1 });
    expect(out).toContain('… 1 earlier message left out …');
  });

  it('cuts a single message that is too long inside, with an ellipsis', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'word '.repeat(100).trim() }] };
    const out = renderTranscript(ctx, { brief: false, format: 'html', maxLength: 60 });
    expect(out).toBe('<p><strong>User:</strong> word word word word word word…</p>');
    expect(out.length).toBe(60);
  });

  it('shows the beginning of the latest message when not even it fits whole', () => {
    const ctx = conversation(3);
    ctx.messages.push({ role: 'assistant', content: 'x'.repeat(1000) });
    const out = renderTranscript(ctx, { brief: false, format: 'text', header: false, maxLength: 200 });
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.startsWith('User: How do I export my invoices as CSV?')).toBe(true);
    expect(out).toMatch(/Assistant: x+…$/);
  });

  it('never cuts inside an entity, a tag or an escape', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: '&&&&&&&&&&<<<<<<<<<<"""""' }] };
    for (let max = 0; max <= 200; max++) {
      const out = renderTranscript(ctx, { brief: false, format: 'html', maxLength: max });
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.replace(/&(amp|lt|gt|quot|#39);|<\/?(p|strong|em)>|<br>/g, '')).not.toMatch(/[&<>"']/);
      const md = renderTranscript(ctx, { brief: false, format: 'markdown', maxLength: max });
      expect(md.length).toBeLessThanOrEqual(max);
      expect(md).not.toMatch(/(^|[^\\])(\\\\)*\\…/);
    }
  });

  it('never splits a surrogate pair', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: '😀'.repeat(50) }] };
    for (const format of ['text', 'markdown', 'html'] as const) {
      for (let max = 0; max <= 140; max++) {
        const out = renderTranscript(ctx, { brief: false, format, maxLength: max });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
    }
  });

  it('replaces lone surrogates that came in with the conversation', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'a\uD83Db\uDE00c' }] };
    expect(renderTranscript(ctx, { brief: false, format: 'text' })).toBe('User: a\uFFFDb\uFFFDc');
  });

  it('still says something useful for tiny limits, and nothing for 0', () => {
    for (const format of ['text', 'markdown', 'html'] as const) {
      expect(renderTranscript(context, { brief: false, format, maxLength: 0 })).toBe('');
      for (const max of [1, 2, 5, 10, 20]) {
        const out = renderTranscript(context, { brief: false, format, maxLength: max });
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(max);
      }
    }
    expect(renderTranscript(context, { brief: false, format: 'text', maxLength: 10 })).toBe('I was cha…');
    expect(renderTranscript(context, { brief: false, format: 'html', maxLength: 10 })).toBe('I was cha…');
    expect(renderTranscript(context, { brief: false, format: 'text', maxLength: 1 })).toBe('…');
  });

  it('shortens a huge header instead of dropping the conversation', () => {
    const ctx: EscalationContext = { ...conversation(2), page: { title: 'T'.repeat(5000), url: `https://x.test/${'a'.repeat(5000)}` } };
    const out = renderTranscript(ctx, { brief: false, format: 'text', maxLength: 400 });
    expect(out.length).toBeLessThanOrEqual(400);
    expect(out).toMatch(/^Page: T+…\nURL: https:\/\/x\.test\/a+…\n\nUser: How do I export/);
    expect(out.endsWith('Assistant: Message 2 of the conversation.')).toBe(true);
  });

  it('redacts before it cuts, so a cut never shows part of a card number', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'Card 4242 4242 4242 4242 please' }] };
    for (let max = 0; max < 60; max++) {
      expect(renderTranscript(ctx, { brief: false, format: 'text', maxLength: max })).not.toMatch(/4242 4242/);
    }
  });

  it('does bounded work with a limit: a megabyte message costs about as much as its redaction', () => {
    const ctx = conversation(3);
    ctx.messages.push({ role: 'user', content: 'é'.repeat(1_000_000) }, { role: 'assistant', content: 'Done.' });
    const out = renderTranscript(ctx, { brief: false, format: 'html', maxLength: 500 });
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.endsWith('<p><strong>Assistant:</strong> Done.</p>')).toBe(true);
  });
});

describe('renderTranscript: options and bad input', () => {
  it('uses the given redactor, or none with redact: false', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'secret 4242 4242 4242 4242' }] };
    expect(renderTranscript(ctx, { brief: false, format: 'text', redact: false })).toBe('User: secret 4242 4242 4242 4242');
    expect(renderTranscript(ctx, { brief: false, format: 'text', redact: (t) => t.replace('secret', '[x]') })).toBe(
      'User: [x] 4242 4242 4242 4242',
    );
  });

  it('redacts the header too, also when no message needs it', () => {
    const ctx: EscalationContext = {
      conversationId: null,
      page: { title: 'Pay 4111 1111 1111 1111', url: 'https://x.test/?k=sk_live_abcdefgh12345' },
      messages: [{ role: 'user', content: 'Hello' }],
    };
    for (const maxLength of [undefined, 1000]) {
      expect(renderTranscript(ctx, { brief: false, format: 'text', maxLength })).toBe(
        'Page: Pay [card •••• 1111]\nURL: https://x.test/?k=[redacted Stripe key sk_live_…]\n\nUser: Hello',
      );
    }
  });

  it('rejects an unknown format, a bad maxLength and a bad redactor with a CONFIGURATION error', () => {
    const bad = [
      { format: 'pdf' },
      { brief: false, format: 'text', maxLength: -1 },
      { brief: false, format: 'text', maxLength: 1.5 },
      { brief: false, format: 'text', maxLength: Number.NaN },
      { brief: false, format: 'text', redact: 'yes' },
      { brief: false, format: 'text', redact: () => 42 },
    ];
    for (const options of bad) {
      expect(() => renderTranscript(context, options as never)).toThrow(EscalationError);
      try {
        renderTranscript(context, options as never);
      } catch (error) {
        expect((error as EscalationError).code).toBe('CONFIGURATION');
      }
    }
  });

  it('rejects a context without a messages array or with a non-string message, naming it', () => {
    expect(() => renderTranscript({ conversationId: null } as never, { brief: false, format: 'text' })).toThrow(/context\.messages/);
    const ctx = { conversationId: null, messages: [{ role: 'user', content: 'ok' }, { role: 'user', content: 7 }] };
    expect(() => renderTranscript(ctx as never, { brief: false, format: 'text' })).toThrow(/messages\[1\]\.content/);
  });
});
