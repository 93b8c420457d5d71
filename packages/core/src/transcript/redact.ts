import type { CopilotActivity } from '../context/actions';
import type { EscalationContext, Scalar } from '../context/types';
import { EscalationError } from '../errors';

/** Masks sensitive text. Must be idempotent: redacting twice equals redacting once. */
export type Redactor = (text: string) => string;

/** What a rule puts in place of a match: a `String.prototype.replace` string or function. */
export type RedactionReplacement = string | ((match: string, offset: number, input: string) => string);

/** One line of the redaction table. */
export interface RedactionRule {
  /** Short, human name (shown in the docs table). */
  readonly name: string;
  /**
   * A cheap test that is true whenever `pattern` could match (false positives are fine).
   * Looking for literals is far cheaper than running a pattern, and most text holds no secret.
   */
  readonly mayMatch?: (text: string) => boolean;
  /** Searched with the `g` flag; written so it cannot backtrack catastrophically. */
  readonly pattern: RegExp;
  /** What replaces each match, e.g. `'[redacted AWS access key id]'`; must not match `pattern` again. */
  readonly replacement: RedactionReplacement;
}

// Each token pattern starts with a look-behind that forbids starting inside a run of the
// characters the token is made of: every attempt then starts at the beginning of a run, so a
// megabyte of near-misses is scanned a bounded number of times instead of once per position.

/**
 * A test for any of the literals. Each is first looked up by its rarest-looking character
 * (punctuation, then capitals): `includes('J')` skips most text much faster than `includes('eyJ')`.
 */
export function containsAny(...literals: string[]): (text: string) => boolean {
  const probes = literals.map((literal) => {
    const rare = [...literal].find((c) => !/[a-z0-9 ]/.test(c)) ?? literal.charAt(0);
    return { rare, literal };
  });
  return (text) => {
    for (const probe of probes) if (text.includes(probe.rare) && text.includes(probe.literal)) return true;
    return false;
  };
}

/** Well-known secret formats, masked whole. */
export const SECRET_RULES: readonly RedactionRule[] = [
  {
    name: 'private key block',
    mayMatch: containsAny('-----BEGIN '),
    // Up to the END line, or to the end of the text when the paste was cut short.
    pattern:
      /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replacement: '[redacted private key]',
  },
  {
    name: 'Stripe secret or restricted key',
    mayMatch: containsAny('_live_', '_test_'),
    pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/g,
    replacement: (match) => `[redacted Stripe key ${match.slice(0, 8)}…]`,
  },
  {
    name: 'AWS access key id',
    mayMatch: containsAny('AKIA', 'ASIA'),
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
    replacement: '[redacted AWS access key id]',
  },
  {
    name: 'GitHub token',
    mayMatch: containsAny('_'),
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{20,})/g,
    replacement: '[redacted GitHub token]',
  },
  {
    name: 'JSON Web Token',
    mayMatch: containsAny('eyJ'),
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
    replacement: '[redacted JWT]',
  },
  {
    name: 'Slack token',
    mayMatch: containsAny('xox'),
    pattern: /(?<![A-Za-z0-9_-])xox[baprs]-[A-Za-z0-9-]{10,}/g,
    replacement: '[redacted Slack token]',
  },
];

/** True when the digits pass the Luhn checksum (every payment card number does). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const CARD_MIN = 13;
const CARD_MAX = 19;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A character a card number can be written with: a digit, a space or a dash. */
function isCardChar(code: number): boolean {
  return isDigit(code) || code === 32 || code === 45;
}

/**
 * True when the text may hold a card number: 13+ digits in a run. A run that long covers at
 * least 13 characters, so looking at every 13th character finds every one of them; only where
 * that character is a digit, space or dash is its stretch examined. About one look in 13
 * characters, where a pattern would look at every one.
 */
function mayHoldCard(text: string): boolean {
  const n = text.length;
  let p = CARD_MIN - 1;
  while (p < n) {
    if (!isCardChar(text.charCodeAt(p))) {
      p += CARD_MIN;
      continue;
    }
    let start = p;
    while (start > 0 && isCardChar(text.charCodeAt(start - 1))) start--;
    let end = p + 1;
    while (end < n && isCardChar(text.charCodeAt(end))) end++;
    if (end - start >= CARD_MIN) {
      // Count digits the way the pattern does: a separator continues a run only between digits.
      let count = 0;
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if (isDigit(c)) {
          if (++count >= CARD_MIN) return true;
        } else if (!(i > start && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) count = 0;
      }
    }
    // `end` is not a card character, so the next run starts after it.
    p = end + CARD_MIN;
  }
  return false;
}

