import * as fc from 'fast-check';
import {
  assertSameTarget,
  buildBoundedUrl,
  encodedLength,
  encodeUrlComponent,
  EscalationError,
  fitBoundedUrl,
  fitEncoded,
  shareBudget,
  truncateText,
  type BoundedRender,
} from '@pillar/escalation-core';
import { cut, hasLoneSurrogate, queryOf, thrown } from '../../../scripts/test-support/text';

/** A surrogate-safe renderer of `text` (what truncateText does, without the ellipsis). */
const renderOf =
  (text: string): BoundedRender =>
  (max) =>
    cut(text, max);

describe('encodeUrlComponent', () => {
  it.each([
    ['&', '%26'],
    ['#', '%23'],
    ['%', '%25'],
    ['+', '%2B'],
    ['=', '%3D'],
    ['?', '%3F'],
    ['/', '%2F'],
    ['@', '%40'],
    [' ', '%20'],
    ['\n', '%0A'],
    ["!'()*", '%21%27%28%29%2A'],
    ['😀', '%F0%9F%98%80'],
    ['שלום', '%D7%A9%D7%9C%D7%95%D7%9D'],
  ])('encodes %j as %s', (text, encoded) => {
    expect(encodeUrlComponent(text)).toBe(encoded);
    expect(decodeURIComponent(encoded)).toBe(text);
  });

  it('replaces a lone surrogate with U+FFFD where encodeURIComponent would throw', () => {
    expect(() => encodeURIComponent('a\uD800b')).toThrow(URIError);
    expect(encodeUrlComponent('a\uD800b\uDC00')).toBe('a%EF%BF%BDb%EF%BF%BD');
  });

  it('gives text a URL parser keeps exactly as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const href = `https://example.com/?q=${encodeUrlComponent(text)}`;
        expect(new URL(href).href).toBe(href);
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});

describe('encodedLength', () => {
  it('is the length of encodeUrlComponent, for any text (lone surrogates, astral, controls)', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit }), fc.string({ unit: 'grapheme' }));
    fc.assert(fc.property(text, (t) => encodedLength(t) === encodeUrlComponent(t).length), { seed: 20261124, numRuns: 2000 });
    expect(encodedLength("a-_.~!'()* é€😀\uD800x\uDC00")).toBe(encodeUrlComponent("a-_.~!'()* é€😀\uD800x\uDC00").length);
  });
});

describe('fitEncoded', () => {
  it('keeps text that fits whole', () => {
    expect(fitEncoded(renderOf('hello world'), 100)).toBe('hello world');
  });

  it('finds the longest prefix whose encoded form fits, for text that grows 3 to 9 times', () => {
    const text = 'é😀€a'.repeat(200);
    for (const budget of [0, 1, 5, 17, 100, 999, 1000]) {
      const fitted = fitEncoded(renderOf(text), budget);
      expect(encodeUrlComponent(fitted).length).toBeLessThanOrEqual(budget);
      expect(text.startsWith(fitted)).toBe(true);
      expect(hasLoneSurrogate(fitted)).toBe(false);
      // One more character would not fit: the search found the maximum.
      const next = cut(text, fitted.length + 2);
      if (next.length > fitted.length) expect(encodeUrlComponent(next).length).toBeGreaterThan(budget);
    }
  });

  it('calls the renderer a bounded number of times on a megabyte of text', () => {
    const text = 'x😀 '.repeat(262_144);
    let calls = 0;
    const fitted = fitEncoded((max) => {
      calls += 1;
      return cut(text, max);
    }, 2000);
    expect(encodeUrlComponent(fitted).length).toBeLessThanOrEqual(2000);
    expect(encodeUrlComponent(fitted).length).toBeGreaterThan(1980);
    expect(calls).toBeLessThanOrEqual(26);
  });
});

