import { EscalationError } from '@pillar/escalation-core';

/** The Help Widget's global: `FreshworksWidget(method, ...args)`. */
export type FreshworksWidgetFunction = ((method: string, ...args: unknown[]) => unknown) & {
  /**
   * The queue of the embed snippet's stub, which holds calls until the widget script loads. An
   * array here means the function may still be that stub; the adapter treats a function without
   * one as the loaded widget.
   */
  q?: unknown;
};

/** The parts of `window` the widget adapter reads. */
export interface FreshworksWindow {
  /**
   * `window.FreshworksWidget`. Absent when the embed snippet is not on the page; until the widget
   * script loads (and for good when it is blocked) it is the snippet's stub, which only queues calls.
   */
  FreshworksWidget?: FreshworksWidgetFunction;
  /** The page, searched for the element the loaded widget renders into ({@link FRESHWORKS_CONTAINER_ID}). */
  document?: {
    /** `document.getElementById`: the element with that id, or a falsy value when there is none. */
    getElementById(id: string): unknown;
  };
}

/** How {@link waitForFreshworksWidget} waits. */
export interface WaitForWidgetOptions {
  /** Give up after this many milliseconds, with `PROVIDER_UNAVAILABLE`. */
  timeoutMs: number;
  /** Stops the wait: the promise rejects with `ABORTED` at once, and no timer is left behind. */
  signal?: AbortSignal;
  /** How often to look again. @defaultValue 50 */
  pollMs?: number;
}

/** The element the real widget script renders its launcher and form frames into. */
export const FRESHWORKS_CONTAINER_ID = 'freshworks-container';

type WidgetState = 'missing' | 'stub' | 'ready';

/**
 * Whether the real widget is running. The loader snippet defines a stub `FreshworksWidget`
 * that only queues calls in `FreshworksWidget.q`; the widget script, once it loads, replaces
 * that stub and renders `#freshworks-container`. So the widget counts as ready when the
 * global is a function and any of these holds: it has no `q` queue (it is not the stub), it
 * is no longer the stub first seen, or the container element exists. A blocked script leaves
 * the stub in place forever.
 */
function widgetState(win: FreshworksWindow, firstStub: FreshworksWidgetFunction | undefined): WidgetState {
  const fn = win.FreshworksWidget;
  if (typeof fn !== 'function') return 'missing';
  if (!Array.isArray(fn.q)) return 'ready';
  if (firstStub !== undefined && fn !== firstStub) return 'ready';
  if (win.document?.getElementById(FRESHWORKS_CONTAINER_ID)) return 'ready';
  return 'stub';
}

/**
 * Resolves with the real `FreshworksWidget` as soon as it is loaded, or rejects within
 * `timeoutMs`: `PROVIDER_UNAVAILABLE` with `details.reason` `missing` (no global at all: the
 * snippet is not on the page) or `blocked` (only the loader's queue stub: the widget script
 * was blocked or failed), `ABORTED` when the signal aborts. Leaves no timer behind.
 */
export function waitForFreshworksWidget(win: FreshworksWindow, options: WaitForWidgetOptions): Promise<FreshworksWidgetFunction> {
  const { timeoutMs, signal, pollMs = 50 } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    const started = Date.now();
    let firstStub: FreshworksWidgetFunction | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => finish(() => reject(aborted(signal)));
    const finish = (settle: () => void) => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const check = () => {
      timer = undefined;
      const state = widgetState(win, firstStub);
      if (state === 'stub') firstStub ??= win.FreshworksWidget;
      if (state === 'ready') return finish(() => resolve(win.FreshworksWidget as FreshworksWidgetFunction));
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0) return finish(() => reject(unavailable(state, timeoutMs)));
      timer = setTimeout(check, Math.min(pollMs, left));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    check();
  });
}

function unavailable(state: Exclude<WidgetState, 'ready'>, timeoutMs: number): EscalationError {
  const message =
    state === 'missing'
      ? `The Freshdesk widget is not on the page: window.FreshworksWidget was not defined within ${timeoutMs} ms (add the widget snippet with your widget_id)`
      : `The Freshdesk widget did not load within ${timeoutMs} ms: its script was blocked or failed (ad blocker, content security policy or network)`;
  return new EscalationError('PROVIDER_UNAVAILABLE', message, { details: { reason: state === 'missing' ? 'missing' : 'blocked', waitedMs: timeoutMs } });
}

function aborted(signal: AbortSignal | undefined): EscalationError {
  return new EscalationError('ABORTED', 'The escalation was aborted', { cause: signal?.reason });
}
