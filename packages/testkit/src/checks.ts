import {
  isEscalationError,
  type AdapterLimits,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
} from '@pillar/escalation-core';
import { ConformanceError } from './conformance-error';
import { scanTags, looksLikeHtml } from './html-scan';
import { assertJson, cloneJson, deepFreeze, firstDifference } from './json';
import { forEachString, formatPath, matchesPattern, patternOf, valuesAtPattern } from './paths';

/**
 * The checks of the conformance suite, by the name `skip` takes and failure messages start with.
 */
export const CONFORMANCE_CHECKS = [
  'kind',
  'runtime',
  'escalation-errors-only',
  'produces-payload',
  'deterministic',
  'serializable',
  'limits',
  'limits-declared',
  'html-safety',
  'no-mutation',
  'property',
  'deliver',
  'deliver-abort',
  'find',
] as const;

/** The name of one conformance check. */
export type ConformanceCheck = (typeof CONFORMANCE_CHECKS)[number];

/** What one `toPayload` call did: returned a payload or threw. */
export type PayloadOutcome<P = unknown> =
  | {
      /** `toPayload` returned. */
      ok: true;
      /** What it returned. */
      payload: P;
    }
  | {
      /** `toPayload` threw. */
      ok: false;
      /** What it threw. */
      error: unknown;
    };

/** Calls `toPayload` and captures the result or the thrown value. */
export function payloadOutcome<P>(adapter: EscalationAdapter<P>, context: EscalationContext): PayloadOutcome<P> {
  try {
    return { ok: true, payload: adapter.toPayload(context) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Errors from another realm (a DOMException made by Node inside a Jest sandbox) fail `instanceof Error`. */
function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as Error).name === 'string' && typeof (value as Error).message === 'string');
}

/** What was thrown, in a few words: `EscalationError INVALID_CONTEXT (message)`, `TypeError: message`, … */
export function describeThrown(error: unknown): string {
  return describeError(error);
}

function describeError(error: unknown): string {
  if (isEscalationError(error)) return `EscalationError ${error.code} (${error.message})`;
  if (isErrorLike(error)) return `${error.name}: ${error.message}`;
  return `a non-Error value (${typeof error === 'string' ? JSON.stringify(error) : String(error)})`;
}

/**
 * `kind` is a non-empty string without surrounding whitespace, and every instance from the
 * same factory reports the same one (pass a second instance as `other`).
 */
export function checkKind(adapter: EscalationAdapter<unknown>, other?: EscalationAdapter<unknown>): void {
  const { kind } = adapter;
  if (typeof kind !== 'string' || kind.trim() === '' || kind !== kind.trim()) {
    throw new ConformanceError('kind', 'adapter', `kind must be a non-empty string without surrounding spaces, got ${JSON.stringify(kind)}`, { path: 'adapter.kind' });
  }
  if (other && other.kind !== kind) {
    throw new ConformanceError('kind', 'adapter', `kind is not stable: ${JSON.stringify(kind)} on one instance, ${JSON.stringify(other.kind)} on another`, { path: 'adapter.kind' });
  }
}

/** `runtime` is `browser`, `server` or `universal`. */
export function checkRuntime(adapter: EscalationAdapter<unknown>): void {
  const { runtime } = adapter as { runtime: unknown };
  if (runtime !== 'browser' && runtime !== 'server' && runtime !== 'universal') {
    throw new ConformanceError('runtime', 'adapter', `runtime must be 'browser', 'server' or 'universal', got ${JSON.stringify(runtime)}`, { path: 'adapter.runtime' });
  }
}

/** Fails unless `error` is an `EscalationError` (the only thing `toPayload` may throw). */
export function assertOnlyEscalationError(error: unknown, fixture: string): void {
  if (isEscalationError(error)) return;
  const where = isErrorLike(error) ? error.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim() : undefined;
  throw new ConformanceError(
    'escalation-errors-only',
    fixture,
    `toPayload threw ${describeError(error)}; only EscalationError may escape (validate the input, or wrap with toEscalationError)${where ? `, thrown ${where}` : ''}`,
    { path: 'toPayload(context)', cause: error },
  );
}