describe('shareBudget', () => {
  it('gives a short text its whole length and the long one everything else', () => {
    const [title, body] = shareBudget([{ render: renderOf('Export fails') }, { render: renderOf('b'.repeat(5000)) }], 1000);
    expect(title).toBe('Export fails');
    expect(body).toBe('b'.repeat(1000 - encodeUrlComponent('Export fails').length));
  });

  it('splits evenly between texts that both need more than their share', () => {
    const [a, b] = shareBudget([{ render: renderOf('a'.repeat(900)) }, { render: renderOf('b'.repeat(900)) }], 1000);
    expect(a).toHaveLength(500);
    expect(b).toHaveLength(500);
  });

  it('counts a text that appears several times once per appearance', () => {
    const [a, b] = shareBudget([{ render: renderOf('a'.repeat(900)), weight: 3 }, { render: renderOf('b'.repeat(900)) }], 1000);
    expect(3 * a!.length + b!.length).toBeLessThanOrEqual(1000);
    expect(a).toHaveLength(250);
  });

  it('never goes over the budget, whatever the texts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { maxLength: 5 }), fc.nat(1500), (texts, budget) => {
        const out = shareBudget(texts.map((t) => ({ render: renderOf(t) })), budget);
        const used = out.reduce((sum, t) => sum + encodeUrlComponent(t).length, 0);
        expect(used).toBeLessThanOrEqual(budget);
        out.forEach((t, i) => expect(texts[i]!.startsWith(t)).toBe(true));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('buildBoundedUrl', () => {
  const base = new URL('https://forum.example.com/new-topic');

  it('encodes every value and keeps the fixed ones whole', () => {
    const url = buildBoundedUrl(
      base,
      [
        { name: 'title', value: () => 'A & B # 100% + ?' },
        { name: 'category', value: 'support/billing' },
      ],
      2000,
    );
    expect(url).toBe('https://forum.example.com/new-topic?title=A%20%26%20B%20%23%20100%25%20%2B%20%3F&category=support%2Fbilling');
    expect(queryOf(url)).toEqual({ title: 'A & B # 100% + ?', category: 'support/billing' });
  });

  it('encodes emoji, RTL, control characters and newlines, and decodes back to the same text', () => {
    const tricky = 'A & B # 100% + c=d?\n😀 👩‍👩‍👧‍👦 مرحبا שלום\r\n\u202Eevil (it\'s *bold*)!';
    const url = buildBoundedUrl(base, [{ name: 'name', value: tricky }, { name: 'a1', value: () => tricky }], 2000);
    expect(queryOf(url)).toEqual({ name: tricky, a1: tricky });
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({ name: tricky, a1: tricky });
    expect(new URL(url).href).toBe(url);
  });

  it('keeps the base query and fragment, replacing a parameter of the same name', () => {
    const url = buildBoundedUrl('https://example.com/ask?lang=en&title=old#compose', [{ name: 'title', value: 'new' }], 2000);
    expect(url).toBe('https://example.com/ask?lang=en&title=new#compose');
    // A page's own parameter, even with "+" for a space, is replaced by name.
    expect(buildBoundedUrl('https://calendly.com/acme/call?month=2026-12&name=Some+One', [{ name: 'name', value: 'Ada Lovelace' }], 2000)).toBe(
      'https://calendly.com/acme/call?month=2026-12&name=Ada%20Lovelace',
    );
  });

  it('never leaves the host, whatever the text', () => {
    const hostile = ['//evil.com', '@evil.com', 'https://evil.com/', '\\\\evil.com', '#@evil.com', '?x=1&y=2', '../../..', '%2F%2Fevil.com', '\u0000\r\n'];
    for (const text of hostile) {
      const url = new URL(buildBoundedUrl(base, [{ name: 'body', value: () => text }, { name: 'email', value: `${text}@x.com` }], 2000));
      expect(url.origin).toBe('https://forum.example.com');
      expect(url.pathname).toBe('/new-topic');
      expect([url.username, url.password, url.hash]).toEqual(['', '', '']);
      expect(queryOf(url.href)).toEqual({ body: text, email: `${text}@x.com` });
    }
  });

  it('stays within maxLength and the host for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.string({ maxLength: 200 }), fc.integer({ min: 60, max: 3000 }), (body, title, max) => {
        const url = buildBoundedUrl(base, [{ name: 'title', value: renderOf(title) }, { name: 'body', value: renderOf(body) }], max);
        expect(url.length).toBeLessThanOrEqual(max);
        const parsed = new URL(url);
        expect(parsed.origin + parsed.pathname).toBe('https://forum.example.com/new-topic');
        const q = queryOf(url);
        expect(hasLoneSurrogate(q.body!)).toBe(false);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('cuts astral-only text at every length without splitting a character', () => {
    const text = '😀'.repeat(2000);
    for (let max = 60; max < 100; max += 1) {
      const url = buildBoundedUrl(base, [{ name: 'body', value: (n) => truncateText(text, n) }], max);
      expect(url.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(queryOf(url).body!)).toBe(false);
    }
  });

  it('is a CONFIGURATION error when the fixed part alone is too long', () => {
    const error = thrown(() => buildBoundedUrl(base, [{ name: 'tags', value: 'x'.repeat(100) }, { name: 'body', value: () => 'b' }], 80));
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false, details: { maxUrlLength: 80 } });
    expect((error as Error).message).toMatch(/forum\.example\.com.*over maxUrlLength \(80\)/);
  });
});

describe('fitBoundedUrl', () => {
  const base = new URL('https://calendly.com/acme/support-call');

  it('returns the value of each parameter as it is in the URL, in order', () => {
    const { url, values } = fitBoundedUrl(
      base,
      [
        { name: 'name', value: (max) => truncateText('Ada Lovelace', Math.min(max, 256)) },
        { name: 'email', value: 'ada@example.com' },
        { name: 'a1', value: (max) => truncateText('s'.repeat(5000), max) },
        { name: 'a2', value: () => '' },
      ],
      500,
    );
    expect(url.length).toBeLessThanOrEqual(500);
    expect(url.length).toBeGreaterThan(490);
    expect(values[0]).toBe('Ada Lovelace');
    expect(values[1]).toBe('ada@example.com');
    expect(values[2]).toMatch(/^s+…$/);
    expect(values[3]).toBe('');
    expect(queryOf(url)).toEqual({ name: values[0], email: values[1], a1: values[2], a2: '' });
  });

  it('gives values that always match the URL, whatever the texts and the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 600 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 120, max: 2500 }), (texts, max) => {
        const params = texts.map((text, i) => ({ name: `a${i + 1}`, value: renderOf(text) }));
        const { url, values } = fitBoundedUrl(base, params, max);
        expect(url.length).toBeLessThanOrEqual(max);
        // A lone surrogate reaches the URL as U+FFFD; everything else decodes back to the value.
        expect(Object.values(queryOf(url))).toEqual(values.map((v) => decodeURIComponent(encodeUrlComponent(v))));
        values.forEach((v, i) => expect(texts[i]!.startsWith(v)).toBe(true));
      }),
      { seed: 13, numRuns: 150 },
    );
  });
});

