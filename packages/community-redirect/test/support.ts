import type { ConversationText } from '../src/target';
import { renderTranscript, type BoundedRender, type EscalationContext, type RenderTranscriptOptions } from '@pillar/escalation-core';

/** Surrogate-safe cut, as core's truncateText does without the ellipsis. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Whether `text` has half of a surrogate pair: a character cut in the middle. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** The decoded query of a URL (with `decodeURIComponent`, so `+` stays `+`). */
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

/** A ConversationText with plain strings, cut like the real renderers (surrogate-safe). */
export function textOf(parts: Partial<Record<keyof ConversationText, string>>): ConversationText {
  const r =
    (text = ''): BoundedRender =>
    (max) =>
      cut(text, max);
  return {
    title: r(parts.title),
    body: r(parts.body),
    conversationId: r(parts.conversationId),
    reason: r(parts.reason),
    pageUrl: r(parts.pageUrl),
  };
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

/**
 * Whether `text` is exactly what `renderTranscript` gives for some `maxLength`: proof that the
 * transcript was cut by it (which keeps whole characters and says what it left out), not by
 * slicing. The output for `maxLength` L is at most L long, so L is searched from `text.length` up.
 */
export function isRenderedTranscript(context: EscalationContext, text: string, options: Omit<RenderTranscriptOptions, 'maxLength'>): boolean {
  for (let max = text.length; max <= text.length + 4000; max += 1) {
    if (renderTranscript(context, { ...options, maxLength: max }) === text) return true;
  }
  return false;
}
