// suggestEscalation latency: one call on conversations of 10 and 60 messages (60 is all it reads).
import { suggestEscalation } from '@pillar/escalation-core/suggest';
import { makeContext } from './contexts';
import { compare, duration, table } from './harness';

export interface SuggestFigures {
  markdown: string;
  /** Median time of one call at 60 messages, in ns. */
  at60: number;
}

export function suggest(log: (line: string) => void = () => {}): SuggestFigures {
  const rows: string[][] = [];
  let at60 = 0;
  // Warm up first (the JIT, the unpacked weights): otherwise the first size measured pays for them.
  const warm = makeContext(60);
  for (let i = 0; i < 200; i++) suggestEscalation(warm);
  for (const size of [10, 60]) {
    const context = makeContext(size);
    // The baseline is the same conversation's text joined, so the ratio says what reading it costs.
    const { candidateNs } = compare(
      () => context.messages.map((m) => m.content).join('\n'),
      () => suggestEscalation(context),
    );
    if (size === 60) at60 = candidateNs;
    rows.push([String(size), duration(candidateNs)]);
    log(`  ${size} messages: ${duration(candidateNs)}`);
  }
  return { markdown: table(['messages', 'suggestEscalation (median)'], rows), at60 };
}