describe('assertSameTarget', () => {
  const base = new URL('https://forum.example.com/new-topic');

  it('returns the parsed URL when it stays on the origin and path and fits', () => {
    expect(assertSameTarget('https://FORUM.example.com/new-topic?title=x', base, 100)).toBe('https://forum.example.com/new-topic?title=x');
  });

  it.each([
    ['another host', 'https://evil.com/new-topic'],
    ['another scheme', 'http://forum.example.com/new-topic'],
    ['another port', 'https://forum.example.com:8443/new-topic'],
    ['credentials', 'https://user:pw@forum.example.com/new-topic'],
    ['another path', 'https://forum.example.com/admin'],
    ['a path that climbs out', 'https://forum.example.com/new-topic/../admin'],
    ['not a URL', 'not a url'],
    ['over the length', `https://forum.example.com/new-topic?body=${'x'.repeat(100)}`],
  ])('refuses %s with CONFIGURATION', (_case, href) => {
    const error = thrown(() => assertSameTarget(href, base, 100));
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false });
  });

  it('allows another path on the same origin with samePath: false', () => {
    expect(assertSameTarget('https://forum.example.com/t/42', base, 100, { samePath: false })).toBe('https://forum.example.com/t/42');
    expect(() => assertSameTarget('https://evil.com/t/42', base, 100, { samePath: false })).toThrow(EscalationError);
  });
});
