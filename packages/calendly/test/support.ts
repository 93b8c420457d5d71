import { renderTranscript, type EscalationContext, type RenderTranscriptOptions } from '@pillar/escalation-core';

/** Whether `text` has half of a surrogate pair: a character cut in the middle. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** The decoded query of a URL, in order. */
export function queryOf(href: string): Record<string, string> {
  return Object.fromEntries(new URL(href).searchParams);
}

/** The error a function throws. */
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
