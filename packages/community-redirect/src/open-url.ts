import { EscalationError } from '@pillar/escalation-core';

/** How a redirect leaves the page. */
export type OpenIn = 'new-tab' | 'same-tab';

/**
 * Opens `url` in the browser. New tab: `window.open` without the `noopener` feature, because
 * with it browsers always return `null` and a blocked popup could not be told apart; the opener
 * link is cut right after instead, before the new page can run. A `null` window means a popup
 * blocker stepped in: `PROVIDER_UNAVAILABLE`, so the registry can fall back.
 */
export function openUrl(url: string, openIn: OpenIn, provider: string): void {
  const w = typeof window === 'undefined' ? undefined : window;
  if (w === undefined || typeof w.open !== 'function') {
    throw new EscalationError('PROVIDER_UNAVAILABLE', `${provider} needs a browser window: there is none here (server rendering?)`, {
      retryable: false,
    });
  }
  if (openIn === 'same-tab') {
    w.location.assign(url);
    return;
  }
  const opened = w.open(url, '_blank');
  if (opened === null || opened === undefined) {
    throw new EscalationError('PROVIDER_UNAVAILABLE', `${provider}: the popup was blocked, so the new tab did not open`, {
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

/** Rejects with `ABORTED` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EscalationError('ABORTED', 'The escalation was aborted', { cause: signal.reason });
}
