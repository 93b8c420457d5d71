// What the user sees after the click: the status surface of @pillar/escalation-core, which
// connectPillar shows with its `status` option, following the relay's lifecycle over SSE. The
// surface itself (`@pillar/escalation-core/status`) loads with ./escalation.ts, on use; this
// file has only types from it, so the page's first bytes stay small.
import type { StatusLifecycleEvent, StatusOptions, StatusPillar, StatusResolvedEvent } from '@pillar/escalation-core/status';
import { h } from './dom';

/**
 * The status options the demo gives `connectPillar`: inline in the page's "What the user sees"
 * section, following the relay at `endpoint`, with the agent's public reply shown.
 */
export function demoStatusOptions(endpoint: string, pillar: StatusPillar): StatusOptions {
  return {
    follow: endpoint,
    container: document.getElementById('status')!,
    inline: true,
    // The page is where the demo's users can read an answer: their example.com addresses get no email.
    showReplies: true,
    // Both relay options create a ticket in the help desk (the inbox, or Zendesk / Freshdesk).
    providerNames: { ticket: 'our help desk', message: 'our help desk' },
    pillar,
    storageKey: STATUS_STORAGE_KEY,
  };
}

/**
 * Where the surface keeps the escalation it follows across reloads (`sessionStorage`). The page
 * reads it at boot: when there is one to resume, it loads the escalation code at once instead
 * of when the browser is idle.
 */
export const STATUS_STORAGE_KEY = 'pillar-escalation-demo-status';

/** Whether a reload has an escalation to resume following (see {@link STATUS_STORAGE_KEY}). */
export function hasStatusToResume(): boolean {
  try {
    return sessionStorage.getItem(STATUS_STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * The analytics the surface emits (`escalation:lifecycle`, `escalation:resolved`, bubbling
 * from the element), listed under it: one line per lifecycle change, with the time since the click.
 */
export function listLifecycleEvents(list: HTMLElement): void {
  document.addEventListener('escalation:lifecycle', (event) => {
    const detail = (event as CustomEvent<StatusLifecycleEvent>).detail;
    list.append(
      h(
        'li',
        { 'data-testid': 'lifecycle-event', 'data-state': detail.state, 'data-key': detail.idempotencyKey },
        `escalation:lifecycle ${detail.state} · option ${detail.optionId}${detail.kind ? ` (${detail.kind})` : ''} · ${(detail.sinceClickMs / 1000).toFixed(1)} s after the click`,
      ),
    );
  });
  document.addEventListener('escalation:resolved', (event) => {
    const detail = (event as CustomEvent<StatusResolvedEvent>).detail;
    list.append(
      h(
        'li',
        { 'data-testid': 'resolved-event', 'data-back': String(detail.backToAssistant) },
        `escalation:resolved · ${detail.backToAssistant ? 'the user went back to the assistant' : 'solved'} · ${(detail.sinceClickMs / 1000).toFixed(1)} s after the click`,
      ),
    );
  });
}
