import { EscalationError } from '@pillar/escalation-core';

/** A query value cut to at most `maxLength` UTF-16 units, never mid-character. */
export type FittedValue = (maxLength: number) => string;

/** A query parameter: fixed text, or text that shrinks with the others (at most `cap` units). */
export type SchedulingParam = readonly [name: string, value: string | { render: FittedValue; cap: number }];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SCALE_STEPS = 16;

// TEMPORARY, kept minimal on purpose: @pillar/escalation-core is getting a shared
// `buildBoundedUrl` (today in @pillar/escalation-community-redirect/src/bounded-url.ts); once it
// lands there, this file becomes a call to it.

/**
 * The scheduling URL: `base` plus the parameters in order, fixed ones whole and the others cut
 * by one common scale (each renders at `scale × cap` units), the largest scale whose parsed URL fits
 * `maxLength`, found by bisection in a bounded number of steps. Returns the URL and the values
 * it holds, for the widget's `prefill`.
 *
 * @throws EscalationError `CONFIGURATION` when the fixed part alone does not fit.
 */
export function buildSchedulingUrl(
  base: URL,
  params: ReadonlyArray<SchedulingParam>,
  maxLength: number,
): { url: string; values: Map<string, string> } {
  const names = new Set(params.map(([name]) => name));
  const kept = [...base.searchParams].filter(([name]) => !names.has(name));
  const build = (scale: number) => {
    const values = new Map(
      params.map(([name, value]) => [name, typeof value === 'string' ? value : value.render(Math.floor(value.cap * scale))]),
    );
    const query = [...kept, ...values]
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${encode(name)}=${encode(value)}`)
      .join('&');
    const url = new URL(`${base.origin}${base.pathname}${query === '' ? '' : `?${query}`}${base.hash}`).href;
    return { url, values };
  };

  const whole = build(1);
  if (whole.url.length <= maxLength) return whole;
  let best = build(0);
  if (best.url.length > maxLength) {
    throw new EscalationError('CONFIGURATION', `The Calendly URL is ${best.url.length} characters before any answer, over maxUrlLength (${maxLength})`, {
      retryable: false,
    });
  }
  let lo = 0;
  let hi = 1;
  for (let step = 0; step < SCALE_STEPS; step += 1) {
    const mid = (lo + hi) / 2;
    const candidate = build(mid);
    if (candidate.url.length <= maxLength) {
      best = candidate;
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return best;
}

function encode(text: string): string {
  // encodeURIComponent throws on a lone surrogate; U+FFFD is what a URL parser would use.
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
}
