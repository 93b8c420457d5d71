import { EscalationError } from '@pillar/escalation-core';

/**
 * Opens `url` in a new tab. No `noopener` feature: with it, `window.open` always returns
 * `null` and a blocked popup could not be detected; the opener link is cut right after instead,
 * before the new page runs. `null` means a popup blocker stepped in: `PROVIDER_UNAVAILABLE`.
 */
export function openInNewTab(win: Window, url: string): void {
  const opened = win.open(url, '_blank');
  if (opened === null || opened === undefined) {
    throw new EscalationError('PROVIDER_UNAVAILABLE', 'calendlyScheduling: the popup was blocked, so the scheduling page did not open', {
      retryable: false,
      details: { url },
    });
  }
  try {
    opened.opener = null;
  } catch {
    // Some embedded browsers forbid the write; the page then keeps its opener, as a plain link would.
  }
}
