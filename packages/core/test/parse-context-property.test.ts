import fc from 'fast-check';
import { EscalationError, ESCALATION_REASONS, parseContext, type EscalationContext } from '@pillar/escalation-core';

const SEED = 20_260_504;
const KNOWN_KEYS = ['conversationId', 'messages', 'user', 'page', 'reason', 'metadata'];

/**
 * The contract of parseContext on untrusted input: it either returns a context that parses
 * again to an equal value (and survives JSON unchanged), or throws INVALID_CONTEXT naming a
 * path, never any other error.
 */
function checkOutcome(input: unknown): EscalationContext | undefined {
  let context: EscalationContext;
  try {
    context = parseContext(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EscalationError);
    const { code, message, details } = error as EscalationError;
    expect(code).toBe('INVALID_CONTEXT');
    const path = (details as { path: unknown }).path;
    expect(typeof path).toBe('string');
    expect(message.startsWith(path === '' ? 'context ' : `${String(path)} `)).toBe(true);
    return undefined;
  }
  expect(parseContext(context)).toStrictEqual(context);
  expect(JSON.parse(JSON.stringify(context))).toStrictEqual(context);
  for (const key of Object.keys(context)) expect(KNOWN_KEYS).toContain(key);
  return context;
}

/** Any UTF-16 code unit, lone surrogates and line breaks included. */
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const lineBreaky = fc.array(fc.constantFrom('a', ' ', '\r', '\n', '\r\n', '\t', '😀'), { maxLength: 12 }).map((parts) => parts.join(''));
const json = fc.jsonValue({ maxDepth: 4 });
const forbidden = ['__proto__', 'constructor', 'prototype'];

/** Mostly `valid`, sometimes one of `others` (near misses or anything at all). */
function mostly<T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 30 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

// Valid parts.
const finiteScalar = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const isoDates = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const validKey = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !forbidden.includes(k));
const validRecord = fc.dictionary(validKey, finiteScalar, { maxKeys: 8 });
const validParts = {
  conversationId: fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== '')),
  role: fc.constantFrom('user', 'assistant', 'system'),
  content: fc.oneof(anyText, lineBreaky),
  createdAt: fc.oneof(isoDates, fc.constantFrom('2026-05-04T09:30+02:00', '2024-02-29T12:00:00.123456789-07:00')),
  id: fc.string({ maxLength: 256 }),
  name: fc.string({ maxLength: 256 }),
  email: fc.emailAddress().filter((e) => e.length <= 254),
  plan: fc.constantFrom('free', 'pro', ' pro ', ''),
  locale: fc.constantFrom('en', 'en-us', 'fr-CA', 'zh-hant-tw', 'de-u-co-phonebk', 'sr-Latn'),
  timeZone: fc.constantFrom('utc', 'US/Eastern', 'Etc/GMT+5', ...Intl.supportedValuesOf('timeZone')),
  url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  reason: fc.constantFrom(...ESCALATION_REASONS),
};

/** Context-shaped input where every part is mostly right, sometimes nearly right or anything at all. */
const contextish = fc
  .record(
    {
      conversationId: mostly(validParts.conversationId, fc.constantFrom('', '   ', 'c'.repeat(201)), json),
      messages: mostly(
        fc.array(
          mostly(
            fc.record(
              {
                role: mostly(validParts.role, fc.constantFrom('bot', 'User'), json),
                content: mostly(validParts.content, json),
                createdAt: mostly(validParts.createdAt, fc.constantFrom('2026-02-30T00:00:00Z', '2026-05-04T09:30:00', 'yesterday'), json),
                id: json,
              },
              { requiredKeys: ['role', 'content'] },
            ),
            json,
          ),
          { maxLength: 6 },
        ),
        json,
      ),
      user: mostly(
        fc.record(
          {
            id: mostly(validParts.id, json),
            name: mostly(validParts.name, json),
            email: mostly(validParts.email, fc.string(), json),
            plan: mostly(validParts.plan, json),
            role: fc.string(),
            locale: mostly(validParts.locale, fc.constantFrom('en_US', '!!'), json),
            timeZone: mostly(validParts.timeZone, fc.constantFrom('Nope/Zone', '+01:00'), json),
            attributes: mostly(validRecord, fc.dictionary(fc.constantFrom(...forbidden, '', 'a.b'), json), json),
          },
          { requiredKeys: [] },
        ),
        json,
      ),
      page: mostly(
        fc.record(
          {
            url: mostly(validParts.url, fc.string(), fc.constantFrom('javascript:alert(1)', 'https://a:b@x.io/', '/relative')),
            title: mostly(anyText, json),
          },
          { requiredKeys: [] },
        ),
        json,
      ),
      reason: mostly(validParts.reason, fc.constant('angry'), json),
      metadata: mostly(validRecord, fc.dictionary(fc.constantFrom(...forbidden, '', 'a.b'), json), json),
      extra: json,
    },
    { requiredKeys: [] },
  )
  // What actually arrives: JSON text parsed again (so `__proto__` keys are own properties).
  .map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Contexts built only from valid parts: these must always parse. */