/**
 * Masks the card numbers inside one run of digit groups ("4242 4242 4242 4242 123").
 * A run may hold more than a card (a CVC, a date, a phone number), so it tries every
 * stretch of whole groups with 13–19 digits, left to right, longest first, and masks the
 * stretches that pass Luhn. The mask ends in `]`, which ends a run, so a second pass finds
 * exactly what the first left alone (idempotent).
 */
function maskCardsInRun(run: string): string {
  if (run.length < CARD_MIN) return run;
  const starts: number[] = [];
  const ends: number[] = [];
  let start = 0;
  for (let i = 0; i <= run.length; i++) {
    const c = run.charCodeAt(i);
    if (i === run.length || c === 32 /* space */ || c === 45 /* - */) {
      starts.push(start);
      ends.push(i);
      start = i + 1;
    }
  }
  let out = '';
  let copiedTo = 0;
  let i = 0;
  while (i < starts.length) {
    // Luhn doubles every second digit from the right. Digits arrive from the left, so keep
    // both sums (even or odd positions doubled) and pick by the final length: O(1) per digit.
    let evenDoubled = 0;
    let oddDoubled = 0;
    let length = 0;
    let best = -1;
    for (let j = i; j < starts.length && length <= CARD_MAX; j++) {
      for (let k = starts[j] as number; k < (ends[j] as number) && length <= CARD_MAX; k++) {
        const d = run.charCodeAt(k) - 48;
        const doubled = d > 4 ? 2 * d - 9 : 2 * d;
        if (length % 2 === 0) {
          evenDoubled += doubled;
          oddDoubled += d;
        } else {
          evenDoubled += d;
          oddDoubled += doubled;
        }
        length++;
      }
      const sum = length % 2 === 0 ? evenDoubled : oddDoubled;
      if (length >= CARD_MIN && length <= CARD_MAX && sum % 10 === 0) best = j;
    }
    if (best < 0) {
      i++;
      continue;
    }
    const from = starts[i] as number;
    const to = ends[best] as number;
    const last4 = run.slice(from, to).replace(/[ -]/g, '').slice(-4);
    out += `${run.slice(copiedTo, from)}[card •••• ${last4}]`;
    copiedTo = to;
    i = best + 1;
  }
  return copiedTo === 0 ? run : out + run.slice(copiedTo);
}

/** Payment card numbers: 13–19 digits, single spaces or dashes between groups, Luhn-valid. */
export const CARD_RULES: readonly RedactionRule[] = [
  {
    name: 'payment card number',
    mayMatch: mayHoldCard,
    // A maximal run of 13+ digits with single separators: nothing follows the greedy part,
    // so a long run matches whole at its first digit, and a short one fails within 13 digits.
    // Not started inside a word ("a1b2…" hashes, UUID parts).
    pattern: /(?<![0-9A-Za-z])\d(?:[ -]?\d){12,}/g,
    replacement: maskCardsInRun,
  },
];

/** Options for {@link createRedactor}. */
export interface RedactorOptions {
  /**
   * Mask Luhn-valid payment card numbers, keeping the last four digits.
   * @defaultValue true
   */
  cards?: boolean;
  /**
   * Mask well-known secret formats (see {@link SECRET_RULES}).
   * @defaultValue true
   */
  secrets?: boolean;
  /**
   * Your own rules, applied after the built-in ones. Keep them idempotent (the replacement
   * must not match the pattern again) and free of nested quantifiers.
   * @defaultValue []
   */
  extra?: ReadonlyArray<{
    /** What to mask; the `g` flag is added when missing (a `y` flag is dropped). Not a RegExp: `CONFIGURATION`. */
    pattern: RegExp;
    /** The mask: a `String.prototype.replace` string (`$&` works) or a function of the match. */
    replacement: string | ((match: string) => string);
  }>;
}

function toGlobal(pattern: RegExp, index: number): RegExp {
  if (!(pattern instanceof RegExp)) {
    throw new EscalationError('CONFIGURATION', `createRedactor: extra[${index}].pattern must be a RegExp`);
  }
  const flags = pattern.flags.replace('y', '');
  return flags.includes('g') ? pattern : new RegExp(pattern.source, `${flags}g`);
}

/**
 * Builds a redactor from the built-in table plus your own rules.
 *
 * @example createRedactor({ extra: [{ pattern: /\bACME-\d{6}\b/g, replacement: '[account]' }] })
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const rules: RedactionRule[] = [];
  if (options.secrets !== false) rules.push(...SECRET_RULES);
  if (options.cards !== false) rules.push(...CARD_RULES);
  (options.extra ?? []).forEach((rule, index) => {
    const replacement = rule?.replacement;
    if (typeof replacement !== 'string' && typeof replacement !== 'function') {
      throw new EscalationError('CONFIGURATION', `createRedactor: extra[${index}].replacement must be a string or a function`);
    }
    rules.push({ name: `extra[${index}]`, pattern: toGlobal(rule.pattern, index), replacement });
  });
  return withRules(rules);
}

/** Enough for any chain of masks exposing neighbours seen in practice; bounds the work. */
const MAX_ROUNDS = 4;

