import { EscalationError } from '../errors';
import { toWellFormed } from '../transcript/text';

// Shared by every adapter that puts conversation text in a URL (community redirects, Calendly
// links): encoding, the length budget and the host check live here once.

/**
 * Renders text of at most `maxLength` UTF-16 units without cutting a character
 * (`renderTranscript`, `titleFromContext` and `truncateText` all qualify). It may be called
 * several times with different lengths while a URL is fitted, so it should be pure.
 */
export type BoundedRender = (maxLength: number) => string;

/** One query parameter of a bounded URL (see {@link buildBoundedUrl}). */
export interface BoundedParam {
  /** The query parameter's name as the provider reads it (`title`, `body`, `a1`); encoded like the value. */
  name: string;
  /**
   * A string is kept whole (configuration: category, labels, flags). A renderer shrinks: the
   * renderers share what the fixed parameters leave of the budget.
   */
  value: string | BoundedRender;
}

/** A text that shares the budget with others (see {@link shareBudget}), appearing `weight` times in the URL. */
export interface BoundedText {
  /** Renders the text at most a given length; asked again with smaller lengths until it fits. */
  render: BoundedRender;
  /** How many times the encoded text appears in the URL (a template may repeat a placeholder). @defaultValue 1 */
  weight?: number;
}

/** What {@link fitBoundedUrl} built: the URL and the values it holds. */
export interface FittedUrl {
  /** The URL: encoded, on the base URL's origin and path, at most `maxLength` characters. */
  url: string;
  /**
   * The value of each parameter as it is in `url`, decoded, in the order of the parameters
   * given: fixed strings as they were, renderers as they were cut to fit (`''` when nothing fit).
   */
  values: string[];
}

