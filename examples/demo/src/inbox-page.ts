import { escapeHtml, renderTranscript } from '@pillar/escalation-core';
import type { ConsoleProvider, ConsoleTicket, SentWebhook } from './agent-console';
import type { InboxEntry } from './inbox-adapter';

/** What the agent console knows of an entry (the stand-in provider's ticket and the webhooks sent). */
export type ConsoleView = (entry: InboxEntry) => { provider: ConsoleProvider; ticket: ConsoleTicket };

const PROVIDER_NAMES: Record<ConsoleProvider, string> = { zendesk: 'Zendesk', freshdesk: 'Freshdesk' };

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
.console { border-top: 1px solid #eaeef2; margin-top: 12px; padding-top: 8px; }
.console h3 { font-size: 14px; margin: 0 0 6px; }
.console form { display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-end; }
.console textarea { width: 100%; min-height: 48px; font: inherit; }
.console button { font: inherit; padding: 3px 10px; }
.console .risky { color: #92400e; }
.webhooks { font-size: 13px; padding-left: 20px; }
.webhooks .ok { color: #166534; }
.webhooks .refused { color: #b91c1c; }
.webhooks pre { background: #0f172a; color: #e2e8f0; padding: 6px; border-radius: 4px; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
.notice { background: #fef3c7; border: 1px solid #f59e0b; border-radius: 6px; padding: 6px 10px; }
`;

function webhookItem(sent: SentWebhook): string {
  const ok = sent.status >= 200 && sent.status < 300;
  const headers = Object.entries(sent.headers)
    // Freshdesk's shared token is the secret itself: never on the page.
    .map(([name, value]) => `${name}: ${name === 'x-pillar-webhook-token' ? `${value.slice(0, 6)}… (the shared token, hidden)` : value}`)
    .join('\n');
  return `<li data-testid="webhook" data-command="${escapeHtml(sent.command)}" data-status="${sent.status}">
<span class="${ok ? 'ok' : 'refused'}">#${sent.n} ${escapeHtml(sent.command)} · ${escapeHtml(PROVIDER_NAMES[sent.provider])} ${escapeHtml(sent.event)} → <strong data-testid="webhook-status">${sent.status || 'no answer'}</strong> <code data-testid="webhook-answer">${escapeHtml(sent.answer)}</code></span>
<details><summary>The request, as the provider sends it</summary><pre>POST /api/escalation/webhooks/${escapeHtml(sent.provider)}\n${escapeHtml(headers)}\n\n${escapeHtml(sent.body)}</pre></details>
</li>`;
}

/** The agent console under an entry: what the agent does, and the webhooks that told the relay. */
function consoleSection(entry: InboxEntry, view: ReturnType<ConsoleView>): string {
  const { provider, ticket } = view;
  const name = PROVIDER_NAMES[provider];
  const state = [`status ${ticket.status}`, ticket.assignee ? `assigned to ${ticket.assignee}` : 'unassigned', `${ticket.replies.length} public repl${ticket.replies.length === 1 ? 'y' : 'ies'}`].join(', ');
  const id = escapeHtml(entry.id);
  return `<div class="console" data-testid="console">
<h3>Agent console · plays ${escapeHtml(name)}: each button sends ${escapeHtml(name)}’s signed webhook to the relay</h3>
<p class="meta" data-testid="console-state" data-status="${ticket.status}">At ${escapeHtml(name)} (stand-in): ${escapeHtml(state)}</p>
<form method="post" action="/inbox/${encodeURIComponent(entry.id)}/console">
<label for="reply-${id}" style="width:100%">Public reply</label>
<textarea id="reply-${id}" name="text" maxlength="2000" data-testid="console-text"></textarea>
<button type="submit" name="command" value="assign" data-testid="console-assign">Assign to me</button>
<button type="submit" name="command" value="reply" data-testid="console-reply">Reply</button>
<button type="submit" name="command" value="solve" data-testid="console-solve">Solve</button>
<span style="flex:1"></span>
<button type="submit" name="command" value="resend" class="risky" data-testid="console-resend" title="A provider's retry: the same bytes, signature and event id">Send the last webhook again</button>
<button type="submit" name="command" value="forge" class="risky" data-testid="console-forge" title="A solve signed with a wrong secret: the relay answers 401 and nothing changes">Send a forged solve</button>
</form>
${ticket.sent.length ? `<ol class="webhooks" data-testid="webhooks">${ticket.sent.map(webhookItem).join('\n')}</ol>` : ''}
</div>`;
}

/** The local inbox as a support agent would read it: newest first, transcripts as HTML (escaped). */
export function renderInboxPage(entries: readonly InboxEntry[], file: string, agent?: ConsoleView, notice?: string): string {
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
${agent ? consoleSection(entry, agent(entry)) : ''}
</article>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo inbox · Pillar Escalation</title><style>${STYLE}</style></head>
<body>
<header><strong>Demo inbox</strong> · what a support agent receives when no provider credentials are set, with an agent console · <a href="/">back to the app</a> · <a href="/inbox">reload</a></header>
<main>
${notice ? `<p class="notice" role="alert" data-testid="inbox-notice">${escapeHtml(notice)}</p>\n` : ''}<p class="meta">Stored in ${escapeHtml(file)} (delete it to start over). ${entries.length} escalation${entries.length === 1 ? '' : 's'}.</p>
${items.length ? items.join('\n') : '<p class="empty" data-testid="inbox-empty">Nothing yet. Escalate from the app: “Open a ticket”, “Leave a message”, or “Talk to Support” when the Messenger cannot load.</p>'}
</main>
</body>
</html>`;
}
