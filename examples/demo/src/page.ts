import { escapeHtml } from '@pillar/escalation-core';
import { SUPPORT_HOURS_LABEL } from './hours';
import type { DemoPageConfig } from './page-config';
import { DEMO_USERS, DEMO_USER_IDS } from './users';

const STYLE = `
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1f2328; }
.topbar { display: flex; gap: 16px; align-items: center; background: #111827; color: #f9fafb; padding: 10px 20px; }
.topbar a { color: #c7d2fe; }
.topbar .brand { font-weight: 700; }
main { display: grid; grid-template-columns: minmax(300px, 420px) minmax(360px, 1fr); gap: 16px; padding: 16px 20px; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 0 0 4px; }
fieldset { border: 1px solid #e5e7eb; border-radius: 6px; margin: 0 0 10px; }
legend { font-weight: 600; }
label { display: block; margin: 2px 0; }
.hint { color: #57606a; font-size: 12px; margin: 4px 0; }
#conversation { list-style: none; padding: 0; margin: 0; }
#conversation li { margin: 6px 0; padding: 6px 8px; border-radius: 6px; background: #f3f4f6; }
#conversation li.user { background: #eef2ff; }
#tabs-now { margin: 0; padding-left: 18px; }
.card { border: 1px solid #d0d7de; border-left: 4px solid #9ca3af; border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
.card.delivered { border-left-color: #16a34a; }
.card.failed { border-left-color: #dc2626; }
.card small { color: #57606a; font-weight: 400; }
.headline { font-weight: 600; margin: 4px 0; }
.events { margin: 4px 0; padding-left: 18px; }
.events .at { color: #6b7280; font-variant-numeric: tabular-nums; }
.events a { word-break: break-all; }
.events .warn { color: #92400e; }
.events .error { color: #b91c1c; }
.json { background: #0f172a; color: #e2e8f0; padding: 8px; border-radius: 4px; overflow: auto; max-height: 340px; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
.attempts { border-collapse: collapse; margin: 6px 0; font-size: 12px; }
.attempts caption { text-align: left; font-weight: 600; }
.attempts td, .attempts th { border: 1px solid #e5e7eb; padding: 2px 6px; text-align: left; vertical-align: top; }
.error { color: #b91c1c; }
code { word-break: break-all; }
/* The status surface in the page flow (inline): no corner offset. */
#status { margin: 8px 0; }
`;

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The demo app page. The Pillar SDK comes from node_modules through an import map. */
export function renderAppPage(config: DemoPageConfig): string {
  const users = DEMO_USER_IDS.map((id) => {
    const { label, user } = DEMO_USERS[id];
    return `<label><input type="radio" name="user" value="${id}" data-testid="user-${id}"> ${escapeHtml(label)}: ${escapeHtml(user.name ?? '')}, plan ${escapeHtml(user.plan ?? '')}, ${escapeHtml(user.role ?? '')}</label>`;
  }).join('\n');
  const modes = config.serverModes
    .map((m) => `<li data-option="${escapeHtml(m.optionId)}" data-mode="${escapeHtml(m.mode)}">“${escapeHtml(m.label)}” → ${escapeHtml(m.target)}${m.warning ? ` <span class="error">(${escapeHtml(m.warning)})</span>` : ''}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports · Acme Analytics</title>
<style>${STYLE}</style>
<script type="importmap">{"imports":{"@pillar-ai/sdk":"/vendor/pillar-sdk.js"}}</script>
<script type="application/json" id="demo-config">${scriptJson(config)}</script>
<script type="module" src="/app.js"></script>
</head>
<body>
<header class="topbar"><span class="brand">Acme Analytics</span><span>Reports</span><span style="flex:1"></span>
<span>Pillar Escalation demo</span><a href="/inbox" target="_blank" data-testid="inbox-link">Open the inbox</a></header>
<main>
<div>
<section>
<h2>Demo controls</h2>
<fieldset><legend>Signed in as</legend>
${users}
<p class="hint">The page sets a <code>demo_user</code> cookie; the server's <code>identify</code> reads it. A real app uses its session.</p>
</fieldset>
<fieldset><legend>Clock</legend>
<label>Now, in New York: <input type="datetime-local" id="now-input" data-testid="now-input"></label>
<button type="button" id="now-real">Back to the real time</button>
<p id="hours-status" class="hint" data-testid="hours-status"></p>
</fieldset>
<fieldset><legend>Conversation</legend>
<label><input type="checkbox" id="seeded" checked> Hand the seeded conversation to the escalation</label>
<p class="hint">Offline, Pillar has no backend, so <code>getChatContext()</code> is null: the page supplies this conversation instead.</p>
</fieldset>
<h3>Sidebar tabs from <code>sidebarTabs()</code> (the tabs and their gates)</h3>
<ul id="tabs-now" data-testid="tabs-now"></ul>
<h3>Where the server delivers</h3>
<ul data-testid="server-modes">${modes}</ul>
<p class="hint">Support hours: ${escapeHtml(SUPPORT_HOURS_LABEL)}. The Intercom Messenger ${config.intercom.real ? `uses workspace ${escapeHtml(config.intercom.appId)}` : 'has a placeholder workspace id and no network to load from'}: it fails within ${config.intercom.widgetTimeoutMs} ms and “Talk to Support” falls back to “Open a ticket”.</p>
</section>
<section style="margin-top:16px">
<h2>The conversation</h2>
<ol id="conversation" data-testid="conversation"></ol>
</section>
</div>
<div>
<section>
<h2>What the user sees</h2>
<p class="hint">The status surface (<code>connectPillar(…, { status })</code>): the outcome of the click, then what support does, live from the relay’s event stream. Act on the ticket in the <a href="/inbox" target="_blank">inbox’s agent console</a>.</p>
<div id="status" data-testid="status"></div>
<h3>Lifecycle events (analytics)</h3>
<ol id="lifecycle-log" class="events" data-testid="lifecycle-log"></ol>
</section>
<section style="margin-top:16px">
<h2>What happened</h2>
<p class="hint">Click a tab of the Pillar sidebar on the right. Each escalation shows its events, the payload of every option tried, and the result or the error as it is.</p>
<div id="log" data-testid="log"></div>
</section>
</div>
</main>
</body>
</html>`;
}
