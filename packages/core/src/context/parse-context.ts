import { isEscalationError } from '../errors';
import { parseCopilotActivity } from './actions';
import { checkDepth } from './depth';
import { describe, invalidContext, isArray, isPlainObject, joinIndex, joinKey, overLimit, own, ownKeys, show } from './issue';
import { resolveContextLimits, type ContextLimits } from './limits';
import { recordDropped, type DroppedValue } from './report';
import {
  ESCALATION_REASONS,
  type ChatMessage,
  type ChatRole,
  type EscalationContext,
  type EscalationReason,
  type EscalationUser,
  type Scalar,
} from './types';

const ROLES: readonly ChatRole[] = ['user', 'assistant', 'system'];

/** Fixed bounds of the identity fields, in characters (after trimming). */
const MAX_CONVERSATION_ID = 200;
const USER_FIELDS = [
  ['id', 256],
  ['name', 256],
  ['email', 254], // RFC 5321's path limit
  ['plan', 128],
  ['role', 128],
  ['locale', 128],
  ['timeZone', 64],
] as const satisfies readonly (readonly [keyof EscalationUser, number])[];
const MAX_KEY_LENGTH = 128;

/** Keys that would reach an object's prototype in code that merges records naively. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A shape check, not RFC 5322: one `@`, no spaces or brackets, a dot in the domain. Linear: the classes exclude the separators. */
const EMAIL = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]{1,64}@(?:[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f.]+\.)+[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f.]+$/;
/**
 * RFC 3339 date-time: ISO 8601 with a time-zone designator, so no local-time ambiguity. The
 * pattern bounds every field (month 01-12, day 01-31, hour 00-23, minute and second 00-59,
 * offset up to 23:59), so only the day of the month is left to check (`isRealDay`).
 */
