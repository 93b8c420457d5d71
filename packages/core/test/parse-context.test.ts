import { runInNewContext } from 'node:vm';
import {
  DEFAULT_CONTEXT_LIMITS,
  EscalationError,
  ESCALATION_REASONS,
  droppedFrom,
  parseContext,
  parseContextWithReport,
  resolveContextLimits,
  type ContextIssue,
  type ContextLimits,
  type DroppedValue,
} from '@pillar/escalation-core';
import { thrown } from '../../../scripts/test-support/text';

type InvalidContextError = EscalationError & { details: ContextIssue };

/** Expects INVALID_CONTEXT at `path` for `reason`, with a message that starts with the path and contains `message`. */
function expectInvalid(
  input: unknown,
  path: string,
  reason: ContextIssue['reason'],
  message: string,
  limits?: Partial<ContextLimits>,
): InvalidContextError {
  const error = thrown(() => parseContext(input, limits)) as InvalidContextError;
  expect(error).toBeInstanceOf(EscalationError);
  expect(error.code).toBe('INVALID_CONTEXT');
  expect(error.retryable).toBe(false);
  expect(error.details).toMatchObject({ path, reason });
  expect(error.message.startsWith(path === '' ? 'context ' : `${path} `)).toBe(true);
  expect(error.message).toContain(message);
  return error;
}

const full = {
  conversationId: 'conv_123',
  messages: [
    { role: 'user', content: 'My invoice is wrong', createdAt: '2026-05-04T09:30:00Z' },
    { role: 'assistant', content: 'Let me check.' },
    { role: 'system', content: 'Escalation offered', createdAt: '2026-05-04T11:31:02.123+02:00' },
  ],
  user: {
    id: 'u_1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    plan: 'pro',
    role: 'admin',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    attributes: { seats: 12, trial: false, company: 'Analytical Engines', manager: null },
  },
  page: { url: 'https://app.example.com/billing?tab=invoices', title: 'Billing' },
  reason: 'billing',
  metadata: { accountId: 'acc_9', beta: true, mrr: 99.5, note: null },
};

