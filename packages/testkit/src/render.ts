import type { AdapterRuntime, EscalationAdapter, EscalationContext } from '@pillar/escalation-core';
import { assertJson } from './json';
import { forEachString, formatPath } from './paths';

/** A URL from the payload taken apart, so a snapshot shows what its query really says. */
export interface RenderedUrl {
  /** Origin and path, without query or fragment. */
  base: string;
  /** Decoded query parameters; a repeated name gives an array. */
  query: Record<string, string | string[]>;
  /** Decoded fragment without `#`, when there is one. */
  hash?: string;
}

/** What {@link renderedPayload} returns: the adapter's identity and its payload as sent. */
export interface RenderedPayload {
  /** The adapter's `kind`. */
  kind: string;
  /** The adapter's `runtime`. */
  runtime: AdapterRuntime;
  /** The payload after a JSON round trip: exactly what goes over the wire. */
  payload: unknown;
  /** Every http(s) URL in the payload that has a query or fragment, decoded, by its path. */
  urls?: Record<string, RenderedUrl>;
}

function renderUrl(text: string): RenderedUrl | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.search === '' && url.hash === '') return undefined;
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  const rendered: RenderedUrl = { base: `${url.origin}${url.pathname}`, query };
  if (url.hash !== '') {
    let hash = url.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch {
      // Keep a fragment that is not valid percent-encoding as it is.
    }
    rendered.hash = hash;
  }
  return rendered;
}

/**
 * The payload an adapter builds for a context, in a form made for `toMatchSnapshot()`: kind,
 * runtime, the payload as JSON carries it (long strings kept whole), and the URLs in it with
 * their query decoded. Throws a `ConformanceError` naming the path when the payload is not
 * plain JSON, and whatever `toPayload` throws.
 *
 * ```ts
 * expect(renderedPayload(zendeskTicket(config), contextFixture('multi-turn'))).toMatchSnapshot();
 * ```
 */
export function renderedPayload<P>(adapter: EscalationAdapter<P>, context: EscalationContext): RenderedPayload {
  const payload = adapter.toPayload(context);
  assertJson('serializable', 'renderedPayload', payload);
  const wire: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
  const rendered: RenderedPayload = { kind: adapter.kind, runtime: adapter.runtime, payload: wire };
  const urls: Record<string, RenderedUrl> = {};
  forEachString(wire, (text, steps) => {
    const url = renderUrl(text);
    if (url) urls[formatPath('payload', steps)] = url;
  });
  if (Object.keys(urls).length > 0) rendered.urls = urls;
  return rendered;
}

// Characters that hide in a snapshot file or reorder it when displayed (Trojan Source).
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'g');

/** The part of a Jest snapshot serializer (pretty-format plugin) this package implements. */
export interface PayloadSnapshotSerializer {
  /** Whether this serializer prints `value` (a string with a character worth escaping). */
  test(value: unknown): boolean;
  /** The string in double quotes, with backslashes, quotes and invisible characters escaped. */
  serialize(value: unknown): string;
}

/**
 * A Jest snapshot serializer that prints strings holding control, zero-width or bidi-override
 * characters (or lone surrogates) with those characters as `\uXXXX` escapes, so a snapshot
 * file stays plain readable text and a review sees exactly what the payload holds. Other
 * values print as usual.
 *
 * ```ts
 * expect.addSnapshotSerializer(payloadSnapshotSerializer);
 * ```
 */
export const payloadSnapshotSerializer: PayloadSnapshotSerializer = {
  test: (value) => typeof value === 'string' && INVISIBLE.test(value),
  serialize: (value) =>
    `"${String(value)
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(INVISIBLE_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`,
};