const DATE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Validates untrusted input (a browser's POST to the relay, a message from another frame,
 * an app's own object) and returns a new {@link EscalationContext} built only from the known
 * fields. Unknown fields are dropped; nothing of the input object is reused or mutated.
 *
 * Strict on the conversation, lenient on what the app adds. Over a rule of the conversation or
 * of the shape: `EscalationError('INVALID_CONTEXT')` whose message starts with the path, e.g.
 * `messages[3].role must be one of user, assistant, system (got "bot")`, and whose `details` is
 * a `ContextIssue`:
 * - the input is a plain object; nesting is checked first, without recursion (`maxDepth`);
 * - `conversationId`: a string of 1 to 200 characters, or `null` (absent: `null`);
 * - `messages`: an array (absent: `[]`) of `{ role, content, createdAt? }`; `role` is one of
 *   `user`, `assistant`, `system`; `content` a string; `createdAt` an RFC 3339 date-time
 *   (`2026-05-04T09:30:00Z`, `…+02:00`; a time-zone designator is required) of a real date;
 * - `user.id` a string of at most 256 characters; every field has its type (a string, an object);
 * - `metadata` and `user.attributes`: plain objects of strings, finite numbers, booleans and
 *   `null`; keys are 1 to 128 characters and never `__proto__`, `constructor` or `prototype`;
 * - the size limits (`ContextLimits`).
 *
 * An optional value that cannot be used as given never blocks the escalation: it is reported in
 * `dropped` ({@link parseContextWithReport}, `droppedFrom`) and
 * - `page.url` that is not an absolute http(s) URL (`capacitor://localhost/...`, a browser
 *   extension page) moves to `page.displayUrl`: shown as text, never linked; one with a user
 *   name or password is removed;
 * - `user.email` that does not look like an address a provider takes (no dot in the domain as in
 *   `ops@localhost`, a line break), or over 254 characters, is removed: adapters that need it
 *   fail with `INVALID_CONTEXT` naming `user.email`, and the fallback takes over;
 * - `user.name`, `plan`, `role` and `page.title` with control characters (CR, LF, tab, ...) are
 *   cleaned (each run becomes a space); over their bound (256, 128, 128) they are removed;
 * - `user.locale` that is not a BCP 47 tag, `user.timeZone` that is not an IANA zone, and a
 *   `reason` outside `ESCALATION_REASONS` are removed.
 *
 * Normalization (so that parsing the result again gives an equal value):
 * - message content is kept as is except line endings (`\r\n` and `\r` become `\n`) and lone
 *   surrogates (half an emoji, which `encodeURIComponent` and many providers reject), which
 *   become U+FFFD;
 * - `conversationId`, the `user` strings and the `page` strings are trimmed; an optional string
 *   that is empty after trimming counts as absent, and so does `null` for any optional field;
 * - `locale` becomes its canonical form (`en-us` → `en-US`), `timeZone` the zone's canonical
 *   IANA name (`utc` → `UTC`), `page.url` its WHATWG serialization (`https://example.com/a%20b`);
 * - `-0` becomes `0`; `undefined` record values are left out, as `JSON.stringify` would.
 *
 * Limits default to `DEFAULT_CONTEXT_LIMITS`; the lengths they bound are of the
 * normalized strings. Invalid limits throw `EscalationError('CONFIGURATION')`.
 * It runs in one pass over the known fields after the depth check, without JSON round trips.
 */
export function parseContext(input: unknown, limits?: Partial<ContextLimits>): EscalationContext {
  return parseContextWithReport(input, limits).context;
}

/** What {@link parseContextWithReport} returns. */
export interface ParsedContext {
  /** The valid context, as `parseContext` returns it. */
  context: EscalationContext;
  /** The optional values that were dropped, kept as text or cleaned, in input order (empty when none). */
  dropped: DroppedValue[];
}

/**
 * {@link parseContext}, also saying which optional values it could not use as given. The same
 * list is recorded for the returned context object (`droppedFrom(context)`), so
 * `registry.escalate` reports it on the result and in `escalation:start` for analytics.
 */
export function parseContextWithReport(input: unknown, limits?: Partial<ContextLimits>): ParsedContext {
  const resolved = resolveContextLimits(limits);
  try {
    checkDepth(input, resolved);
    const parser = new ContextParser(resolved);
    const context = parser.context(input);
    recordDropped(context, parser.dropped);
    return { context, dropped: parser.dropped };
  } catch (error) {
    if (isEscalationError(error) && error.code === 'INVALID_CONTEXT') throw error;
    // A getter or a proxy in an in-process input threw: still a typed error, never a crash.
    const detail = error instanceof Error ? `: ${error.message}` : '';
    throw invalidContext({ path: '', reason: 'unreadable' }, `could not be read${detail}`, error);
  }
}

class ContextParser {
  /** Characters of all strings kept so far (normalized values and record keys). */
  private total = 0;
  /** Optional values that could not be used as given (see {@link DroppedValue}). */
  readonly dropped: DroppedValue[] = [];

  constructor(private readonly limits: ContextLimits) {}

  context(input: unknown): EscalationContext {
    const root = this.object(input, '');
    const context: EscalationContext = {
      conversationId: this.conversationId(own(root, 'conversationId')),
      messages: this.messages(own(root, 'messages')),
    };
    const user = own(root, 'user');
    if (user != null) context.user = this.user(user);
    const page = own(root, 'page');
    if (page != null) context.page = this.page(page);
    const reason = own(root, 'reason');
    if (reason != null) {
      // An unknown reason (a co-pilot's own word) costs nothing but the tag: the escalation goes ahead.
      if (isOneOf(reason, ESCALATION_REASONS)) context.reason = reason;
      else if (typeof reason === 'string') this.drop('reason', 'format', 'removed');
      else throw notOneOf(reason, 'reason', ESCALATION_REASONS);
    }
    const metadata = own(root, 'metadata');
    if (metadata != null) context.metadata = this.record(metadata, 'metadata');
    const copilot = own(root, 'copilot');
    if (copilot != null) context.copilot = parseCopilotActivity(copilot, (length, path) => this.count(length, path));
    return context;
  }

  private count(length: number, path: string): void {
    this.total += length;
    if (this.total > this.limits.maxTotalLength) throw this.overTotal(path);
  }

  /** Over `maxTotalLength`; hot loops build `path` only when this is thrown. */
  private overTotal(path: string) {
    return overLimit(path, 'maxTotalLength', this.limits.maxTotalLength, `brings the context to ${this.total} characters`);
  }

  private object(value: unknown, path: string): Record<string, unknown> {
    if (!isPlainObject(value)) {
      throw invalidContext({ path, reason: 'type' }, `must be a plain object (got ${describe(value)})`);
    }
    return value;
  }

  private conversationId(value: unknown): string | null {
    if (value == null) return null;
    if (typeof value !== 'string') {
      throw invalidContext({ path: 'conversationId', reason: 'type' }, `must be a string or null (got ${describe(value)})`);
    }
    const id = value.trim();
    if (id.length === 0 || id.length > MAX_CONVERSATION_ID) {
      throw invalidContext(
        { path: 'conversationId', reason: 'length' },
        `must be 1 to ${MAX_CONVERSATION_ID} characters after trimming (got ${id.length})`,
      );
    }
    this.count(id.length, 'conversationId');
    return id;
  }

  private messages(value: unknown): ChatMessage[] {
    if (value == null) return [];
    if (!isArray(value)) {
      throw invalidContext({ path: 'messages', reason: 'type' }, `must be an array (got ${describe(value)})`);
    }
    const { maxMessages, maxMessageLength, maxTotalLength } = this.limits;
    if (value.length > maxMessages) throw overLimit('messages', 'maxMessages', maxMessages, `has ${value.length} items`);
    const messages: ChatMessage[] = [];
    for (let i = 0; i < value.length; i++) {
      const raw: unknown = value[i];
      if (!isPlainObject(raw)) {
        throw invalidContext({ path: joinIndex('messages', i), reason: 'type' }, `must be a plain object (got ${describe(raw)})`);
      }
      // Paths are built only for an error: this loop runs for every message.
      const role = own(raw, 'role');
      if (!isOneOf(role, ROLES)) throw notOneOf(role, `messages[${i}].role`, ROLES);
      const text = own(raw, 'content');
      if (typeof text !== 'string') {
        throw invalidContext({ path: `messages[${i}].content`, reason: 'type' }, `must be a string (got ${describe(text)})`);
      }
      const content = wellFormed(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
      if (content.length > maxMessageLength) {
        throw overLimit(`messages[${i}].content`, 'maxMessageLength', maxMessageLength, `has ${content.length} characters`);
      }
      if ((this.total += content.length) > maxTotalLength) throw this.overTotal(`messages[${i}].content`);
      const message: ChatMessage = { role, content };
      const createdAt = own(raw, 'createdAt');
      if (createdAt != null) message.createdAt = this.createdAt(createdAt, i);
      messages.push(message);
    }
    return messages;
  }

  /** `messages[index].createdAt`. */
  private createdAt(value: unknown, index: number): string {
    if (typeof value !== 'string') {
      throw invalidContext({ path: `messages[${index}].createdAt`, reason: 'type' }, `must be an ISO 8601 date-time string (got ${describe(value)})`);
    }
    // Every string the pattern and the day check accept is one Date.parse reads (a test checks it).
    if (value.length > 40 || !DATE_TIME.test(value) || !isRealDay(value)) {
      throw invalidContext(
        { path: `messages[${index}].createdAt`, reason: 'format' },
        `must be an ISO 8601 date-time with a time zone, like 2026-05-04T09:30:00Z (got ${show(value)})`,
      );
    }
    if ((this.total += value.length) > this.limits.maxTotalLength) throw this.overTotal(`messages[${index}].createdAt`);
    return value;
  }

  private oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (!isOneOf(value, allowed)) throw notOneOf(value, path, allowed);
    return value;
  }

  /** A trimmed optional string; `undefined` when absent, `null` or blank. */
  private optionalString(value: unknown, path: string): string | undefined {
    if (value == null) return undefined;
    if (typeof value !== 'string') {
      throw invalidContext({ path, reason: 'type' }, `must be a string (got ${describe(value)})`);
    }
    const text = value.trim();
    return text.length === 0 ? undefined : text;
  }

  private user(value: unknown): EscalationUser {
    const raw = this.object(value, 'user');
    const user: EscalationUser = {};
    for (const [field, max] of USER_FIELDS) {
      const path = `user.${field}`;
      let text = this.optionalString(own(raw, field), path);
      if (text === undefined) continue;
      if (field === 'id') {
        // The app's own id stays strict: it identifies the user, and nothing else stands in for it.
        if (text.length > max) throw tooLong(path, max, text.length);
      } else {
        // Lenient on what the app adds: a value the providers cannot use never blocks the escalation.
        if (text.length > max) {
          this.drop(path, 'length', 'removed');
          continue;
        }
        if (CONTROL.test(text)) {
          // An address with a line break could end up in a header: never cleaned, always dropped.
          if (field === 'email' || field === 'locale' || field === 'timeZone') {
            this.drop(path, 'control_characters', 'removed');
            continue;
          }
          text = clean(text);
          this.drop(path, 'control_characters', 'cleaned');
          if (text === '') continue;
        }
        if (field === 'email' && !EMAIL.test(text)) {
          this.drop(path, 'format', 'removed');
          continue;
        }
        if (field === 'locale' || field === 'timeZone') {
          const canonical = field === 'locale' ? canonicalLocale(text) : canonicalTimeZone(text);
          if (canonical === null || canonical.length > max) {
            this.drop(path, 'format', 'removed');
            continue;
          }
          text = canonical;
        }
      }
      this.count(text.length, path);
      user[field] = text;
    }
    const attributes = own(raw, 'attributes');
    if (attributes != null) user.attributes = this.record(attributes, 'user.attributes');
    return user;
  }

  private page(value: unknown): NonNullable<EscalationContext['page']> {
    const raw = this.object(value, 'page');
    const page: NonNullable<EscalationContext['page']> = {};
    const url = this.optionalString(own(raw, 'url'), 'page.url');
    let displayUrl = this.optionalString(own(raw, 'displayUrl'), 'page.displayUrl');
    if (url !== undefined) {
      this.checkStringLimit(url.length, 'page.url');
      const checked = httpUrl(url);
      if (checked === CREDENTIALS) {
        // A user name or password would be copied into a support tool: dropped, never shown.
        this.drop('page.url', 'credentials', 'removed');
      } else if (checked === OTHER) {
        // An app scheme (capacitor://, app://, chrome-extension://) or no URL at all: shown as text, never linked.
        this.drop('page.url', 'format', 'kept_as_text');
        displayUrl ??= url;
      } else {
        this.checkStringLimit(checked.length, 'page.url');
        this.count(checked.length, 'page.url');
        page.url = checked;
      }
    }
    if (displayUrl !== undefined) {
      const text = clean(displayUrl);
      if (text !== '') {
        this.checkStringLimit(text.length, 'page.displayUrl');
        this.count(text.length, 'page.displayUrl');
        page.displayUrl = text;
      }
    }
    let title = this.optionalString(own(raw, 'title'), 'page.title');
    if (title !== undefined && CONTROL.test(title)) {
      title = clean(title);
      this.drop('page.title', 'control_characters', 'cleaned');
    }
    if (title !== undefined && title !== '') {
      this.checkStringLimit(title.length, 'page.title');
      this.count(title.length, 'page.title');
      page.title = title;
    }
    return page;
  }

  private drop(path: string, reason: DroppedValue['reason'], action: DroppedValue['action']): void {
    this.dropped.push({ path, reason, action });
  }

  private record(value: unknown, path: string): Record<string, Scalar> {
    const raw = this.object(value, path);
    const keys = ownKeys(raw);
    const { maxMetadataKeys } = this.limits;
    if (keys.length > maxMetadataKeys) throw overLimit(path, 'maxMetadataKeys', maxMetadataKeys, `has ${keys.length} keys`);
    const record: Record<string, Scalar> = {};
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw invalidContext({ path: joinKey(path, key), reason: 'forbidden_key' }, 'is not allowed as a key (it could reach an object prototype)');
      }
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
        throw invalidContext({ path: joinKey(path, key), reason: 'length' }, `is not allowed as a key: keys are 1 to ${MAX_KEY_LENGTH} characters`);
      }
      const item = raw[key];
      if (item === undefined) continue;
      record[key] = this.scalar(item, path, key);
      if ((this.total += key.length) > this.limits.maxTotalLength) throw this.overTotal(joinKey(path, key));
    }
    return record;
  }

  /** The value at `record[key]`; its path is built only for an error. */
  private scalar(value: unknown, record: string, key: string): Scalar {
    switch (typeof value) {
      case 'string':
        if (value.length > this.limits.maxStringLength) this.checkStringLimit(value.length, joinKey(record, key));
        if ((this.total += value.length) > this.limits.maxTotalLength) throw this.overTotal(joinKey(record, key));
        return value;
      case 'number':
        if (!Number.isFinite(value)) throw invalidContext({ path: joinKey(record, key), reason: 'type' }, `must be a finite number (got ${describe(value)})`);
        return value === 0 ? 0 : value; // -0 does not survive JSON
      case 'boolean':
        return value;
      default:
        if (value === null) return null;
        throw invalidContext({ path: joinKey(record, key), reason: 'type' }, `must be a string, number, boolean or null (got ${describe(value)})`);
    }
  }

  private checkStringLimit(length: number, path: string): void {
    const { maxStringLength } = this.limits;
    if (length > maxStringLength) throw overLimit(path, 'maxStringLength', maxStringLength, `has ${length} characters`);
  }
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function notOneOf(value: unknown, path: string, allowed: readonly string[]) {
  return invalidContext({ path, reason: 'enum' }, `must be one of ${allowed.join(', ')} (got ${show(value)})`);
}