/**
 * Calls `toPayload` once; passes if it returns or throws an `EscalationError`, fails if it
 * throws anything else. Returns what happened, for the other checks.
 */
export function checkThrowsOnlyEscalationErrors<P>(adapter: EscalationAdapter<P>, context: EscalationContext, fixture: string): PayloadOutcome<P> {
  const outcome = payloadOutcome(adapter, cloneJson(context));
  if (!outcome.ok) assertOnlyEscalationError(outcome.error, fixture);
  return outcome;
}

/** An ordinary context must give a payload: an adapter that always throws is not conformant. */
export function checkProducesPayload<P>(adapter: EscalationAdapter<P>, context: EscalationContext, fixture: string): P {
  const outcome = payloadOutcome(adapter, cloneJson(context));
  if (!outcome.ok) {
    throw new ConformanceError('produces-payload', fixture, `toPayload threw ${describeError(outcome.error)} for an ordinary context`, {
      path: 'toPayload(context)',
      cause: outcome.error,
    });
  }
  return outcome.payload;
}

function sameFailure(a: PayloadOutcome, b: PayloadOutcome, fixture: string, which: string): void {
  if (a.ok && b.ok) {
    const diff = firstDifference(a.payload, b.payload, 'payload', ['on the first call', `on ${which}`]);
    if (diff) throw new ConformanceError('deterministic', fixture, `toPayload is not deterministic: ${diff.problem}`, { path: diff.path });
    return;
  }
  if (a.ok !== b.ok) {
    const did = (o: PayloadOutcome): string => (o.ok ? 'returned a payload' : `threw ${describeError(o.error)}`);
    throw new ConformanceError('deterministic', fixture, `toPayload ${did(a)} on the first call but ${did(b)} on ${which}`, {
      path: 'toPayload(context)',
    });
  }
  const ea = (a as { error: unknown }).error;
  const eb = (b as { error: unknown }).error;
  const code = (e: unknown): unknown => (isEscalationError(e) ? e.code : isErrorLike(e) ? e.name : e);
  const message = (e: unknown): unknown => (isErrorLike(e) ? e.message : e);
  if (code(ea) !== code(eb) || message(ea) !== message(eb)) {
    throw new ConformanceError('deterministic', fixture, `toPayload threw ${describeError(ea)} on the first call, ${describeError(eb)} on ${which}`, {
      path: 'toPayload(context)',
    });
  }
}

/**
 * `toPayload` gives deep-equal results (or the same error) on two calls to one instance and
 * on a fresh instance from `makeAdapter`: no clock, randomness or state leaks into payloads.
 */
export function checkDeterministic<P>(makeAdapter: () => EscalationAdapter<P>, context: EscalationContext, fixture: string): void {
  const adapter = makeAdapter();
  const first = payloadOutcome(adapter, cloneJson(context));
  const second = payloadOutcome(adapter, cloneJson(context));
  sameFailure(first, second, fixture, 'the second call');
  const fresh = payloadOutcome(makeAdapter(), cloneJson(context));
  sameFailure(first, fresh, fixture, 'a fresh adapter');
}

/**
 * The payload survives `JSON.parse(JSON.stringify(payload))` unchanged: no `undefined` in
 * arrays, functions, `Date`s, `NaN`/`Infinity`, `-0`, class instances or cycles. The message
 * names the offending path.
 */
export function checkSerializable(payload: unknown, fixture = 'payload'): void {
  assertJson('serializable', fixture, payload);
}

function assertLimitValue(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConformanceError('limits', 'adapter', `${name} must be a non-negative integer, got ${JSON.stringify(value)}`, { path: name });
  }
  return value;
}

