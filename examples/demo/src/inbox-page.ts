import { escapeHtml, renderTranscript } from '@pillar/escalation-core';
import type { InboxEntry } from './inbox-adapter';

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1f2328; }
header { background: #1f2937; color: #fff; padding: 12px 24px; }
header a { color: #c7d2fe; }
main { max-width: 860px; margin: 24px auto; padding: 0 16px; }
article { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
article h2 { margin: 0 0 4px; font-size: 18px; }
.meta { color: #57606a; font-size: 13px; margin: 0 0 12px; }
.meta span + span::before { content: ' · '; }
.transcript { border-top: 1px solid #eaeef2; padding-top: 8px; }
.transcript p { margin: 6px 0; }
.empty { color: #57606a; }
`;

/** The local inbox as a support agent would read it: newest first, transcripts as HTML (escaped). */
export function renderInboxPage(entries: readonly InboxEntry[], file: string): string {
  const items = [...entries].reverse().map((entry) => {
    const user = entry.context.user;
    const who = user ? [user.name, user.email && `<${user.email}>`].filter(Boolean).join(' ') : 'anonymous';
    const meta = [
      `${entry.id}`,
      `received ${entry.receivedAt}`,
      `via “${entry.label}” (stands in for ${entry.standsFor})`,
      `from ${who}${user?.plan ? `, plan ${user.plan}` : ''}${user?.role ? `, ${user.role}` : ''}`,
      `conversation ${entry.context.conversationId ?? '(none)'}`,
      `key ${entry.idempotencyKey}`,
    ];
    // The transcript is rendered here, from the stored context, so nothing in the file is ever used as markup.
    const transcript = renderTranscript(entry.context, { format: 'html', maxLength: 60_000 });
    return `<article id="${escapeHtml(entry.id)}" data-testid="inbox-entry" data-option="${escapeHtml(entry.optionId)}">
<h2>${escapeHtml(entry.subject)}</h2>
<p class="meta">${meta.map((m) => `<span>${escapeHtml(m)}</span>`).join('')}</p>
<div class="transcript" data-testid="inbox-transcript">
${transcript}
</div>
</article>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo inbox · Pillar Escalation</title><style>${STYLE}</style></head>
<body>
<header><strong>Demo inbox</strong> · what a support agent receives when no provider credentials are set · <a href="/">back to the app</a> · <a href="/inbox">reload</a></header>
<main>
<p class="meta">Stored in ${escapeHtml(file)} (delete it to start over). ${entries.length} escalation${entries.length === 1 ? '' : 's'}.</p>
${items.length ? items.join('\n') : '<p class="empty" data-testid="inbox-empty">Nothing yet. Escalate from the app: “Open a ticket”, “Leave a message”, or “Talk to Support” when the Messenger cannot load.</p>'}
</main>
</body>
</html>`;
}