function tooLong(path: string, max: number, length: number) {
  return invalidContext({ path, reason: 'length' }, `must be at most ${max} characters (got ${length})`);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number (the pattern guarantees they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/** The day exists in its month (`Date.parse` accepts February 30): `YYYY-MM-DD` at fixed positions. */
function isRealDay(text: string): boolean {
  const day = twoDigits(text, 8);
  if (day <= 28) return true;
  const month = twoDigits(text, 5);
  if (month !== 2) return day <= DAYS_IN_MONTH[month - 1]!;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const CREDENTIALS = Symbol('credentials');
const OTHER = Symbol('other');

/**
 * The WHATWG serialization of an absolute http(s) URL; {@link CREDENTIALS} when it carries a
 * user name or password, {@link OTHER} for anything else (another scheme, not a URL).
 */
function httpUrl(text: string): string | typeof CREDENTIALS | typeof OTHER {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return OTHER;
  }
  if (url.username !== '' || url.password !== '') return CREDENTIALS;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return OTHER;
  return url.href;
}

/** C0 and C1 control characters (CR, LF, tab, NUL, ...) and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Control characters become one space; the result is trimmed. */
function clean(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Small caches: a relay sees the same few locales and zones over and over, and `Intl` constructors are not free. */
const localeCache = new Map<string, string | null>();
const timeZoneCache = new Map<string, string | null>();

function cached(cache: Map<string, string | null>, key: string, compute: () => string | null): string | null {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 256) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}

function canonicalLocale(tag: string): string | null {
  return cached(localeCache, tag, () => {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? null;
    } catch {
      return null;
    }
  });
}

function canonicalTimeZone(zone: string): string | null {
  return cached(timeZoneCache, zone, () => {
    // Names only: newer engines also accept offsets like "+01:00", which are not IANA zones.
    if (!/^[A-Za-z]/.test(zone)) return null;
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      return null;
    }
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates with U+FFFD (what `String.prototype.toWellFormed` does, ES2024). */
function wellFormed(text: string): string {
  return (text as string & { isWellFormed?(): boolean }).isWellFormed?.() === false ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}
