// Test helpers shared by packages' tests (not published): reading text the way the assertions need.

/** Whether `text` has half of a surrogate pair: a character cut in the middle. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Surrogate-safe cut, as core's truncateText does without the ellipsis. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** The decoded query of a URL, in order (with `decodeURIComponent`, so `+` stays `+`). */
export function queryOf(href: string): Record<string, string> {
  const query = new URL(href).search.slice(1);
  const out: Record<string, string> = {};
  if (query === '') return out;
  for (const pair of query.split('&')) {
    const [name, value = ''] = pair.split('=');
    out[decodeURIComponent(name!)] = decodeURIComponent(value);
  }
  return out;
}

/** The error a function throws, for asserting on its code and message. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