describe('parseContext: what it accepts', () => {
  it('returns a new context equal to a valid input, sharing no objects with it', () => {
    const input = structuredClone(full);
    const context = parseContext(input);
    expect(context).toStrictEqual(full);
    expect(input).toStrictEqual(full); // not mutated
    expect(context).not.toBe(input);
    expect(context.messages).not.toBe(input.messages);
    expect(context.messages[0]).not.toBe(input.messages[0]);
    expect(context.user).not.toBe(input.user);
    expect(context.user?.attributes).not.toBe(input.user.attributes);
    expect(context.page).not.toBe(input.page);
    expect(context.metadata).not.toBe(input.metadata);
  });

  it('fills in absent conversationId and messages, and reads null optional fields as absent', () => {
    expect(parseContext({})).toStrictEqual({ conversationId: null, messages: [] });
    expect(parseContext({ conversationId: null, messages: null, user: null, page: null, reason: null, metadata: null })).toStrictEqual({
      conversationId: null,
      messages: [],
    });
    expect(parseContext({ messages: [{ role: 'user', content: 'hi', createdAt: null }], user: { name: null, attributes: null } })).toStrictEqual({
      conversationId: null,
      messages: [{ role: 'user', content: 'hi' }],
      user: {},
    });
  });

  it('drops unknown fields at every level', () => {
    const context = parseContext({
      conversationId: 'c',
      extra: { anything: [1, 2] },
      messages: [{ role: 'user', content: 'hi', id: 'm1', sources: [{ url: 'x' }] }],
      user: { email: 'a@b.co', password: 'hunter2' },
      page: { url: 'https://a.example/', referrer: 'https://b.example/' },
    });
    expect(context).toStrictEqual({
      conversationId: 'c',
      messages: [{ role: 'user', content: 'hi' }],
      user: { email: 'a@b.co' },
      page: { url: 'https://a.example/' },
    });
  });

  it('keeps message content exactly, except that CRLF and CR line endings become LF', () => {
    const content = '  <script>alert("x")</script> & émoji 👩‍💻 \u0000 tab\there \n\n  ';
    expect(parseContext({ messages: [{ role: 'user', content }] }).messages[0]?.content).toBe(content);
    expect(parseContext({ messages: [{ role: 'user', content: 'a\r\nb\rc\n\rd' }] }).messages[0]?.content).toBe('a\nb\nc\n\nd');
    expect(parseContext({ messages: [{ role: 'assistant', content: '' }] }).messages[0]?.content).toBe('');
  });

  it('trims the identity and page strings and reads blank optional strings as absent', () => {
    const context = parseContext({
      conversationId: '  conv  ',
      user: { id: ' u1 ', name: '\tAda\n', email: ' ada@example.com ', plan: '  ', role: '' },
      page: { url: '  https://example.com/x  ', title: '  Billing  ' },
    });
    expect(context).toStrictEqual({
      conversationId: 'conv',
      messages: [],
      user: { id: 'u1', name: 'Ada', email: 'ada@example.com' },
      page: { url: 'https://example.com/x', title: 'Billing' },
    });
  });

  it('does not trim metadata and attribute values (they are the app\'s data)', () => {
    const context = parseContext({ metadata: { code: ' A1 ' }, user: { attributes: { team: ' core ' } } });
    expect(context.metadata).toStrictEqual({ code: ' A1 ' });
    expect(context.user?.attributes).toStrictEqual({ team: ' core ' });
  });

  it('canonicalizes locale, time zone and page URL', () => {
    const context = parseContext({
      user: { locale: 'en-us', timeZone: 'utc' },
      page: { url: 'HTTPS://Exämple.COM/a b?q=1#top' },
    });
    expect(context.user).toStrictEqual({ locale: 'en-US', timeZone: 'UTC' });
    expect(context.page?.url).toBe('https://xn--exmple-cua.com/a%20b?q=1#top');
    expect(parseContext({ user: { locale: 'zh-hant-tw', timeZone: 'europe/paris' } }).user).toStrictEqual({ locale: 'zh-Hant-TW', timeZone: 'Europe/Paris' });
  });

  it('accepts RFC 3339 date-times, including leap days, and keeps them as given', () => {
    for (const createdAt of [
      '2026-05-04T09:30:00Z',
      '2026-05-04T09:30Z',
      '2026-05-04T09:30:00.5Z',
      '2026-05-04T09:30:00.123456789-07:00',
      '2024-02-29T23:59:59+14:00',
      '2000-02-29T00:00:00Z',
    ]) {
      expect(parseContext({ messages: [{ role: 'user', content: 'x', createdAt }] }).messages[0]?.createdAt).toBe(createdAt);
    }
  });

  it('keeps every scalar type in metadata and attributes, turns -0 into 0 and leaves out undefined values', () => {
    const context = parseContext({ metadata: { s: 'x', n: -1.5, z: -0, t: true, f: false, nil: null, gone: undefined } });
    expect(context.metadata).toStrictEqual({ s: 'x', n: -1.5, z: 0, t: true, f: false, nil: null });
    expect(Object.is(context.metadata?.z, 0)).toBe(true);
    expect(Object.keys(context.metadata ?? {})).not.toContain('gone');
  });

  it('accepts every escalation reason', () => {
    for (const reason of ESCALATION_REASONS) expect(parseContext({ reason }).reason).toBe(reason);
  });

  it('keeps empty page, user and metadata objects', () => {
    expect(parseContext({ page: {}, user: {}, metadata: {} })).toStrictEqual({ conversationId: null, messages: [], user: {}, page: {}, metadata: {} });
  });

  it('accepts null-prototype objects and plain objects from another realm, and returns ordinary objects', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { conversationId: 'c', metadata: Object.assign(Object.create(null), { a: 1 }) });
    const fromBare = parseContext(bare);
    expect(fromBare).toStrictEqual({ conversationId: 'c', messages: [], metadata: { a: 1 } });
    expect(Object.getPrototypeOf(fromBare.metadata)).toBe(Object.prototype);

    const foreign: unknown = runInNewContext('({ conversationId: "c", messages: [{ role: "user", content: "hi" }], user: { attributes: { a: 1 } } })');
    expect(parseContext(foreign)).toStrictEqual({ conversationId: 'c', messages: [{ role: 'user', content: 'hi' }], user: { attributes: { a: 1 } } });
  });

  it('returns a JSON-serializable value equal to its JSON round trip', () => {
    const context = parseContext(full);
    expect(JSON.parse(JSON.stringify(context))).toStrictEqual(context);
  });
});

