
/** When `connectPillar` loads the code of lazy adapters ahead of the click. */
export interface PrefetchOptions {
  /** When the browser is idle after connecting (`requestIdleCallback`, else a short timer). @defaultValue true */
  idle?: boolean;
  /** When the pointer reaches the Pillar sidebar's tabs, or one of them gets the keyboard focus. @defaultValue true */
  pointer?: boolean;
  /** The longest wait for an idle moment, in ms, before loading anyway. @defaultValue 4000 */
  idleTimeoutMs?: number;
}

/** Wait for an idle moment where the browser cannot tell one (Safari has no `requestIdleCallback`). */
const NO_IDLE_CALLBACK_DELAY_MS = 1_500;
const DEFAULT_IDLE_TIMEOUT_MS = 4_000;
/** The Pillar SDK's sidebar (`@pillar-ai/sdk` 0.1.34): tabs are `button.pillar-edge-trigger` inside `.pillar-edge-sidebar`. */
const SIDEBAR_SELECTOR = '.pillar-edge-sidebar, .pillar-edge-trigger';

type IdleWindow = {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/**
 * Runs `load` ahead of the first click: when the browser is idle, and when the pointer or the
 * focus reaches the sidebar. Where there is no page, or with `options: false`, does nothing. A
 * failed load is not reported here (the click reports it, and tries again); the next trigger
 * tries again, and the first success stops every trigger.
 * @returns the function that stops it.
 * @internal
 */
export function prefetchAhead(load: () => Promise<unknown>, options: boolean | PrefetchOptions | undefined): () => void {
  if (options === false) return () => {};
  const settings: PrefetchOptions = typeof options === 'object' && options !== null ? options : {};
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return () => {};

  let done = false;
  let running = false;
  const stops: Array<() => void> = [];
  const stop = (): void => {
    done = true;
    for (const fn of stops.splice(0)) fn();
  };
  const run = (): void => {
    if (done || running) return;
    running = true;
    let loading: Promise<unknown>;
    try {
      loading = Promise.resolve(load());
    } catch (error) {
      loading = Promise.reject(error);
    }
    loading.then(stop, () => {
      // Offline or blocked: the click reports it; a later trigger tries again.
      running = false;
    });
  };

  if (settings.idle !== false) {
    const win = globalThis as IdleWindow;
    if (typeof win.requestIdleCallback === 'function') {
      const handle = win.requestIdleCallback(run, { timeout: settings.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS });
      stops.push(() => win.cancelIdleCallback?.(handle));
    } else {
      const timer = setTimeout(run, NO_IDLE_CALLBACK_DELAY_MS);
      stops.push(() => clearTimeout(timer));
    }
  }
  if (settings.pointer !== false) {
    // Delegated on the document: the sidebar renders after connectPillar, in an open shadow
    // root or not (composedPath sees into open ones).
    const near = (event: Event): void => {
      for (const target of event.composedPath()) {
        if (typeof (target as Element).matches === 'function' && (target as Element).matches(SIDEBAR_SELECTOR)) {
          run();
          return;
        }
      }
    };
    for (const type of ['pointerover', 'focusin'] as const) {
      doc.addEventListener(type, near, { capture: true, passive: true });
      stops.push(() => doc.removeEventListener(type, near, { capture: true }));
    }
  }
  return stop;
}
