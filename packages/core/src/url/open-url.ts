import { EscalationError } from '../errors';

/** How a browser adapter leaves the page: a new tab (the app stays open) or this tab. */
export type OpenIn = 'new-tab' | 'same-tab';

/**
 * Opens `url` in the browser, for adapters that redirect (a community page, a scheduling link).
 *
 * New tab: `window.open` without the `noopener` feature, because with it browsers always return
 * `null` and a blocked popup could not be told apart; the opener link is cut right after instead,
 * before the new page can run. Same tab: `location.assign`.
 *
 * @param url - An absolute URL the caller has already checked (host, length).
 * @param openIn - Where to open it.
 * @param provider - Who is opening it, for the error message (`calendlyScheduling`).
 * @throws EscalationError `PROVIDER_UNAVAILABLE` (not retryable) when there is no `window`
 *   (server rendering), or when a popup blocker stops the new tab (`window.open` returns `null`;
 *   `details.url`), so the registry can fall back to the next option.
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