const validContext = fc.record(
  {
    conversationId: validParts.conversationId,
    messages: fc.array(
      fc.record({ role: validParts.role, content: validParts.content, createdAt: validParts.createdAt }, { requiredKeys: ['role', 'content'] }),
      { maxLength: 8 },
    ),
    user: fc.record(
      {
        id: validParts.id,
        name: validParts.name,
        email: validParts.email,
        plan: validParts.plan,
        locale: validParts.locale,
        timeZone: validParts.timeZone,
        attributes: validRecord,
      },
      { requiredKeys: [] },
    ),
    page: fc.record({ url: validParts.url, title: fc.string() }, { requiredKeys: [] }),
    reason: validParts.reason,
    metadata: validRecord,
  },
  { requiredKeys: ['messages'] },
);

describe('parseContext properties', () => {
  it('any JSON value parses to a context that parses again to itself, or is INVALID_CONTEXT', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void checkOutcome(value)), { seed: SEED, numRuns: 1_000 });
  });

  it('any context-shaped JSON value does too, and a good share of them are valid', () => {
    let valid = 0;
    fc.assert(
      fc.property(contextish, (value) => {
        if (checkOutcome(value) !== undefined) valid++;
      }),
      { seed: SEED, numRuns: 1_500 },
    );
    // Both outcomes must be exercised for the property to mean something.
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(1_400);
  });

  it('a context built from valid parts always parses', () => {
    fc.assert(
      fc.property(validContext, (value) => {
        expect(checkOutcome(value)).toBeDefined();
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('parseContext: createdAt', () => {
  /** The rule as first written: RFC 3339 shape, each field in range, a real day, and a date Date.parse reads. */
  const FIELDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
  function reference(text: string): boolean {
    const match = FIELDS.exec(text);
    if (match === null) return false;
    const [, y, mo, d, h, mi, s, oh, om] = match.map((part) => (part === undefined ? 0 : Number(part)));
    const leap = y! % 4 === 0 && (y! % 100 !== 0 || y! % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo! - 1];
    if (days === undefined || d! < 1 || d! > days || h! > 23 || mi! > 59 || s! > 59 || oh! > 23 || om! > 59) return false;
    return !Number.isNaN(Date.parse(text));
  }
  const accepts = (createdAt: string): boolean => {
    try {
      parseContext({ messages: [{ role: 'user', content: 'x', createdAt }] });
      return true;
    } catch (error) {
      expect((error as EscalationError).details).toMatchObject({ path: 'messages[0].createdAt', reason: 'format' });
      return false;
    }
  };
  // Two digits, mostly near the field's range (edges included), sometimes anything or malformed.
  const digits = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
  const two = (max: number) =>
    fc.oneof(
      { arbitrary: digits(0, max), weight: 6 },
      { arbitrary: fc.constantFrom('00', String(max).padStart(2, '0'), String(max + 1).padStart(2, '0')), weight: 2 },
      { arbitrary: digits(0, 99), weight: 1 },
      { arbitrary: fc.constantFrom('1', '001', 'x1', ''), weight: 1 },
    );
  const nearDateTime = fc
    .tuple(
      fc.oneof(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), fc.constantFrom('1900', '2000', '2024', '2100', '20', '+2026')),
      two(12), // month
      fc.oneof(two(31), fc.constantFrom('28', '29', '30', '31')), // day
      fc.constantFrom('T', 'T', 'T', 't', ' '),
      two(23), // hour
      two(59), // minute
      fc.option(two(59), { nil: undefined }), // second
      fc.option(fc.integer({ min: 0, max: 10 }).map((n) => `.${'7'.repeat(n)}`), { nil: undefined }),
      fc.oneof(fc.constantFrom('Z', 'Z', 'z', '', '+00:00'), fc.tuple(fc.constantFrom('+', '-'), two(23), two(59)).map(([sign, h, m]) => `${sign}${h}:${m}`)),
    )
    .map(([y, mo, d, t, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${t}${h}:${mi}${s === undefined ? '' : `:${s}${frac ?? ''}`}${zone}`);

  it('accepts exactly the RFC 3339 date-times of real days that Date.parse reads', () => {
    let valid = 0;
    fc.assert(
      fc.property(nearDateTime, (text) => {
        const expected = reference(text);
        if (expected) valid++;
        expect(accepts(text)).toBe(expected);
      }),
      { seed: SEED, numRuns: 5_000 },
    );
    expect(valid).toBeGreaterThan(200);
  });

  it('accepts every day of every month of leap and common years, and no day after the last', () => {
    for (const year of ['1900', '2000', '2023', '2024', '0000', '9999']) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:00:00Z`;
          expect(accepts(text)).toBe(reference(text));
        }
      }
    }
  });
});
