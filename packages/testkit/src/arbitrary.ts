import * as fc from 'fast-check';
import { ESCALATION_REASONS, type ChatMessage, type EscalationContext, type EscalationUser, type Scalar } from '@pillar/escalation-core';
import { HOSTILE_STRINGS } from './fixtures';

/** Bounds for {@link arbitraryContext}. */
export interface ArbitraryContextOptions {
  /**
   * Most messages in one context.
   * @defaultValue 20
   */
  maxMessages?: number;
  /**
   * Most pieces (plain text or hostile strings) joined into one message.
   * @defaultValue 8
   */
  maxPiecesPerMessage?: number;
}

const START = Date.UTC(2020, 0, 1);
const END = Date.UTC(2030, 0, 1);

/** A JSON-safe scalar: finite numbers only, and never `-0`. */
function scalar(): fc.Arbitrary<Scalar> {
  return fc.oneof(
    fc.string({ maxLength: 40, unit: 'grapheme' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...HOSTILE_STRINGS),
  );
}

function key(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,15}$/);
}

/** Text that mixes any Unicode graphemes, ASCII and the hostile strings. */
function text(maxPieces: number): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ maxLength: 60, unit: 'grapheme' }) },
        { weight: 3, arbitrary: fc.lorem({ maxCount: 12 }) },
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary-ascii' }) },
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(' '));
}

/**
 * An absolute http(s) URL with an encoded path, query and fragment from any text. Built by hand:
 * `fc.webUrl()` takes about a second to construct, which every test file would pay.
 */
function pageUrl(): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.string({ maxLength: 12, unit: 'grapheme' }), fc.constantFrom(...HOSTILE_STRINGS));
  return fc
    .record({
      origin: fc.constantFrom('https://app.example.com', 'http://localhost:3000', 'https://xn--r8jz45g.jp', 'https://sub.example.co.uk:8443'),
      path: fc.array(piece, { maxLength: 4 }),
      query: fc.array(fc.tuple(key(), piece), { maxLength: 4 }),
      hash: fc.option(piece, { nil: undefined }),
    })
    .map(({ origin, path, query, hash }) => {
      const search = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      return `${origin}/${path.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}${hash === undefined ? '' : `#${encodeURIComponent(hash)}`}`;
    });
}

function user(): fc.Arbitrary<EscalationUser> {
  return fc.record(
    {
      id: fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE_STRINGS)),
      name: fc.oneof(fc.string({ maxLength: 40, unit: 'grapheme' }), fc.constantFrom(...HOSTILE_STRINGS)),
      email: fc.emailAddress(),
      plan: fc.constantFrom('free', 'pro', 'enterprise', '<b>pro</b>'),
      role: fc.constantFrom('member', 'admin', 'owner'),
      locale: fc.constantFrom('en-US', 'fr-FR', 'ar-EG', 'he-IL', 'ja-JP', 'de-CH'),
      timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'),
      attributes: fc.dictionary(key(), scalar(), { maxKeys: 5, noNullPrototype: true }),
    },
    { requiredKeys: [], noNullPrototype: true },
  );
}

/**
 * A fast-check arbitrary of valid `EscalationContext`s: any roles, text mixing arbitrary
 * Unicode with injection and control-character strings, optional user (any subset of fields),
 * page (a web URL with query and fragment, and a title), reason and metadata. Every value is
 * plain JSON, so an adapter's payload can only fail the JSON check through its own doing.
 */
export function arbitraryContext(options: ArbitraryContextOptions = {}): fc.Arbitrary<EscalationContext> {
  const { maxMessages = 20, maxPiecesPerMessage = 8 } = options;
  const message: fc.Arbitrary<ChatMessage> = fc.record(
    {
      role: fc.constantFrom<ChatMessage['role']>('user', 'assistant', 'system'),
      content: text(maxPiecesPerMessage),
      createdAt: fc.integer({ min: START, max: END }).map((ms) => new Date(ms).toISOString()),
    },
    { requiredKeys: ['role', 'content'], noNullPrototype: true },
  );
  return fc.record(
    {
      conversationId: fc.oneof(fc.constant(null), fc.uuid(), fc.string({ minLength: 1, maxLength: 40 })),
      messages: fc.array(message, { maxLength: maxMessages }),
      user: user(),
      page: fc.record(
        {
          url: pageUrl(),
          title: text(3),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
      reason: fc.constantFrom(...ESCALATION_REASONS),
      metadata: fc.dictionary(key(), scalar(), { maxKeys: 6, noNullPrototype: true }),
    },
    { requiredKeys: ['conversationId', 'messages'], noNullPrototype: true },
  );
}