describe('parseContext: what it rejects, naming the path', () => {
  class Account {
    id = 'a1';
  }

  it.each<[string, unknown, string, ContextIssue['reason'], string]>([
    ['null input', null, '', 'type', 'must be a plain object (got null)'],
    ['a string', 'hello', '', 'type', 'must be a plain object (got a string)'],
    ['an array', [], '', 'type', 'must be a plain object (got an array)'],
    ['a Date', new Date(0), '', 'type', 'must be a plain object (got a Date)'],
    ['a class instance', new Account(), '', 'type', 'must be a plain object (got an Account)'],
    ['a Map', new Map(), '', 'type', 'must be a plain object (got a Map)'],
    ['a numeric conversationId', { conversationId: 42 }, 'conversationId', 'type', 'must be a string or null (got a number)'],
    ['an empty conversationId', { conversationId: '' }, 'conversationId', 'length', 'must be 1 to 200 characters'],
    ['a blank conversationId', { conversationId: '   ' }, 'conversationId', 'length', 'must be 1 to 200 characters'],
    ['a 201-character conversationId', { conversationId: 'c'.repeat(201) }, 'conversationId', 'length', 'must be 1 to 200 characters after trimming (got 201)'],
    ['messages as an object', { messages: { 0: { role: 'user', content: 'x' } } }, 'messages', 'type', 'must be an array (got an object)'],
    ['messages as a string', { messages: 'hi' }, 'messages', 'type', 'must be an array (got a string)'],
    ['a string message', { messages: [{ role: 'user', content: 'a' }, 'hi'] }, 'messages[1]', 'type', 'must be a plain object (got a string)'],
    ['a null message', { messages: [null] }, 'messages[0]', 'type', 'must be a plain object (got null)'],
    ['an array message', { messages: [['user', 'hi']] }, 'messages[0]', 'type', 'must be a plain object (got an array)'],
    ['a Date message', { messages: [new Date(0)] }, 'messages[0]', 'type', 'must be a plain object (got a Date)'],
  ])('rejects %s', (_name, input, path, reason, message) => {
    expectInvalid(input, path, reason, message);
  });

  it('rejects a bad role, in the words of the contract', () => {
    const messages = [0, 1, 2].map((i) => ({ role: 'user', content: String(i) }));
    const error = expectInvalid({ messages: [...messages, { role: 'bot', content: 'x' }] }, 'messages[3].role', 'enum', 'must be one of user, assistant, system');
    expect(error.message).toBe('messages[3].role must be one of user, assistant, system (got "bot")');
    expectInvalid({ messages: [{ content: 'x' }] }, 'messages[0].role', 'enum', 'must be one of user, assistant, system (got nothing)');
    expectInvalid({ messages: [{ role: 'User', content: 'x' }] }, 'messages[0].role', 'enum', '(got "User")');
    expectInvalid({ messages: [{ role: 1, content: 'x' }] }, 'messages[0].role', 'enum', '(got a number)');
  });

  it('shows at most 40 characters of a bad value, escaped', () => {
    const error = expectInvalid({ messages: [{ role: `"${'x'.repeat(100)}`, content: '' }] }, 'messages[0].role', 'enum', 'must be one of user, assistant, system');
    expect(error.message).toContain(`(got "\\"${'x'.repeat(39)}…")`);
  });

  it('rejects message content that is not a string', () => {
    expectInvalid({ messages: [{ role: 'user' }] }, 'messages[0].content', 'type', 'must be a string (got nothing)');
    expectInvalid({ messages: [{ role: 'user', content: 'a' }, { role: 'user', content: { text: 'hi' } }] }, 'messages[1].content', 'type', 'must be a string (got an object)');
    expectInvalid({ messages: [{ role: 'user', content: null }] }, 'messages[0].content', 'type', 'must be a string (got null)');
  });

  it.each([
    ['yesterday'],
    ['2026-05-04'],
    ['2026-05-04T09:30:00'], // no time zone: ambiguous
    ['2026-05-04 09:30:00Z'],
    ['2026-5-4T09:30:00Z'],
    ['2026-02-30T10:00:00Z'], // Date.parse accepts it
    ['2025-02-29T10:00:00Z'],
    ['1900-02-29T10:00:00Z'],
    ['2026-04-31T10:00:00Z'],
    ['2026-13-01T10:00:00Z'],
    ['2026-00-01T10:00:00Z'],
    ['2026-05-00T10:00:00Z'],
    ['2026-05-04T24:00:00Z'],
    ['2026-05-04T23:60:00Z'],
    ['2026-05-04T23:59:60Z'],
    ['2026-05-04T10:00:00+25:00'],
    ['2026-05-04T10:00:00+02:60'],
    ['2026-05-04T10:00:00.1234567890Z'],
    ['2026-05-04T10:00:00z'],
    [' 2026-05-04T10:00:00Z'],
  ])('rejects the createdAt %j', (createdAt) => {
    expectInvalid({ messages: [{ role: 'user', content: 'x', createdAt }] }, 'messages[0].createdAt', 'format', 'must be an ISO 8601 date-time with a time zone');
  });

  it('rejects a createdAt that is not a string', () => {
    expectInvalid({ messages: [{ role: 'user', content: 'x', createdAt: 1714815000000 }] }, 'messages[0].createdAt', 'type', 'must be an ISO 8601 date-time string (got a number)');
    expectInvalid({ messages: [{ role: 'user', content: 'x', createdAt: new Date(0) }] }, 'messages[0].createdAt', 'type', '(got a Date)');
  });

  it('rejects a user that is not a plain object', () => {
    expectInvalid({ user: 'ada' }, 'user', 'type', 'must be a plain object (got a string)');
    expectInvalid({ user: [] }, 'user', 'type', 'must be a plain object (got an array)');
    expectInvalid({ user: new Account() }, 'user', 'type', 'must be a plain object (got an Account)');
  });

  it.each<[string, unknown, ContextIssue['reason'], string]>([
    ['id', 42, 'type', 'must be a string (got a number)'],
    ['id', 'i'.repeat(257), 'length', 'must be at most 256 characters (got 257)'],
    ['name', ['Ada'], 'type', 'must be a string (got an array)'],
    ['role', true, 'type', 'must be a string (got a boolean)'],
  ])('rejects a bad user.%s (case %#): the id and the types stay strict', (field, value, reason, message) => {
    expectInvalid({ user: { [field]: value } }, `user.${field}`, reason, message);
  });

  it.each<[string, string, DroppedValue['reason']]>([
    ['name', 'n'.repeat(257), 'length'],
    ['email', `${'a'.repeat(250)}@b.co`, 'length'],
    ['email', 'not-an-email', 'format'],
    ['email', 'ops@localhost', 'format'],
    ['email', 'a b@c.de', 'format'],
    ['email', 'a@@c.de', 'format'],
    ['email', '<a@c.de>', 'format'],
    ['email', 'a@c..de', 'format'],
    ['email', `${'a'.repeat(65)}@c.de`, 'format'],
    ['email', 'ada@example.com\r\nBcc: all@example.com', 'control_characters'],
    ['plan', 'p'.repeat(129), 'length'],
    ['locale', 'en_US', 'format'],
    ['locale', '!!', 'format'],
    ['locale', 'l'.repeat(129), 'length'],
    ['timeZone', 'Mars/Olympus_Mons', 'format'],
    ['timeZone', 'Europe/Pariss', 'format'],
    ['timeZone', '+01:00', 'format'],
    ['timeZone', 't'.repeat(65), 'length'],
  ])('drops a user.%s it cannot use (case %#), reports it, and keeps the escalation', (field, value, reason) => {
    const { context, dropped } = parseContextWithReport({ messages: [{ role: 'user', content: 'help' }], user: { id: 'u1', [field]: value } });
    expect(context.user).toEqual({ id: 'u1' });
    expect(dropped).toEqual([{ path: `user.${field}`, reason, action: 'removed' }]);
    expect(droppedFrom(context)).toEqual(dropped);
  });

  it('cleans control characters out of a name, plan, role and page title, and says so', () => {
    const { context, dropped } = parseContextWithReport({
      user: { name: 'Ada\r\nLovelace', plan: 'pro\u0000', role: 'ad\tmin' },
      page: { title: 'Billing\r\n\u2028— Acme' },
    });
    expect(context.user).toEqual({ name: 'Ada Lovelace', plan: 'pro', role: 'ad min' });
    expect(context.page).toEqual({ title: 'Billing — Acme' });
    expect(dropped).toEqual([
      { path: 'user.name', reason: 'control_characters', action: 'cleaned' },
      { path: 'user.plan', reason: 'control_characters', action: 'cleaned' },
      { path: 'user.role', reason: 'control_characters', action: 'cleaned' },
      { path: 'page.title', reason: 'control_characters', action: 'cleaned' },
    ]);
  });

  it('reports nothing, and records nothing, for a context it takes as it is', () => {
    const { context, dropped } = parseContextWithReport({ user: { email: 'ada@example.com' }, page: { url: 'https://app.example.com/' } });
    expect(dropped).toEqual([]);
    expect(droppedFrom(context)).toEqual([]);
    expect(droppedFrom({ ...context })).toEqual([]);
  });

  it('accepts plausible email addresses, international ones included', () => {
    for (const email of ['a@b.co', 'first.last+tag@sub.example.org', 'josé@exämple.de', `${'a'.repeat(64)}@b.co`]) {
      expect(parseContext({ user: { email } }).user?.email).toBe(email);
    }
  });

  it('rejects attribute values that are not scalars, in the words of the contract', () => {
    const error = expectInvalid({ user: { attributes: { seats: [10] } } }, 'user.attributes.seats', 'type', 'must be a string, number, boolean or null');
    expect(error.message).toBe('user.attributes.seats must be a string, number, boolean or null (got an array)');
    expectInvalid({ user: { attributes: { nested: { a: 1 } } } }, 'user.attributes.nested', 'type', '(got an object)');
    expectInvalid({ user: { attributes: { since: new Date(0) } } }, 'user.attributes.since', 'type', '(got a Date)');
    expectInvalid({ user: { attributes: { n: Number.NaN } } }, 'user.attributes.n', 'type', 'must be a finite number (got NaN)');
    expectInvalid({ user: { attributes: { n: Number.POSITIVE_INFINITY } } }, 'user.attributes.n', 'type', 'must be a finite number (got Infinity)');
    expectInvalid({ user: { attributes: [] } }, 'user.attributes', 'type', 'must be a plain object (got an array)');
    expectInvalid({ user: { attributes: 'pro' } }, 'user.attributes', 'type', 'must be a plain object (got a string)');
  });

  it('rejects metadata values that are not scalars, naming odd keys in brackets', () => {
    expectInvalid({ metadata: { 'feature flags': ['a'] } }, 'metadata["feature flags"]', 'type', 'must be a string, number, boolean or null (got an array)');
    expectInvalid({ metadata: { 'a.b': {} } }, 'metadata["a.b"]', 'type', '(got an object)');
    expectInvalid({ metadata: { 0: new Map() } }, 'metadata["0"]', 'type', '(got a Map)');
    expectInvalid({ metadata: { fn: () => 1 } }, 'metadata.fn', 'type', '(got a function)');
    expectInvalid({ metadata: { big: BigInt(1) } }, 'metadata.big', 'type', '(got a bigint)');
    expectInvalid({ metadata: { sym: Symbol('x') } }, 'metadata.sym', 'type', '(got a symbol)');
    expectInvalid({ metadata: new Map([['a', 1]]) }, 'metadata', 'type', 'must be a plain object (got a Map)');
  });

  it('rejects empty and over-long keys', () => {
    expectInvalid({ metadata: { '': 1 } }, 'metadata[""]', 'length', 'is not allowed as a key: keys are 1 to 128 characters');
    expectInvalid({ user: { attributes: { ['k'.repeat(129)]: 1 } } }, `user.attributes.${'k'.repeat(129)}`, 'length', 'keys are 1 to 128 characters');
  });

  it.each([
    ['capacitor://localhost/settings', 'capacitor://localhost/settings'],
    ['app://./index.html#/billing', 'app://./index.html#/billing'],
    ['chrome-extension://abcdef/popup.html', 'chrome-extension://abcdef/popup.html'],
    ['tauri://localhost', 'tauri://localhost'],
    ['not a url', 'not a url'],
    ['/billing', '/billing'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['ftp://files.example.com/', 'ftp://files.example.com/'],
    ['capacitor://localhost/a\r\nb', 'capacitor://localhost/a b'],
  ])('keeps page.url = %j as text to show, never as a link (page.displayUrl)', (url, shown) => {
    const { context, dropped } = parseContextWithReport({ page: { url, title: 'Settings' } });
    expect(context.page).toEqual({ displayUrl: shown, title: 'Settings' });
    expect(context.page?.url).toBeUndefined();
    expect(dropped).toEqual([{ path: 'page.url', reason: 'format', action: 'kept_as_text' }]);
    // The result parses to itself: a relay server keeps the text as the browser sent it.
    expect(parseContext(context)).toEqual(context);
  });

  it.each(['https://user:secret@example.com/', 'https://user@example.com/', 'capacitor://me:pw@localhost/'])('removes page.url = %j: credentials are never shown', (url) => {
    const { context, dropped } = parseContextWithReport({ page: { url } });
    expect(context.page).toEqual({});
    expect(dropped).toEqual([{ path: 'page.url', reason: 'credentials', action: 'removed' }]);
  });

  it('still refuses a page.url of the wrong type', () => {
    expectInvalid({ page: { url: 42 } }, 'page.url', 'type', 'must be a string (got a number)');
  });

  it('rejects a bad page and page title', () => {
    expectInvalid({ page: 'https://example.com' }, 'page', 'type', 'must be a plain object (got a string)');
    expectInvalid({ page: { title: 7 } }, 'page.title', 'type', 'must be a string (got a number)');
  });

  it('drops a reason outside ESCALATION_REASONS (a word of the co-pilot\'s own), and refuses one that is not a string', () => {
    const { context, dropped } = parseContextWithReport({ reason: 'angry' });
    expect(context.reason).toBeUndefined();
    expect(dropped).toEqual([{ path: 'reason', reason: 'format', action: 'removed' }]);
    expectInvalid({ reason: 3 }, 'reason', 'enum', '(got a number)');
  });

  it('puts path and reason in details, which survive JSON (the relay sends errors that way)', () => {
    const error = thrown(() => parseContext({ messages: [{ role: 'bot', content: '' }] })) as EscalationError;
    expect(JSON.parse(JSON.stringify(error))).toStrictEqual({
      code: 'INVALID_CONTEXT',
      message: 'messages[0].role must be one of user, assistant, system (got "bot")',
      retryable: false,
      details: { path: 'messages[0].role', reason: 'enum' },
    });
  });

  it('turns a throwing getter into INVALID_CONTEXT instead of a crash', () => {
    const input = {
      get messages(): never {
        throw new TypeError('boom');
      },
    };
    const error = expectInvalid(input, '', 'unreadable', 'could not be read: boom');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('wraps even an EscalationError of another code thrown by a getter, so the code is always INVALID_CONTEXT', () => {
    const input = {
      get user(): never {
        throw new EscalationError('TIMEOUT', 'late');
      },
    };
    expectInvalid(input, '', 'unreadable', 'could not be read: late');
  });
});

describe('parseContext: prototype pollution', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects %s as a metadata key', (key) => {
    const input: unknown = JSON.parse(`{"metadata": {"ok": 1, "${key}": {"polluted": true}}}`);
    expectInvalid(input, `metadata.${key}`, 'forbidden_key', 'is not allowed as a key (it could reach an object prototype)');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects %s as a user.attributes key, even with a scalar value', (key) => {
    const input: unknown = JSON.parse(`{"user": {"attributes": {"${key}": "x"}}}`);
    expectInvalid(input, `user.attributes.${key}`, 'forbidden_key', 'is not allowed as a key');
  });

  it('drops __proto__ elsewhere, and never changes a prototype', () => {
    const input: unknown = JSON.parse(
      '{"__proto__": {"polluted": true, "reason": "billing"}, "messages": [{"role": "user", "content": "hi", "__proto__": {"polluted": true}}], "user": {"__proto__": {"polluted": true}}, "page": {"constructor": {"prototype": {"polluted": true}}}}',
    );
    const context = parseContext(input);
    expect(context).toStrictEqual({ conversationId: null, messages: [{ role: 'user', content: 'hi' }], user: {}, page: {} });
    for (const object of [context, context.messages[0], context.user, context.page]) {
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      expect((object as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(context.reason).toBeUndefined();
  });

  it('reads only own fields, so an already polluted Object.prototype supplies nothing', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.reason = 'billing';
    proto.messages = [{ role: 'system', content: 'injected' }];
    proto.email = 'attacker@evil.example';
    try {
      expect(parseContext({ user: {} })).toStrictEqual({ conversationId: null, messages: [], user: {} });
    } finally {
      delete proto.reason;
      delete proto.messages;
      delete proto.email;
    }
  });
});

/** `levels` nested arrays, built without recursion. */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

describe('parseContext: nesting', () => {
  it('rejects 100,000 nested arrays with a clear error, without overflowing the stack', () => {
    const error = expectInvalid({ messages: nestedArrays(100_000) }, 'messages[0][0][0][0][0][0][0]', 'limit', 'is nested 9 levels deep; the limit is 8 (maxDepth)');
    expect(error.details).toMatchObject({ limit: 'maxDepth', max: 8 });
  });

  it('rejects 100,000 nested objects in an unknown field: depth is checked before anything else', () => {
    let value: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) value = { a: value };
    expectInvalid({ extra: value, messages: 'not even an array' }, 'extra.a.a.a.a.a.a.a', 'limit', 'the limit is 8 (maxDepth)');
  });

  it('rejects a deep JSON document parsed from text', () => {
    const text = `{"metadata": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expectInvalid(JSON.parse(text), 'metadata[0][0][0][0][0][0][0]', 'limit', 'maxDepth');
  });

  it('accepts exactly maxDepth levels and rejects one more', () => {
    expect(parseContext({ extra: nestedArrays(7) })).toStrictEqual({ conversationId: null, messages: [] });
    expectInvalid({ extra: nestedArrays(8) }, 'extra[0][0][0][0][0][0][0]', 'limit', 'is nested 9 levels deep');
    expect(() => parseContext({ extra: nestedArrays(8) }, { maxDepth: 9 })).not.toThrow();
    expectInvalid({ extra: nestedArrays(3) }, 'extra[0][0]', 'limit', 'is nested 4 levels deep; the limit is 3 (maxDepth)', { maxDepth: 3 });
  });

  it('names a circular structure as such', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const error = expectInvalid({ metadata: loop }, 'metadata.self.self.self.self.self.self.self', 'circular', 'refers back to an object that contains it (circular structure)');
    expect(error.details.limit).toBeUndefined();
    const array: unknown[] = [];
    array.push(array);
    expectInvalid({ messages: array }, 'messages[0][0][0][0][0][0][0]', 'circular', 'circular structure');
  });

  it('walks shared references once per depth, so a wide graph of them cannot make it explode', () => {
    // 7 levels of 64 references each to the same next level: 64^6 paths, 7 distinct arrays.
    let level: unknown[] = [];
    for (let i = 0; i < 6; i++) level = new Array<unknown>(64).fill(level);
    // Were each path walked, this would not finish within the test timeout.
    expect(parseContext({ extra: level })).toStrictEqual({ conversationId: null, messages: [] });
  });
});

describe('parseContext: limits', () => {
  const message = (content = 'hi') => ({ role: 'user', content });

  it('has safe, frozen defaults', () => {
    expect(DEFAULT_CONTEXT_LIMITS).toStrictEqual({
      maxMessages: 10_000,
      maxMessageLength: 100_000,
      maxTotalLength: 2_000_000,
      maxMetadataKeys: 50,
      maxDepth: 8,
      maxStringLength: 8_192,
    });
    expect(Object.isFrozen(DEFAULT_CONTEXT_LIMITS)).toBe(true);
  });

  it('caps the number of messages (default 10,000)', () => {
    expect(parseContext({ messages: Array.from({ length: 10_000 }, () => message()) }).messages).toHaveLength(10_000);
    const error = expectInvalid({ messages: Array.from({ length: 10_001 }, () => message()) }, 'messages', 'limit', 'has 10001 items; the limit is 10000 (maxMessages)');
    expect(error.details).toStrictEqual({ path: 'messages', reason: 'limit', limit: 'maxMessages', max: 10_000 });
    expectInvalid({ messages: [message(), message(), message()] }, 'messages', 'limit', 'has 3 items; the limit is 2 (maxMessages)', { maxMessages: 2 });
    expect(parseContext({ messages: [] }, { maxMessages: 0 }).messages).toStrictEqual([]);
  });

  it('caps any other array in the input by maxMessages too', () => {
    expectInvalid({ extra: new Array(11).fill(0) }, 'extra', 'limit', 'has 11 items; the limit is 10 (maxMessages)', { maxMessages: 10 });
  });

  it('caps one message (default 100,000 characters), counting normalized line endings', () => {
    expect(parseContext({ messages: [message('x'.repeat(100_000))] }).messages[0]?.content).toHaveLength(100_000);
    expectInvalid({ messages: [message(), message('x'.repeat(100_001))] }, 'messages[1].content', 'limit', 'has 100001 characters; the limit is 100000 (maxMessageLength)');
    expect(parseContext({ messages: [message('ab\r\ncd')] }, { maxMessageLength: 5 }).messages[0]?.content).toBe('ab\ncd');
    expectInvalid({ messages: [message('abcdef')] }, 'messages[0].content', 'limit', 'the limit is 5 (maxMessageLength)', { maxMessageLength: 5 });
  });

  it('caps the total characters of all strings, naming where the total went over', () => {
    const messages = Array.from({ length: 25 }, () => message('x'.repeat(90_000))); // 2,250,000
    const error = expectInvalid({ messages }, 'messages[22].content', 'limit', 'brings the context to 2070000 characters; the limit is 2000000 (maxTotalLength)');
    expect(error.details).toMatchObject({ limit: 'maxTotalLength', max: 2_000_000 });
    expectInvalid({ conversationId: 'abc', metadata: { key: 'value' } }, 'metadata.key', 'limit', 'the limit is 7 (maxTotalLength)', { maxTotalLength: 7 });
    expect(() => parseContext({ conversationId: 'abc', metadata: { key: 'val' } }, { maxTotalLength: 9 })).not.toThrow();
  });

  it('caps the keys of metadata and, separately, of user.attributes (default 50)', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const fiftyOne = { ...fifty, k50: 50 };
    expect(Object.keys(parseContext({ metadata: fifty, user: { attributes: fifty } }).metadata ?? {})).toHaveLength(50);
    expectInvalid({ metadata: fiftyOne }, 'metadata', 'limit', 'has 51 keys; the limit is 50 (maxMetadataKeys)');
    expectInvalid({ user: { attributes: fiftyOne } }, 'user.attributes', 'limit', 'has 51 keys; the limit is 50 (maxMetadataKeys)');
    expectInvalid({ metadata: { a: 1, b: 2 } }, 'metadata', 'limit', 'the limit is 1 (maxMetadataKeys)', { maxMetadataKeys: 1 });
  });

  it('caps page strings and record string values by maxStringLength (default 8,192)', () => {
    const long = 'x'.repeat(8_193);
    expect(parseContext({ metadata: { a: 'x'.repeat(8_192) } }).metadata?.a).toHaveLength(8_192);
    expectInvalid({ metadata: { a: long } }, 'metadata.a', 'limit', 'has 8193 characters; the limit is 8192 (maxStringLength)');
    expectInvalid({ user: { attributes: { a: long } } }, 'user.attributes.a', 'limit', 'maxStringLength');
    expectInvalid({ page: { title: long } }, 'page.title', 'limit', 'maxStringLength');
    expectInvalid({ page: { url: `https://example.com/${long}` } }, 'page.url', 'limit', 'maxStringLength');
    expectInvalid({ page: { title: 'abcdef' } }, 'page.title', 'limit', 'the limit is 5 (maxStringLength)', { maxStringLength: 5 });
  });

  it('measures a URL after normalization, so the result always parses again', () => {
    const url = `https://example.com/${' '.repeat(30)}`; // 50 characters, 110 once spaces are %20
    expectInvalid({ page: { url: `${url}x` } }, 'page.url', 'limit', 'has 111 characters; the limit is 100 (maxStringLength)', { maxStringLength: 100 });
  });

  it('refuses invalid limits with a CONFIGURATION error', () => {
    for (const limits of [
      { maxMessages: -1 },
      { maxMessageLength: 1.5 },
      { maxTotalLength: Number.NaN },
      { maxMetadataKeys: Number.POSITIVE_INFINITY },
      { maxStringLength: '100' },
      { maxDepth: 2 },
      { maxMessage: 10 },
    ]) {
      const error = thrown(() => parseContext({}, limits as Partial<ContextLimits>)) as EscalationError;
      expect(error).toBeInstanceOf(EscalationError);
      expect(error.code).toBe('CONFIGURATION');
    }
    expect(() => parseContext({}, { maxDepth: 2 })).toThrow('Context limit maxDepth must be an integer of at least 3, got 2');
    expect(() => parseContext({}, { maxMessage: 10 } as Partial<ContextLimits>)).toThrow('Unknown context limit "maxMessage"');
    expect(() => parseContext({}, null as unknown as Partial<ContextLimits>)).toThrow('Context limits must be an object');
  });

  it('resolves limits once: the result is frozen, and passed back it is the same object, not checked again', () => {
    const resolved = resolveContextLimits({ maxMessages: 2 });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveContextLimits(resolved)).toBe(resolved);
    expect(resolveContextLimits(DEFAULT_CONTEXT_LIMITS)).toBe(DEFAULT_CONTEXT_LIMITS);
    expectInvalid({ messages: [message(), message(), message()] }, 'messages', 'limit', 'the limit is 2 (maxMessages)', resolved);
    // A copy is a new object: checked like any other.
    expect(() => parseContext({}, { ...resolved, maxDepth: 2 })).toThrow('Context limit maxDepth must be an integer of at least 3, got 2');
  });

  it('checks the limits before the input, so a bad configuration is never reported as bad input', () => {
    const error = thrown(() => parseContext('not a context', { maxDepth: -1 })) as EscalationError;
    expect(error.code).toBe('CONFIGURATION');
  });

  it('parses 10,000 messages (the default maxMessages) and keeps them all in order', () => {
    const input: unknown = JSON.parse(
      JSON.stringify({
        conversationId: 'c',
        messages: Array.from({ length: 10_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `message ${i} `.repeat(10), id: `m${i}` })),
        user: { email: 'a@b.co', locale: 'en-US', timeZone: 'Europe/Paris' },
      }),
    );
    // Speed is measured by `pnpm bench`, not here.
    const parsed = parseContext(input);
    expect(parsed.messages).toHaveLength(10_000);
    expect(parsed.messages[9_999]).toEqual({ role: 'assistant', content: 'message 9999 '.repeat(10) });
  });
});

describe('parseContext: lone surrogates', () => {
  it('replaces half an emoji with U+FFFD and keeps whole ones', () => {
    const parsed = parseContext({ messages: [{ role: 'user', content: 'cut \uD83D here, whole \uD83D\uDE00, stray \uDE00' }] });
    expect(parsed.messages[0]!.content).toBe('cut \uFFFD here, whole \uD83D\uDE00, stray \uFFFD');
    expect(() => encodeURIComponent(parsed.messages[0]!.content)).not.toThrow();
  });
});
