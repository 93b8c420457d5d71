import fc from 'fast-check';
import { renderTranscript, transcriptRenderer, type ChatMessage, type EscalationContext } from '@pillar/escalation-core';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORMATS = ['text', 'markdown', 'html'] as const;

/**
 * A strict reading of our html: text, the five entities we write, and only <p>, <strong>,
 * <em> (inside p) and <br> (inside p), properly nested. Returns the blocks' decoded text,
 * or throws naming what is wrong.
 */
function parseStrictHtml(html: string): string[] {
  const token = /<(\/?)(p|strong|em|br)>|&(amp|lt|gt|quot|#39);|([^<>&"']+)|([\s\S])/g;
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  const stack: string[] = [];
  const blocks: string[] = [];
  let text = '';
  for (const m of html.matchAll(token)) {
    const [, close, tag, entity, plain, stray] = m;
    if (stray !== undefined) throw new Error(`stray ${JSON.stringify(stray)} at ${m.index}`);
    if (plain !== undefined) {
      if (stack.length === 0 && plain.trim() !== '') {
        // Bare text is allowed only as the whole output (the last resort for tiny limits).
        if (html.includes('<')) throw new Error(`text outside a block at ${m.index}`);
      }
      text += plain;
    } else if (entity !== undefined) text += entities[entity];
    else if (tag === 'br') {
      if (close || stack.at(-1) !== 'p') throw new Error(`misplaced <br> at ${m.index}`);
      text += '\n';
    } else if (close) {
      if (stack.pop() !== tag) throw new Error(`unbalanced </${tag}> at ${m.index}`);
      if (tag === 'p') {
        blocks.push(text);
        text = '';
      }
    } else {
      const parent = stack.at(-1);
      if (tag === 'p' ? parent !== undefined : parent !== 'p') throw new Error(`misplaced <${tag}> at ${m.index}`);
      stack.push(tag as string);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('><')}>`);
  if (text.trim() !== '') blocks.push(text);
  return blocks;
}

const special = fc.constantFrom(
  '<', '>', '&', '"', "'", '&amp;', '<br>', '</p>', '\n', '\r\n', '\r', ' ', '#', '*', '_', '\\', '`', '[', ']', '-', '1.',
  '> ', '😀', '𝕏', '👩‍👩‍👧', 'é', '…', '4242 4242 4242 4242', 'ab', 'word ',
);
const content = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(special, { maxLength: 20 }).map((parts) => parts.join('')),
);
const iso = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const message: fc.Arbitrary<ChatMessage> = fc.record(
  { role: fc.constantFrom('user', 'assistant', 'system'), content, createdAt: iso },
  { requiredKeys: ['role', 'content'] },
);
const shortText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.array(special, { maxLength: 8 }).map((p) => p.join('')));
const contextOf = (maxMessages: number): fc.Arbitrary<EscalationContext> => fc.record(
  {
    conversationId: fc.constant('c'),
    messages: fc.array(message, { maxLength: maxMessages, size: 'max' }),
    page: fc.record({ title: shortText, url: shortText }, { requiredKeys: [] }),
    user: fc.record({ name: shortText, email: shortText, plan: shortText }, { requiredKeys: [] }),
    reason: fc.constantFrom('human_requested', 'billing', 'account', 'bug', 'complex', 'other'),
  },
  { requiredKeys: ['conversationId', 'messages'] },
);
const contextArb = contextOf(40);
/** Long enough that most conversations must be cut at 2,000–6,000 units. */
const longContextArb = contextOf(150);

/** Message blocks in html, told apart from header lines by their speaker label. */
const SPEAKER_BLOCK = /<p><strong>(?:User|Assistant|System)(?: \([^)]*\))?:<\/strong>/g;

function leftOutCounts(out: string): number[] {
  return [...out.matchAll(/… (\d+) earlier messages? left out …/g)].map((m) => Number(m[1]));
}

