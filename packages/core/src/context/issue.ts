import { EscalationError } from '../errors';
import type { ContextLimits } from './limits';

/**
 * What was wrong with a context, as `details.reason` of an `INVALID_CONTEXT` error:
 * - `type`: a value of the wrong type (a number for a string, an array for an object, a `Date`, ...)
 * - `enum`: a value outside a fixed set (`role`, `reason`)
 * - `format`: a string of the wrong shape (email, URL, date-time, locale, time zone)
 * - `length`: a string outside a fixed bound (`conversationId`, identity fields, record keys)
 * - `limit`: over one of the {@link ContextLimits} (`details.limit` names it, `details.max` gives it)
 * - `forbidden_key`: `__proto__`, `constructor` or `prototype` as a key of `metadata` or `user.attributes`
 * - `circular`: an object that contains itself
 * - `unreadable`: reading the input threw (a getter or a proxy)
 */
export type ContextIssueReason =
  | 'type'
  | 'enum'
  | 'format'
  | 'length'
  | 'limit'
  | 'forbidden_key'
  | 'circular'
  | 'unreadable';

/** `details` of an `INVALID_CONTEXT` error. */
export interface ContextIssue {
  /** Where in the context, e.g. `messages[3].role` or `user.attributes.seats`; `''` for the whole input. */
  path: string;
  /** What kind of problem it is (see {@link ContextIssueReason}); the server relay answers 413 for `limit`, 400 otherwise. */
  reason: ContextIssueReason;
  /** The limit that was exceeded, when `reason` is `limit`. */
  limit?: keyof ContextLimits;
  /** Its value. */
  max?: number;
}

/** The error `parseContext` throws; the message starts with the path, or "context". */
export function invalidContext(issue: ContextIssue, problem: string, cause?: unknown): EscalationError {
  const subject = issue.path === '' ? 'context' : issue.path;
  return new EscalationError('INVALID_CONTEXT', `${subject} ${problem}`, {
    details: { ...issue },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Over a limit: names the path, the limit and its value. */
export function overLimit(path: string, limit: keyof ContextLimits, max: number, problem: string): EscalationError {
  return invalidContext({ path, reason: 'limit', limit, max }, `${problem}; the limit is ${max} (${limit})`);
}

/**
 * Intrinsics captured once: a global lookup is slow inside sandboxes (`vm`, Jest), and later
 * monkey-patching of `Object` or `Array` cannot change how input is read.
 */
export const isArray: (value: unknown) => value is unknown[] = Array.isArray;
export const ownKeys: (object: object) => string[] = Object.keys;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwnProperty = Object.prototype.hasOwnProperty;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `path.key`, or `path["odd key"]` when the key is not an identifier. */
export function joinKey(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function joinIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

/**
 * A plain object: `{}`, `Object.create(null)`, or one from another realm (an iframe), whose
 * prototype's prototype is null. Class instances, `Date`, `Map`, arrays and the like are not.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || isArray(value)) return false;
  const proto: unknown = getPrototypeOf(value);
  return proto === null || getPrototypeOf(proto) === null;
}

/** Reads an own property only, so a polluted `Object.prototype` cannot supply a field. */
export function own(object: Record<string, unknown>, key: string): unknown {
  return hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** "a string", "an array", "a Date", "null", ... for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') {
    if (isPlainObject(value)) return 'an object';
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? withArticle(name) : 'an object';
  }
  return withArticle(typeof value);
}

function withArticle(noun: string): string {
  return /^[aeiouAEIOU]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Like {@link describe}, but shows short strings, e.g. `"bot"` (escaped, at most 40 characters). */
export function show(value: unknown): string {
  if (typeof value !== 'string') return describe(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
