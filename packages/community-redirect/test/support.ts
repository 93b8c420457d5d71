import type { ConversationText } from '../src/target';
import type { BoundedRender } from '@pillar/escalation-core';
import { cut } from '../../../scripts/test-support/text';

export { cut, hasLoneSurrogate, queryOf, thrown } from '../../../scripts/test-support/text';
export { isRenderedTranscript } from '../../../scripts/test-support/transcripts';

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