describe('renderTranscript: limits hold for any conversation (property)', () => {
  it('never exceeds maxLength, never leaves a lone surrogate, and html stays strictly ours', () => {
    let cuts = 0;
    fc.assert(
      fc.property(contextArb, fc.integer({ min: 0, max: 2500 }), fc.constantFrom(...FORMATS), fc.boolean(), (ctx, max, format, header) => {
        const out = renderTranscript(ctx, { format, maxLength: max, header });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(LONE_SURROGATE);
        if (format === 'html') parseStrictHtml(out);
        if (max > 0 && (ctx.messages.length > 0 || header)) expect(out.length).toBeGreaterThan(0);
        // Without a cut, the limit changes nothing.
        const full = renderTranscript(ctx, { format, header });
        if (full.length <= max) expect(out).toBe(full);
        else cuts++;
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(cuts).toBeGreaterThan(80);
  });

  it('keeps the first user message and the latest message whole, and accounts for every message left out', () => {
    let cuts = 0;
    fc.assert(
      fc.property(longContextArb, fc.integer({ min: 2000, max: 6000 }), (ctx, max) => {
        const out = renderTranscript(ctx, { brief: false, format: 'html', maxLength: max });
        expect(out.length).toBeLessThanOrEqual(max);
        parseStrictHtml(out);
        const alone = (m: ChatMessage) => renderTranscript({ conversationId: null, messages: [m] }, { brief: false, format: 'html', header: false });
        const first = ctx.messages.find((m) => m.role === 'user');
        const latest = ctx.messages.at(-1);
        if (first) expect(out).toContain(alone(first));
        if (latest) expect(out.endsWith(alone(latest))).toBe(true);
        const shown = out.match(SPEAKER_BLOCK)?.length ?? 0;
        const counts = leftOutCounts(out);
        expect(shown + counts.reduce((a, b) => a + b, 0)).toBe(ctx.messages.length);
        if (shown < ctx.messages.length) {
          expect(counts.length).toBeGreaterThan(0);
          cuts++;
        }
      }),
      { seed: 42, numRuns: 300 },
    );
    // The property means something only if many runs had to leave messages out.
    expect(cuts).toBeGreaterThan(100);
  });

  it('keeps every markdown message line inside its quote', () => {
    fc.assert(
      fc.property(contextArb, fc.integer({ min: 300, max: 4000 }), (ctx, max) => {
        const out = renderTranscript(ctx, { brief: false, format: 'markdown', maxLength: max });
        let inMessage = false;
        for (const line of out.split('\n')) {
          if (/^\*\*(User|Assistant|System)( \([^)]*\))?:\*\*$/.test(line)) inMessage = true;
          else if (line === '') inMessage = false;
          else if (inMessage) expect(line.startsWith('>')).toBe(true);
          else expect(line).toMatch(/^(- \*\*(Page|URL|Reason|Customer|Plan):\*\* |\*… \d+ earlier messages? left out …\*$|\*No messages yet\.\*$)/);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('renderTranscript: lone surrogates', () => {
  it('become U+FFFD with the platform toWellFormed and without it (older browsers)', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'a\uD800b 😀 c\uDC00' }] };
    const withPlatform = renderTranscript(ctx, { format: 'text', header: false });
    const proto = String.prototype as { toWellFormed?: () => string };
    const native = proto.toWellFormed;
    delete proto.toWellFormed;
    try {
      expect(renderTranscript(ctx, { format: 'text', header: false })).toBe(withPlatform);
    } finally {
      proto.toWellFormed = native;
    }
    expect(withPlatform).toContain('a\uFFFDb 😀 c\uFFFD');
  });
});

describe('transcriptRenderer: one context at many lengths', () => {
  it('renders exactly what renderTranscript renders, whatever lengths it is asked for, in any order', () => {
    fc.assert(
      fc.property(contextArb, fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(...FORMATS), fc.boolean(), (ctx, lengths, format, header) => {
        const render = transcriptRenderer(ctx, { format, header });
        for (const max of lengths) expect(render(max)).toBe(renderTranscript(ctx, { format, maxLength: max, header }));
        expect(render()).toBe(renderTranscript(ctx, { format, header }));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('validates its options up front and each length it is given', () => {
    const ctx: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'hi' }] };
    expect(() => transcriptRenderer(ctx, { format: 'pdf' as never })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining("transcriptRenderer: format must be 'text', 'markdown' or 'html'") }),
    );
    expect(() => transcriptRenderer({ conversationId: null } as never, { format: 'text' })).toThrow(expect.objectContaining({ code: 'INVALID_CONTEXT' }));
    expect(() => transcriptRenderer(ctx, { format: 'text' })(-1)).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringContaining('transcriptRenderer: maxLength must be a non-negative integer') }),
    );
  });
});

describe('renderTranscript: every limit from 0 to the full length (exhaustive)', () => {
  const ctx: EscalationContext = {
    conversationId: 'c',
    page: { title: 'Billing & <invoices> 😀', url: 'https://app.example.com/?a=1&b="2"' },
    reason: 'billing',
    user: { name: "Zoë O'Brien 👩‍👩‍👧", email: 'zoe@example.com', plan: 'pro' },
    messages: [
      { role: 'assistant', content: 'Hi! 👋 How can I help?' },
      { role: 'user', content: 'My card 4242 4242 4242 4242 was charged twice & <b>I</b> want a refund 😡', createdAt: '2024-05-01T10:00:00Z' },
      ...Array.from({ length: 12 }, (_, i): ChatMessage => ({
        role: i % 2 ? 'user' : 'assistant',
        content: `Step ${i + 1}: try "Settings → Billing" 𝕏\nthen # reload & check <p>`,
      })),
      { role: 'assistant', content: 'I will hand you to a human now.' },
    ],
  };

  it.each(FORMATS)('%s', (format) => {
    const full = renderTranscript(ctx, { format });
    for (let max = 0; max <= full.length + 1; max++) {
      const out = renderTranscript(ctx, { format, maxLength: max });
      if (out.length > max) throw new Error(`${format} at ${max}: ${out.length} units`);
      if (LONE_SURROGATE.test(out)) throw new Error(`${format} at ${max}: lone surrogate`);
      if (format === 'html') parseStrictHtml(out);
      if (max > 0 && out === '') throw new Error(`${format} at ${max}: empty`);
      if (max >= full.length) expect(out).toBe(full);
    }
  });
});