const URL_KEY = /^(url|href|uri)$|(_url|Url|URL|_uri|Uri)$/;
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z\d+.-]*:\/\/|^(mailto|tel|sms|javascript|data):/i;

/** Whether a payload string is a URL for `maxUrlLength`: absolute-URL shaped, or under a `url`-like key. */
export function isUrlLike(text: string, key?: string | number): boolean {
  return (typeof key === 'string' && URL_KEY.test(key)) || (ABSOLUTE_URL.test(text) && !/[\r\n]/.test(text));
}

/**
 * The payload stays within `limits`: every string under `limits.fields[pattern]` is at most
 * that many UTF-16 units (arrays: at most that many items), and every URL (a string that looks
 * like an absolute URL, or under a `url`/`href`/`*_url`/`*Url` key) is at most `maxUrlLength`.
 * Patterns are dotted paths with `[]` for array items: `ticket.comment.html_body`, `tags[]`,
 * `custom_fields[].value`.
 */
export function checkLimits(payload: unknown, limits: AdapterLimits | undefined, fixture: string): void {
  if (!limits) return;
  for (const [pattern, rawMax] of Object.entries(limits.fields ?? {})) {
    const name = `limits.fields[${JSON.stringify(pattern)}]`;
    const max = assertLimitValue(rawMax, name);
    for (const found of valuesAtPattern(payload, pattern)) {
      const path = formatPath('payload', found.steps);
      const { value } = found;
      if (value === null || value === undefined) continue;
      if (typeof value === 'string') {
        if (value.length > max) {
          throw new ConformanceError('limits', fixture, `is ${value.length} UTF-16 units long; ${name} allows ${max}`, { path });
        }
      } else if (Array.isArray(value)) {
        if (value.length > max) {
          throw new ConformanceError('limits', fixture, `has ${value.length} items; ${name} allows ${max}`, { path });
        }
      } else {
        throw new ConformanceError('limits', fixture, `is a ${typeof value}; ${name} can only limit a string (length) or an array (items)`, { path });
      }
    }
  }
  if (limits.maxUrlLength !== undefined) {
    const max = assertLimitValue(limits.maxUrlLength, 'limits.maxUrlLength');
    forEachString(payload, (text, steps, key) => {
      if (isUrlLike(text, key) && text.length > max) {
        throw new ConformanceError('limits', fixture, `is a URL of ${text.length} characters; limits.maxUrlLength allows ${max}`, {
          path: formatPath('payload', steps),
        });
      }
    });
  }
}

/**
 * Every pattern in `limits.fields` matches a value in at least one of `payloads`: a misspelt
 * path would otherwise limit nothing and pass forever.
 */
export function checkLimitsMatchPayloads(payloads: ReadonlyArray<{ fixture: string; payload: unknown }>, limits: AdapterLimits | undefined): void {
  for (const pattern of Object.keys(limits?.fields ?? {})) {
    const matched = payloads.some(({ payload }) => valuesAtPattern(payload, pattern).some((found) => found.value !== undefined));
    if (!matched) {
      throw new ConformanceError(
        'limits-declared',
        'every fixture',
        `limits.fields[${JSON.stringify(pattern)}] matches no field in the payloads of ${payloads.map((p) => p.fixture).join(', ') || 'no fixture'}: a misspelt path limits nothing`,
        { path: `limits.fields[${JSON.stringify(pattern)}]` },
      );
    }
  }
}

/** Tags an adapter may emit in HTML fields, unless `allowedTags` adds more. */
export const DEFAULT_ALLOWED_HTML_TAGS: readonly string[] = [
  'p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'pre', 'code', 'blockquote', 'hr',
  'h1', 'h2', 'h3', 'h4', 'span', 'div', 'small',
];

