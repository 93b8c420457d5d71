import { EscalationError } from '@pillar/escalation-core';

/** The `zE` global both Zendesk widgets define. Every call is fire-and-forget; it never throws when blocked, it just does nothing. */
export type ZendeskGlobal = (...args: unknown[]) => unknown;

const POLL_MS = 50;

export interface OpenWidgetParams {
  /** For messages: "Zendesk Messaging widget". */
  widget: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Wait for the widget's `open` event; `false` resolves as soon as the commands are sent. */
  confirmOpen: boolean;
  /**
   * Sends the commands. `onOpen` must be subscribed before `open` is sent. May return a
   * function that unsubscribes (the Messaging widget returns one from `messenger:on`).
   */
  send(zE: ZendeskGlobal, onOpen: () => void): (() => void) | undefined;
  /**
   * Takes back an `open` that was sent but not confirmed (timeout or abort), so a widget that
   * loads late does not pop up after the fallback has taken over.
   */
  cancel(zE: ZendeskGlobal): void;
}

/**
 * Waits (bounded) for `window.zE`, sends the commands, and waits (within the same bound) for the
 * widget to say it opened. A widget that is missing or blocked rejects with
 * `PROVIDER_UNAVAILABLE`; an abort rejects with `ABORTED`. Every timer and listener is cleared
 * either way.
 */
export function openZendeskWidget(params: OpenWidgetParams): Promise<void> {
  const { widget, timeoutMs, signal, confirmOpen } = params;
  if (signal?.aborted) return Promise.reject(aborted(widget, signal));
  // Server rendering (or a worker): there is no page to open a widget in.
  if (typeof window === 'undefined') {
    return Promise.reject(new EscalationError('PROVIDER_UNAVAILABLE', `The ${widget} runs only in a browser page (there is no window here)`));
  }
  const host = window as unknown as { zE?: unknown };

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let sent = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | undefined;

    const cleanup = () => {
      settled = true;
      clearTimeout(deadline);
      if (poll !== undefined) clearTimeout(poll);
      signal?.removeEventListener('abort', onAbort);
      if (unsubscribe) {
        try {
          unsubscribe();
        } catch {
          // The widget's own unsubscribe failing must not turn a success into a failure.
        }
      }
    };
    const succeed = () => {
      if (settled) return;
      cleanup();
      resolve();
    };
    const fail = (error: EscalationError) => {
      if (settled) return;
      cleanup();
      if (sent && typeof host.zE === 'function') {
        try {
          params.cancel(host.zE as ZendeskGlobal);
        } catch {
          // Best effort: the failure being reported matters more.
        }
      }
      reject(error);
    };
    const onAbort = () => fail(aborted(widget, signal));

    const attempt = () => {
      poll = undefined;
      if (settled) return;
      const zE = host.zE;
      if (typeof zE !== 'function') {
        poll = setTimeout(attempt, Math.min(POLL_MS, timeoutMs));
        return;
      }
      sent = true;
      try {
        const off = params.send(zE as ZendeskGlobal, succeed);
        if (typeof off === 'function') {
          if (settled) off();
          else unsubscribe = off;
        }
      } catch (error) {
        fail(new EscalationError('PROVIDER_UNAVAILABLE', `The ${widget} failed when called: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
        return;
      }
      if (!confirmOpen) succeed();
    };

    const deadline = setTimeout(() => {
      const why = sent
        ? `window.zE is present but the widget did not confirm it opened (blocked, not configured for this page, or already open; set confirmOpen: false to skip the check)`
        : `window.zE is missing (an ad blocker blocked it, or the Zendesk snippet is not on the page)`;
      fail(new EscalationError('PROVIDER_UNAVAILABLE', `The ${widget} did not open within ${timeoutMs} ms: ${why}`, { details: { widget, timeoutMs, loaded: sent } }));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    attempt();
  });
}

function aborted(widget: string, signal?: AbortSignal): EscalationError {
  return new EscalationError('ABORTED', `Opening the ${widget} was aborted`, { cause: signal?.reason });
}
