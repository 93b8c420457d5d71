import { EscalationError } from '../errors';

/**
 * Size bounds that `parseContext` enforces on untrusted input. Going over one is an
 * `INVALID_CONTEXT` error that names the path and the limit (`details.reason: 'limit'`,
 * `details.limit`, `details.max`), so a server can answer 413 instead of 400.
 */
export interface ContextLimits {
  /**
   * Most messages in `messages`. Also caps the length of any other array in the input.
   * @defaultValue `10_000`
   */
  maxMessages: number;
  /**
   * Most characters (UTF-16 units) in one message's `content`.
   * @defaultValue `100_000`
   */
  maxMessageLength: number;
  /**
   * Most characters of all strings of the context together (values and record keys).
   * @defaultValue `2_000_000`
   */
  maxTotalLength: number;
  /**
   * Most keys in `metadata`, and separately in `user.attributes`.
   * @defaultValue `50`
   */
  maxMetadataKeys: number;
  /**
   * Deepest nesting of objects and arrays in the raw input, the input itself being level 1.
   * A context needs 3 (`messages[0]` is an object in an array in an object), so at least 3.
   * @defaultValue `8`
   */
  maxDepth: number;
  /**
   * Most characters in `page.url`, `page.title` and each string value of `metadata` and
   * `user.attributes`. (Identity fields have fixed bounds, see `parseContext`.)
   * @defaultValue `8_192`
   */
  maxStringLength: number;
}

/**
 * The limits used when none are given. They bound what one relay request can cost (at most
 * about 4 MB of strings) while leaving room for real conversations: 10,000 messages is far
 * beyond a support chat, and 100,000 characters fits a pasted stack trace or config file.
 * A bigger paste is rejected by the server relay unless the app raises `maxMessageLength`;
 * `fromPillarChat` (the browser path) does not apply the conversation-size limits,
 * and adapters must handle long messages whatever these limits say.
 */
export const DEFAULT_CONTEXT_LIMITS: Readonly<ContextLimits> = Object.freeze({
  maxMessages: 10_000,
  maxMessageLength: 100_000,
  maxTotalLength: 2_000_000,
  maxMetadataKeys: 50,
  maxDepth: 8,
  maxStringLength: 8_192,
});

const LIMIT_NAMES = Object.keys(DEFAULT_CONTEXT_LIMITS) as (keyof ContextLimits)[];

/** What resolveContextLimits returned (frozen, so still valid): passed back, it is used as is. */
const resolvedLimits = new WeakSet<object>([DEFAULT_CONTEXT_LIMITS]);

/**
 * Merges `limits` over {@link DEFAULT_CONTEXT_LIMITS} and checks them: each must be a
 * non-negative safe integer (`maxDepth` at least 3) and unknown names are refused, so a typo
 * cannot silently leave a default in place. Throws `EscalationError('CONFIGURATION')`.
 * Servers can call it once at startup and pass the result to every `parseContext`: the result
 * is frozen, and passed back in it is used without checking it again.
 */
export function resolveContextLimits(limits?: Partial<ContextLimits>): ContextLimits {
  if (limits === undefined) return DEFAULT_CONTEXT_LIMITS;
  // A server resolves once at startup and passes the result to every parseContext call.
  if (resolvedLimits.has(limits)) return limits as ContextLimits;
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits)) {
    throw new EscalationError('CONFIGURATION', 'Context limits must be an object');
  }
  for (const name of Object.keys(limits)) {
    if (!(LIMIT_NAMES as string[]).includes(name)) {
      throw new EscalationError('CONFIGURATION', `Unknown context limit "${name}"; known limits are ${LIMIT_NAMES.join(', ')}`);
    }
  }
  const resolved = { ...DEFAULT_CONTEXT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const value = limits[name];
    if (value === undefined) continue;
    const min = name === 'maxDepth' ? 3 : 0;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      throw new EscalationError(
        'CONFIGURATION',
        `Context limit ${name} must be an integer of at least ${min}, got ${String(value)}`,
      );
    }
    resolved[name] = value;
  }
  const frozen = Object.freeze(resolved);
  resolvedLimits.add(frozen);
  return frozen;
}