/** For each redactor made here: a version that runs only the rules some text may need. */
const NARROWERS = new WeakMap<Redactor, (sample: string) => Redactor>();

function withRules(rules: readonly RedactionRule[]): Redactor {
  const redactor: Redactor = (text: string): string => {
    if (typeof text !== 'string') {
      throw new EscalationError('CONFIGURATION', `A redactor takes a string, got ${typeof text}`);
    }
    let out = text;
    // A mask can expose a neighbour ("4242…4242xoxb-…": once the card is masked, the Slack
    // token no longer starts inside a word), so run again until nothing changes.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let next = out;
      for (const rule of rules) {
        if (rule.mayMatch && !rule.mayMatch(next)) continue;
        // Both overloads of replace accept our union; TypeScript cannot pick one for it.
        next = next.replace(rule.pattern, rule.replacement as string);
      }
      if (next === out) break;
      out = next;
    }
    return out;
  };
  // Narrowed versions by the set of rules they keep (a bit per rule that has `mayMatch`; rules
  // without one always run), made once each: narrowing then allocates nothing.
  const guarded = rules.filter((rule) => rule.mayMatch);
  if (guarded.length > 16) return redactor;
  const variants = new Map<number, Redactor>([[(1 << guarded.length) - 1, redactor]]);
  NARROWERS.set(redactor, (sample) => {
    let mask = 0;
    for (let i = 0; i < guarded.length; i++) if (guarded[i]!.mayMatch!(sample)) mask |= 1 << i;
    let narrowed = variants.get(mask);
    if (!narrowed) {
      narrowed = withRules(rules.filter((rule) => !rule.mayMatch || (mask & (1 << guarded.indexOf(rule))) !== 0));
      variants.set(mask, narrowed);
    }
    return narrowed;
  });
  return redactor;
}

/**
 * A redactor that gives the same result as `redactor` on every part of `sample` (a whole
 * conversation joined), skipping the rules that cannot match anywhere in it: one cheap look
 * at the whole conversation instead of one per message. Redactors not made by
 * {@link createRedactor} are returned as they are. Sound because no built-in replacement
 * can be matched by another built-in rule, and `extra` rules always run.
 */
export function narrowRedactor(redactor: Redactor, sample: string): Redactor {
  const narrow = NARROWERS.get(redactor);
  return narrow ? narrow(sample) : redactor;
}

/** Cards and the well-known secret formats; what transcripts use unless told otherwise. */
export const defaultRedactor: Redactor = createRedactor();

/** Applies redactors left to right. Idempotent when each one is and none undoes another's mask. */
export function composeRedactors(...redactors: Redactor[]): Redactor {
  redactors.forEach((r, index) => {
    if (typeof r !== 'function') {
      throw new EscalationError('CONFIGURATION', `composeRedactors: argument ${index} is not a function`);
    }
  });
  return (text) => redactors.reduce((acc, r) => r(acc), text);
}

/**
 * Runs a redactor and checks that it kept its promise to return a string. `where` names the
 * text in the error; a number is a message index (the name is built only on failure, since
 * this runs once per message).
 */
export function applyRedactor(redactor: Redactor, text: string, where: string | number): string {
  const out = redactor(text);
  if (typeof out !== 'string') {
    const what = typeof where === 'number' ? `messages[${where}].content` : where;
    throw new EscalationError('CONFIGURATION', `The redactor returned ${typeof out} for ${what}; it must return a string`);
  }
  return out;
}

/**
 * Contexts made by {@link redactContext}: already redacted as their maker chose, so the
 * transcript helpers do not apply `defaultRedactor` on top (an app's lighter `REDACTOR` holds).
 */
const REDACTED = new WeakSet<EscalationContext>();

/**
 * Marks `to` (a copy of `from`) as redacted when `from` is, and returns it.
 * @internal
 */
export function copyRedactedMark(from: EscalationContext, to: EscalationContext): EscalationContext {
  if (REDACTED.has(from)) REDACTED.add(to);
  return to;
}

/**
 * The redactor to apply to text taken from `context`, given a `redact` option as the transcript
 * helpers take it: `false` gives none, a function gives itself, and `undefined` gives
 * `defaultRedactor`, or none when the context came from {@link redactContext} (the registry
 * has then applied the app's `REDACTOR` already). Adapters that redact text themselves use it
 * so that an app's redaction policy holds in every adapter.
 *
 * @param what - Names the caller in the `CONFIGURATION` error thrown when `redact` is neither.
 */
