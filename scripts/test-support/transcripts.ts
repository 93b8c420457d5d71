import { renderTranscript, type EscalationContext, type RenderTranscriptOptions } from '@pillar/escalation-core';

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
