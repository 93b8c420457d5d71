import { EscalationError } from '../errors';

/** True for the first half of a UTF-16 surrogate pair. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** True for the second half of a UTF-16 surrogate pair. */
export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The largest cut position `<= at` that does not separate a surrogate pair, so
 * `text.slice(0, cut)` never ends with half of an emoji.
 */
export function surrogateSafeCut(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  return isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
type MaybeWellFormed = string & { toWellFormed?(): string };

/**
 * Replaces unpaired surrogates with U+FFFD, so providers' JSON APIs and HTML parsers never see
 * broken text: the platform's `String.prototype.toWellFormed` (ES2024; Node 20, every current
 * browser), else a pattern, which is many times slower on text with emoji.
 */
export function toWellFormed(text: string): string {
  const native = (text as MaybeWellFormed).toWellFormed;
  if (native) return native.call(text);
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** Checks a length limit; `Infinity` means "no limit". */
export function assertLength(value: unknown, name: string): number {
  if (value === Infinity) return Infinity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new EscalationError('CONFIGURATION', `${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Shortens `text` to at most `maxLength` UTF-16 units, ending with `ellipsis` when it cuts.
 * Never splits a surrogate pair; when even the ellipsis does not fit, returns as much of the
 * ellipsis as fits.
 *
 * @example truncateText('Hello world', 8) // 'Hello w…'
 */
export function truncateText(text: string, maxLength: number, ellipsis = '…'): string {
  const max = assertLength(maxLength, 'truncateText: maxLength');
  if (text.length <= max) return text;
  if (ellipsis.length >= max) return ellipsis.slice(0, surrogateSafeCut(ellipsis, max));
  return text.slice(0, surrogateSafeCut(text, max - ellipsis.length)) + ellipsis;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_SPECIAL = /[&<>"']/g;

/**
 * Escapes `& < > " '` so the text is shown as text in HTML content and in quoted attributes.
 * Escape exactly once: `escapeHtml('&amp;')` is `'&amp;amp;'` (the reader sees `&amp;`).
 */
export function escapeHtml(text: string): string {
  // Looking for five literals is several times faster than one character-class scan.
  const special =
    text.includes('&') || text.includes('<') || text.includes('>') || text.includes('"') || text.includes("'");
  return special ? text.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c] as string) : text;
}

/** One line: every run of whitespace or control characters becomes a single space, trimmed. */
export function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}
