import { renderTranscript, type ChatMessage, type EscalationContext, type TranscriptFormat } from '@pillar/escalation-core';

// What every adapter's brief test checks: the handoff brief heads the transcript the adapter
// sends, escaped for its format and within its limit, even when the conversation is cut to nothing.

/** The user's ask, with markup that must never come out as markup. */
export const BRIEF_REQUEST = 'Export <img src=x onerror=alert(1)> fails & *still* [broken](javascript:alert(1))';

/** A long conversation with a greeting, the ask, a step that failed and a request for a person. */
export function briefContext(filler = 40): EscalationContext {
  const messages: ChatMessage[] = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: BRIEF_REQUEST },
    { role: 'assistant', content: 'Open Settings > Exports and click "Retry".' },
    { role: 'user', content: 'Did that, still failing.' },
  ];
  for (let i = 0; i < filler; i++) {
    messages.push({ role: i % 2 === 0 ? 'assistant' : 'user', content: `Detail ${i}: ${'the export log shows a timeout again. '.repeat(8)}` });
  }
  messages.push({ role: 'user', content: 'Please get me a real person.' });
  return {
    conversationId: 'conv-brief',
    user: { name: 'Ada', email: 'ada@example.com', plan: 'pro' },
    page: { title: 'Exports', url: 'https://app.example.com/exports' },
    reason: 'bug',
    messages,
  };
}

/** The request line as each format starts it. */
export function requestLine(format: TranscriptFormat): string {
  if (format === 'html') return '<p><strong>Request:</strong> Export &lt;img src=x onerror=alert(1)&gt; fails &amp; *still* [broken](javascript:alert(1))</p>';
  if (format === 'markdown') return '- **Request:** Export \\<img src=x onerror=alert(1)\\> fails & \\*still\\* \\[broken\\](javascript:alert(1))';
  return `Request: ${BRIEF_REQUEST}`;
}

/** How long the whole brief is for this context and format (where the conversation starts). */
export function briefLength(context: EscalationContext, format: TranscriptFormat): number {
  const full = renderTranscript(context, { format });
  const label = format === 'html' ? '\n<p><strong>User' : format === 'markdown' ? '\n\n**User' : '\n\nUser';
  return full.indexOf(label);
}

/** The checks: the brief first (its request line at the very start), escaped, and nothing raw from the user in html. */
export function expectBriefFirst(out: string, format: TranscriptFormat): void {
  expect(out.startsWith(requestLine(format))).toBe(true);
  if (format === 'html') expect(out).not.toMatch(/<img|<script|javascript:[^<]*<\/a/);
  expect(out.indexOf('What was tried')).toBeGreaterThan(0);
}