/** Which payload strings `checkHtmlSafety` reads as HTML, and which tags they may contain. */
export interface HtmlSafetyOptions {
  /** Field patterns that hold HTML (always scanned), e.g. `['ticket.comment.html_body']`; `*` matches any key. */
  htmlFields?: readonly string[];
  /** Field patterns that hold plain text (never scanned, even if the text looks like HTML), e.g. `['subject', 'custom_fields.*']`. */
  textFields?: readonly string[];
  /** Tags allowed in addition to {@link DEFAULT_ALLOWED_HTML_TAGS}. */
  allowedTags?: readonly string[];
}

function conversationAttributes(context: EscalationContext): Set<string> {
  const pairs = new Set<string>();
  forEachString(context, (text) => {
    if (!text.includes('<')) return;
    for (const tag of scanTags(text)) for (const a of tag.attributes) pairs.add(`${a.name}=${a.value}`);
  });
  return pairs;
}

function excerpt(text: string, index: number): string {
  const start = Math.max(0, index - 20);
  return JSON.stringify(`${start > 0 ? '…' : ''}${text.slice(start, index + 60)}${index + 60 < text.length ? '…' : ''}`);
}

/**
 * HTML the adapter emits carries no markup from the conversation. Scans every payload string
 * that looks like HTML or sits under `htmlFields` (minus `textFields`) with a small tokenizer,
 * and fails on `<script`, a comment or declaration, a tag outside the allowed list, an event
 * handler attribute (`on*`), a `javascript:`/`vbscript:`/`data:` attribute value, or any
 * attribute that also appears in the conversation's own markup.
 */
export function checkHtmlSafety(payload: unknown, context: EscalationContext, fixture: string, options: HtmlSafetyOptions = {}): void {
  const htmlFields = options.htmlFields ?? [];
  const textFields = options.textFields ?? [];
  const allowed = new Set([...DEFAULT_ALLOWED_HTML_TAGS, ...(options.allowedTags ?? [])].map((t) => t.toLowerCase()));
  let fromConversation: Set<string> | undefined;
  forEachString(payload, (text, steps) => {
    const declaredHtml = htmlFields.some((pattern) => matchesPattern(steps, pattern));
    if (!declaredHtml && (textFields.some((pattern) => matchesPattern(steps, pattern)) || !looksLikeHtml(text))) return;
    const path = formatPath('payload', steps);
    // A field scanned only because it looks like HTML may be plain text: say how to declare it.
    const hint = declaredHtml
      ? ''
      : `. If this field is plain text that the provider shows as typed (never as HTML), declare it: textFields: [${JSON.stringify(patternOf(steps))}]`;
    const fail = (problem: string, index: number): never => {
      throw new ConformanceError('html-safety', fixture, `${problem} at ${excerpt(text, index)}${hint}`, { path });
    };
    const script = text.search(/<\/?script/i);
    if (script !== -1) fail('HTML contains a <script> tag', script);
    for (const tag of scanTags(text)) {
      if (tag.name === '!' || tag.name === '?') fail('HTML contains a comment or declaration', tag.index);
      if (!allowed.has(tag.name)) fail(`HTML contains a <${tag.name}> tag, which is not in the allowed list`, tag.index);
      for (const attribute of tag.attributes) {
        if (attribute.name.startsWith('on')) fail(`HTML contains an event handler attribute ${attribute.name}=`, tag.index);
        // Browsers ignore whitespace and control characters inside a URL scheme.
        const compact = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(compact)) fail(`HTML contains a ${compact.split(':')[0]}: URL in ${attribute.name}=`, tag.index);
        fromConversation ??= conversationAttributes(context);
        if (fromConversation.has(`${attribute.name}=${attribute.value}`)) {
          fail(`HTML contains the attribute ${attribute.name}=${JSON.stringify(attribute.value)} from the conversation`, tag.index);
        }
      }
    }
  });
}

function isWriteToFrozen(error: unknown): boolean {
  return isErrorLike(error) && error.name === 'TypeError' && /read[- ]only|not extensible|frozen|Cannot (assign|add|delete|define|redefine)/i.test(error.message);
}

