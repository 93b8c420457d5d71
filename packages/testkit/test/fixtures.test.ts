import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { ESCALATION_REASONS } from '@pillar/escalation-core';
import { FIXTURE_NAMES, HOSTILE_STRINGS, arbitraryContext, checkSerializable, contextFixture, contextFixtures } from '@pillar/escalation-testkit';

function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((d, i) => {
    let n = Number(d);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  });
  return sum % 10 === 0;
}

const allText = (name: (typeof FIXTURE_NAMES)[number]): string => JSON.stringify(contextFixture(name));

describe('context fixtures', () => {
  it('are deterministic: two builds are deep equal', () => {
    expect(contextFixtures()).toEqual(contextFixtures());
  });

  it('are fresh copies that callers may change', () => {
    const a = contextFixture('multi-turn');
    a.messages.length = 0;
    expect(contextFixture('multi-turn').messages).toHaveLength(5);
  });

  it('are all plain JSON and named as listed', () => {
    const fixtures = contextFixtures();
    expect(Object.keys(fixtures)).toEqual([...FIXTURE_NAMES]);
    for (const [name, context] of Object.entries(fixtures)) checkSerializable(context, name);
  });

  it('rejects an unknown name', () => {
    expect(() => contextFixture('nope' as never)).toThrow('Unknown fixture "nope"');
  });

  it('empty has no conversation', () => {
    expect(contextFixture('empty')).toEqual({ conversationId: null, messages: [] });
  });

  it('one-message has exactly one user message', () => {
    expect(contextFixture('one-message').messages).toEqual([{ role: 'user', content: expect.any(String), createdAt: '2026-11-24T09:30:00.000Z' }]);
  });

  it('multi-turn is a billing question with user, page, reason and metadata', () => {
    const context = contextFixture('multi-turn');
    expect(context.reason).toBe('billing');
    expect(context.user?.email).toBe('ada@example.com');
    expect(context.page?.url).toBe('https://app.example.com/settings/billing');
    expect(context.metadata).toEqual({ accountId: 'acct_9001', seats: 12, trial: false, region: 'eu-west-1' });
    expect(context.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('ten-thousand-messages has 10,000 messages in time order', () => {
    const { messages } = contextFixture('ten-thousand-messages');
    expect(messages).toHaveLength(10_000);
    const times = messages.map((m) => Date.parse(m.createdAt ?? ''));
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true);
  });

  it('one-megabyte-message carries one message of exactly 1 MiB UTF-16 units', () => {
    expect(contextFixture('one-megabyte-message').messages[0]?.content).toHaveLength(1_048_576);
  });

  it('html-injection carries script, event handler, javascript: and textarea breakouts', () => {
    const text = allText('html-injection');
    for (const needle of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:', '</textarea>']) {
      expect(text).toContain(JSON.stringify(needle).slice(1, -1));
    }
  });

  it('emoji-and-rtl carries astral characters, Arabic, Hebrew and a U+202E override', () => {
    const text = contextFixture('emoji-and-rtl').messages.map((m) => m.content).join('\n');
    expect(text).toMatch(/[\u{1F300}-\u{1FAFF}]/u);
    expect(text).toMatch(/[\u0600-\u06FF]/);
    expect(text).toMatch(/[\u0590-\u05FF]/);
    expect(text).toContain('\u202E');
  });

  it('control-characters carries NUL, BEL, an ANSI escape and mixed line breaks', () => {
    const text = contextFixture('control-characters').messages.map((m) => m.content).join('');
    for (const needle of ['\u0000', '\u0007', '\u001b[31m', '\r\n', '\n\r']) expect(text).toContain(needle);
  });

  it('card-numbers has a Luhn-valid 4242… and a 16-digit number that fails Luhn', () => {
    const text = contextFixture('card-numbers').messages.map((m) => m.content).join(' ');
    expect(text).toContain('4242 4242 4242 4242');
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(text).toContain('4242 4242 4242 4241');
    expect(luhnValid('4242424242424241')).toBe(false);
  });

  it('full-user sets every user field', () => {
    expect(Object.keys(contextFixture('full-user').user ?? {}).sort()).toEqual(['attributes', 'email', 'id', 'locale', 'name', 'plan', 'role', 'timeZone']);
  });

  it('page-url-with-query-and-fragment has both', () => {
    const url = new URL(contextFixture('page-url-with-query-and-fragment').page?.url ?? '');
    expect(url.searchParams.get('q')).toBe('a b&c');
    expect(url.hash).toBe('#row-7');
  });

  it('long-single-word has a 20,000-letter word without spaces', () => {
    const word = contextFixture('long-single-word').messages[0]?.content ?? '';
    expect(word).toHaveLength(20_000);
    expect(word).toMatch(/^[A-Za-z]+$/);
  });
});

describe('arbitraryContext', () => {
  it('gives valid, JSON-plain contexts that mix in hostile strings', () => {
    const samples = fc.sample(arbitraryContext(), { seed: 7, numRuns: 300 });
    for (const context of samples) {
      checkSerializable(context, 'arbitrary');
      expect(context.conversationId === null || typeof context.conversationId === 'string').toBe(true);
      for (const m of context.messages) expect(['user', 'assistant', 'system']).toContain(m.role);
      if (context.reason !== undefined) expect(ESCALATION_REASONS).toContain(context.reason);
      if (context.page?.url !== undefined) expect(() => new URL(context.page?.url ?? '')).not.toThrow();
    }
    const text = JSON.stringify(samples);
    expect(HOSTILE_STRINGS.filter((s) => text.includes(JSON.stringify(s).slice(1, -1))).length).toBeGreaterThan(HOSTILE_STRINGS.length / 2);
    expect(samples.some((c) => c.user !== undefined && c.metadata !== undefined && c.messages.length > 3)).toBe(true);
  });

  it('respects maxMessages', () => {
    for (const context of fc.sample(arbitraryContext({ maxMessages: 2 }), { seed: 1, numRuns: 100 })) {
      expect(context.messages.length).toBeLessThanOrEqual(2);
    }
  });

  it('is reproducible from a seed', () => {
    expect(fc.sample(arbitraryContext(), { seed: 99, numRuns: 5 })).toEqual(fc.sample(arbitraryContext(), { seed: 99, numRuns: 5 }));
  });
});
