import { buildBoundedUrl, transcriptRenderer, type EscalationContext } from '@pillar/escalation-core';

// A forum link whose body is the longest transcript that fits 2,000 characters once encoded.
// The URL is fitted by rendering again at smaller lengths; the renderer redacts and escapes
// each message only once across those renders.
export function newTopicUrl(context: EscalationContext): string {
  return buildBoundedUrl(
    'https://forum.example.com/new-topic',
    [{ name: 'body', value: transcriptRenderer(context, { format: 'markdown' }) }],
    2_000,
  );
}
