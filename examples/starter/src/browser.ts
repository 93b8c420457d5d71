// browser.ts: the page. Pillar shows the tabs this user may use; a click relays to the server.
import { Pillar } from '@pillar-ai/sdk';
import type { EscalationError, EscalationResult } from '@pillar/escalation-core';
import { connectPillarLazily, sidebarTabs, type EscalationUser } from '@pillar/escalation-core/sidebar';
import { supportOptions } from './options';

/** What the page tells the user once support has the conversation. */
export function deliveredText(result: EscalationResult): string {
  const ticket = result.reference?.id;
  return ticket ? `Ticket #${ticket} created — we'll reply by email` : "Support has your conversation — we'll reply by email";
}

/** What the page tells the user when it did not work (the code is for your logs). */
export function failedText(error: EscalationError): string {
  if (error.code === 'RATE_LIMITED') return 'Too many requests: please wait a minute and try again';
  if (error.code === 'NOT_ALLOWED') return 'This support option is not available to you';
  return `Support could not be reached (${error.code}): please try again`;
}

const status = document.getElementById('support-status')!;
function show(text: string, state: 'sending' | 'delivered' | 'failed'): void {
  status.textContent = text;
  status.dataset.state = state;
}

async function boot(): Promise<void> {
  // Your app knows who is signed in. The server checks it again (`identify`), never trusting this.
  const me = await fetch('/api/me');
  if (me.status === 401) return show('Sign in to contact support', 'failed');
  const user = (await me.json()) as EscalationUser;
  // { productKey } (and, offline in tests, { apiBaseUrl }), written into the page by the server.
  const config = JSON.parse(document.getElementById('pillar-config')!.textContent!) as { productKey: string; apiBaseUrl?: string };

  const pillar = await Pillar.init({
    ...config,
    // Gates applied, in order: a free user gets no "Priority support" tab.
    sidebarTabs: await sidebarTabs(supportOptions, { conversationId: null, messages: [], user }),
  });
  // The escalation code (./escalation.ts) loads when the browser is idle, when the pointer nears
  // the sidebar, or at the first click, which waits for it: the page loads only the tabs.
  connectPillarLazily(pillar, {
    tabs: supportOptions.map((option) => option.id),
    load: (sdk) =>
      import('./escalation').then((escalation) =>
        escalation.connect(sdk, {
          user,
          sending: () => show('Contacting support…', 'sending'),
          delivered: (result) => show(deliveredText(result), 'delivered'),
          failed: (error) => show(failedText(error), 'failed'),
        }),
      ),
    onError: (error) => show(failedText(error), 'failed'),
  });
  document.body.dataset.ready = 'true';
}

boot().catch((error: unknown) => show(`Support is unavailable: ${error instanceof Error ? error.message : String(error)}`, 'failed'));