/**
 * `toPayload` leaves the context as it found it: compared deep before and after a call, and
 * called once more on a deep-frozen copy (a write then throws a `TypeError`).
 */
export function checkNoMutation<P>(adapter: EscalationAdapter<P>, context: EscalationContext, fixture: string): void {
  const pristine = cloneJson(context);
  const working = cloneJson(context);
  payloadOutcome(adapter, working);
  const diff = firstDifference(pristine, working, 'context', ['before toPayload', 'after']);
  if (diff) throw new ConformanceError('no-mutation', fixture, `toPayload changed its input: ${diff.problem}`, { path: diff.path });
  const outcome = payloadOutcome(adapter, deepFreeze(cloneJson(context)));
  if (!outcome.ok && isWriteToFrozen(outcome.error)) {
    throw new ConformanceError('no-mutation', fixture, `toPayload wrote to a frozen context: ${(outcome.error as Error).message}`, {
      path: 'context',
      cause: outcome.error,
    });
  }
}

function isAbsoluteUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** A delivery has a valid `status`, a well-formed optional `reference`, and is plain JSON. */
export function checkDelivery(delivery: unknown, fixture: string): asserts delivery is Delivery {
  if (delivery === null || typeof delivery !== 'object') {
    throw new ConformanceError('deliver', fixture, `deliver must resolve to a Delivery object, got ${String(delivery)}`, { path: 'delivery' });
  }
  const { status, reference } = delivery as Partial<Delivery>;
  if (status !== 'opened' && status !== 'created' && status !== 'redirected') {
    throw new ConformanceError('deliver', fixture, `status must be 'opened', 'created' or 'redirected', got ${JSON.stringify(status)}`, { path: 'delivery.status' });
  }
  if (reference !== undefined) {
    if (reference === null || typeof reference !== 'object') {
      throw new ConformanceError('deliver', fixture, 'reference must be an object when present', { path: 'delivery.reference' });
    }
    for (const key of ['id', 'url'] as const) {
      const value = reference[key];
      if (value !== undefined && typeof value !== 'string') {
        throw new ConformanceError('deliver', fixture, `must be a string when present, got ${typeof value}`, { path: `delivery.reference.${key}` });
      }
    }
    if (reference.url !== undefined && !isAbsoluteUrl(reference.url)) {
      throw new ConformanceError('deliver', fixture, `is not an absolute URL: ${JSON.stringify(reference.url)}`, { path: 'delivery.reference.url' });
    }
  }
  assertJson('deliver', fixture, delivery, 'delivery');
}

/**
 * `deliver` with an already-aborted signal rejects with `EscalationError('ABORTED')` (within
 * `timeoutMs`) instead of opening a widget or sending a request.
 */
export async function checkAbortedDelivery<P>(
  adapter: EscalationAdapter<P>,
  payload: P,
  context: EscalationContext,
  fixture: string,
  timeoutMs = 2_000,
): Promise<void> {
  const controller = new AbortController();
  controller.abort();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown } | 'timeout';
  try {
    settled = await Promise.race([
      Promise.resolve()
        .then(() => adapter.deliver(payload, { context, idempotencyKey: 'conformance-aborted', signal: controller.signal }))
        .then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
  if (settled === 'timeout') {
    throw new ConformanceError('deliver-abort', fixture, `deliver did not settle within ${timeoutMs} ms with an aborted signal`, { path: 'deliver(payload, { signal })' });
  }
  if (settled.ok) {
    throw new ConformanceError('deliver-abort', fixture, 'deliver resolved with an already-aborted signal; it must reject with EscalationError ABORTED', {
      path: 'deliver(payload, { signal })',
    });
  }
  const { error } = settled;
  if (!isEscalationError(error) || error.code !== 'ABORTED') {
    throw new ConformanceError('deliver-abort', fixture, `deliver rejected with ${describeError(error)}; expected EscalationError ABORTED`, {
      path: 'deliver(payload, { signal })',
      cause: error,
    });
  }
}