const STRICT_EXTRA = /[!'()*]/g;
/** Enough for a binary search over any sane budget (2^24 units), so the loop always ends. */
const MAX_FIT_STEPS = 24;

/**
 * `encodeURIComponent`, plus the five characters it leaves alone (`! ' ( ) *`) so that a URL
 * parser never re-encodes the result (WHATWG URL encodes `'` in queries) and lengths computed
 * before parsing stay true, and with lone surrogates replaced by U+FFFD, where
 * `encodeURIComponent` would throw. Decodes back with `decodeURIComponent` or `URLSearchParams`.
 */
export function encodeUrlComponent(text: string): string {
  return encodeURIComponent(toWellFormed(text)).replace(
    STRICT_EXTRA,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** ASCII that {@link encodeUrlComponent} leaves as it is: letters, digits and `- . _ ~`. */
const UNRESERVED = new Uint8Array(128).map((_, c) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * The length of `text` once encoded with {@link encodeUrlComponent}: 1 to 12 characters per
 * character of text. Counted from the UTF-8 length of each character, without encoding: URLs are
 * fitted by measuring many candidate texts.
 */
export function encodedLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += UNRESERVED[c] ? 1 : 3;
    else if (c < 0x800) length += 6;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 12; // a surrogate pair: 4 UTF-8 bytes
      i++;
    } else length += 9; // 3 UTF-8 bytes; a lone surrogate becomes U+FFFD, also 3
  }
  return length;
}

/**
 * The longest rendering whose encoded length fits `budget`. Percent-encoding grows text up to
 * 9 times (an astral character is 2 units and 12 encoded), so the raw length cannot be known in
 * advance: a proportional first guess, then a binary search on the renderer's `maxLength`,
 * bounded in steps (at most about 25 renderings). Cutting is the renderer's job, so no character
 * is ever split here. Returns `''` when not even one character fits.
 */
export function fitEncoded(render: BoundedRender, budget: number): string {
  const limit = Math.max(0, Math.floor(budget));
  const whole = render(limit);
  const wholeLength = encodedLength(whole);
  if (wholeLength <= limit) return whole;

  let best = '';
  let lo = 0; // largest maxLength known to fit (0 renders nothing worth checking)
  let hi = Math.min(limit, whole.length) - 1; // largest maxLength that may still fit
  // Proportional guess: most text encodes evenly, so this lands close to the answer.
  let probe = Math.floor((limit * whole.length) / wholeLength);
  for (let step = 0; step < MAX_FIT_STEPS && lo < hi; step += 1) {
    const candidate = Math.min(hi, Math.max(lo + 1, probe));
    const text = render(candidate);
    if (encodedLength(text) <= limit) {
      best = text;
      lo = candidate;
    } else {
      hi = candidate - 1;
    }
    probe = Math.ceil((lo + hi) / 2);
  }
  return best;
}

/**
 * Shares `budget` encoded units among texts: each gets what it needs when that is less than an
 * even share, and the rest split evenly what remains ("water filling"), so a short title keeps
 * its whole length and the transcript takes everything else. Returns the texts, in order; the
 * sum of `weight × encoded length` never exceeds `budget`.
 */
export function shareBudget(texts: readonly BoundedText[], budget: number): string[] {
  const result: string[] = texts.map(() => '');
  let remaining = Math.max(0, Math.floor(budget));
  let open = texts.map((text, index) => ({ index, render: text.render, weight: Math.max(1, text.weight ?? 1) }));
  // Each pass settles at least one text or ends, so at most texts.length passes.
  while (open.length > 0) {
    const totalWeight = open.reduce((sum, t) => sum + t.weight, 0);
    const share = remaining / totalWeight;
    const settled: typeof open = [];
    for (const t of open) {
      // Rendered with all that is left, so `need` is its real want, not capped at the share.
      const whole = t.render(Math.floor(remaining / t.weight));
      const need = encodedLength(whole);
      if (need <= share) {
        result[t.index] = whole;
        settled.push(t);
      }
    }
    if (settled.length === 0) {
      for (const t of open) result[t.index] = fitEncoded(t.render, Math.floor(share));
      break;
    }
    for (const t of settled) remaining -= encodedLength(result[t.index]!) * t.weight;
    open = open.filter((t) => !settled.includes(t));
  }
  return result;
}

/**
 * Builds `base` plus query parameters, every value encoded, never longer than `maxLength`, and
 * never anywhere but `base`'s origin and path (checked by parsing the result). Use it in a
 * target or adapter that prefills a provider's page through its URL.
 *
 * Fixed parameters (strings) go in whole; the renderers share what is left (see
 * {@link shareBudget}). A parameter already in `base`'s query with the same name is replaced;
 * the others and the fragment are kept. A renderer that fits nothing still leaves `name=`.
 *
 * @param base - The page to prefill, e.g. `https://forum.example.com/new-topic`.
 * @param params - The query parameters, in the order they appear in the URL.
 * @param maxLength - The longest URL allowed, in characters (all ASCII once encoded).
 * @returns The URL, as the URL parser serializes it.
 * @throws EscalationError `CONFIGURATION` when the fixed part alone is longer than `maxLength`
 *   (`details.maxUrlLength`, `details.fixedLength`).
 */
export function buildBoundedUrl(base: URL | string, params: readonly BoundedParam[], maxLength: number): string {
  return fitBoundedUrl(base, params, maxLength).url;
}

/**
 * {@link buildBoundedUrl}, also returning the value each parameter got. For a provider that takes
 * the same values twice, in the URL and as an object (Calendly's `prefill` for its embed API),
 * so both carry exactly the same, already fitted, text.
 *
 * @throws EscalationError `CONFIGURATION` when the fixed part alone is longer than `maxLength`.
 */
export function fitBoundedUrl(base: URL | string, params: readonly BoundedParam[], maxLength: number): FittedUrl {
  const url = new URL(base);
  const names = new Set(params.map((p) => p.name));
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !names.has(safeDecode(pair.split('=')[0] ?? '')));
  const hash = url.hash;
  const stem = `${url.origin}${url.pathname}`;

  const fixedPairs = params.map((p) => (typeof p.value === 'string' ? `${encodeUrlComponent(p.name)}=${encodeUrlComponent(p.value)}` : undefined));
  const pairCount = kept.length + params.length;
  // "?" or "&" before each pair, "name=" for the shrinkable ones, and the fixed pairs whole.
  let fixedLength = stem.length + hash.length + pairCount + kept.reduce((sum, pair) => sum + pair.length, 0);
  params.forEach((p, i) => {
    fixedLength += fixedPairs[i]?.length ?? encodeUrlComponent(p.name).length + 1;
  });
  const budget = maxLength - fixedLength;
  if (budget < 0) {
    throw new EscalationError(
      'CONFIGURATION',
      `The URL for ${url.host} is ${fixedLength} characters before any conversation text, over maxUrlLength (${maxLength})`,
      { retryable: false, details: { maxUrlLength: maxLength, fixedLength } },
    );
  }

  const shrinkable = params.filter((p): p is BoundedParam & { value: BoundedRender } => typeof p.value !== 'string');
  const texts = shareBudget(
    shrinkable.map((p) => ({ render: p.value })),
    budget,
  );
  let t = 0;
  const values = params.map((p) => (typeof p.value === 'string' ? p.value : texts[t++]!));
  const pairs = params.map((p, i) => fixedPairs[i] ?? `${encodeUrlComponent(p.name)}=${encodeUrlComponent(values[i]!)}`);
  const query = [...kept, ...pairs].join('&');
  const href = `${stem}${query === '' ? '' : `?${query}`}${hash}`;
  return { url: assertSameTarget(href, url, maxLength), values };
}

/**
 * Parses `href` and checks it stays on `base`'s origin (and path, unless `samePath` is false),
 * has no credentials and fits `maxLength`; returns the parsed form. For a URL built by hand (a
 * template) before it is handed out. With values from {@link encodeUrlComponent}, only a bug can
 * fail this.
 *
 * @param href - The URL to check.
 * @param base - The page it must stay on.
 * @param maxLength - The longest URL allowed, in characters.
 * @param options - `samePath: false` allows any path on the origin (a template with a
 *   placeholder in its path checks its own prefix). @defaultValue `{ samePath: true }`
 * @throws EscalationError `CONFIGURATION` when `href` is not a URL, leaves `base` or is too long.
 */
export function assertSameTarget(href: string, base: URL, maxLength: number, options: { samePath?: boolean } = {}): string {
  const parsed = parseUrl(href);
  const samePath = options.samePath ?? true;
  if (
    parsed === undefined ||
    parsed.origin !== base.origin ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    (samePath && parsed.pathname !== base.pathname) ||
    parsed.href.length > maxLength
  ) {
    throw new EscalationError('CONFIGURATION', `Refusing a URL that leaves ${base.origin}${base.pathname} or exceeds ${maxLength} characters`, {
      retryable: false,
    });
  }
  return parsed.href;
}

function parseUrl(href: string): URL | undefined {
  try {
    return new URL(href);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