export function resolveRedactor(context: EscalationContext, redact: Redactor | false | undefined, what: string): Redactor | undefined {
  if (redact === false) return undefined;
  if (redact === undefined) return REDACTED.has(context) ? undefined : defaultRedactor;
  if (typeof redact !== 'function') throw new EscalationError('CONFIGURATION', `${what}: redact must be a function or false`);
  return redact;
}

/**
 * A copy of the context with message contents, page title and url, and string metadata values
 * redacted. The input is never changed, and the copy shares no object with it. The transcript
 * helpers (`renderTranscript`, `titleFromContext`, `firstUserMessage`) know the copy is
 * redacted and do not apply `defaultRedactor` to it again unless you pass `redact`.
 */
export function redactContext(context: EscalationContext, redactor: Redactor = defaultRedactor): EscalationContext {
  return redactWith(context, redactor, 'redactContext', true);
}

/**
 * `redactContext` for the registry's hand-off to adapters, which never change their input: the
 * parts redaction left alone are shared with the input instead of copied.
 */
export function redactForAdapters(context: EscalationContext, redactor: Redactor): EscalationContext {
  return redactWith(context, redactor, 'the registry', false);
}

function redactWith(context: EscalationContext, redactor: Redactor, caller: string, copy: boolean): EscalationContext {
  if (typeof redactor !== 'function') {
    throw new EscalationError('CONFIGURATION', `${caller}: redactor must be a function`);
  }
  if (!context || !Array.isArray(context.messages)) {
    throw new EscalationError('INVALID_CONTEXT', `${caller}: context.messages must be an array`);
  }
  let messages = context.messages;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    if (typeof message?.content !== 'string') {
      throw new EscalationError('INVALID_CONTEXT', `${caller}: messages[${i}].content must be a string`);
    }
    const content = applyRedactor(redactor, message.content, i);
    if (!copy && content === message.content) continue;
    if (messages === context.messages) messages = messages.slice();
    messages[i] = { ...message, content };
  }
  if (copy && messages === context.messages) messages = [];
  const out: EscalationContext = { ...context, messages };
  if (context.page) {
    const { title, url, displayUrl } = context.page;
    const newTitle = typeof title === 'string' ? applyRedactor(redactor, title, 'page.title') : title;
    const newUrl = typeof url === 'string' ? applyRedactor(redactor, url, 'page.url') : url;
    const newDisplayUrl = typeof displayUrl === 'string' ? applyRedactor(redactor, displayUrl, 'page.displayUrl') : displayUrl;
    if (copy || newTitle !== title || newUrl !== url || newDisplayUrl !== displayUrl) {
      const page = { ...context.page };
      if (typeof title === 'string') page.title = newTitle;
      if (typeof url === 'string') page.url = newUrl;
      if (typeof displayUrl === 'string') page.displayUrl = newDisplayUrl;
      out.page = page;
    }
  }
  if (context.metadata) {
    let metadata = copy ? { ...context.metadata } : context.metadata;
    for (const key of Object.keys(context.metadata)) {
      const value = context.metadata[key];
      if (typeof value !== 'string') continue;
      const redacted = applyRedactor(redactor, value, `metadata.${key}`);
      if (redacted === value) continue;
      if (metadata === context.metadata) metadata = { ...metadata };
      metadata[key] = redacted;
    }
    out.metadata = metadata;
  }
  if (context.copilot) out.copilot = redactCopilot(context.copilot, redactor, copy);
  if (context.user && copy) {
    out.user = context.user.attributes ? { ...context.user, attributes: { ...context.user.attributes } } : { ...context.user };
  }
  REDACTED.add(out);
  return out;
}

/** `copilot` with its texts redacted; shared with the input when nothing changed and no copy is asked for. */
function redactCopilot(copilot: CopilotActivity, redactor: Redactor, copy: boolean): CopilotActivity {
  let changed = copy;
  const text = (value: unknown, what: string) => {
    if (typeof value !== 'string') return value;
    const out = applyRedactor(redactor, value, what);
    if (out !== value) changed = true;
    return out;
  };
  const out: CopilotActivity = {};
  for (const key of ['page', 'feature', 'error'] as const) if (copilot[key] !== undefined) out[key] = text(copilot[key], `copilot.${key}`) as string;
  if (Array.isArray(copilot.actions)) {
    out.actions = copilot.actions.map((action, i) => ({ ...action, name: text(action?.name, `copilot.actions[${i}].name`) as string }));
  }
  return changed ? out : copilot;
}
