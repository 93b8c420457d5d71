import { EscalationError, toEscalationError } from '../errors';
import type { PillarLike, PillarSidebarClick } from '../pillar/pillar-like';
import { prefetchAhead, type PrefetchOptions } from './prefetch';

/**
 * Loads the app's escalation module and connects it to the Pillar instance it is given:
 * `(pillar) => import('./escalation').then((m) => m.connect(pillar))`, where `connect` calls
 * `connectPillar(pillar, registry, ...)` and returns what it returns.
 */
export type LoadEscalation = (pillar: PillarLike) => Promise<() => void>;

/** What `connectPillarLazily` needs besides the Pillar instance. */
export interface ConnectPillarLazilyOptions {
  /** The tab ids that escalate (the option ids, or the keys of `connectPillar`'s `tabs`): a click on one loads the escalation module. */
  tabs: readonly string[];
  /** Loads the escalation module and connects it (see {@link LoadEscalation}). */
  load: LoadEscalation;
  /** Load it ahead of the click: when the browser is idle, and when the pointer or focus reaches the sidebar. @defaultValue true */
  prefetch?: boolean | PrefetchOptions;
  /**
   * Called when the escalation module could not be loaded (`PROVIDER_UNAVAILABLE`). The next click
   * calls `load` again, but browsers keep a failed module fetch for the life of the page
   * (Chromium does): tell the user that reloading the page loads it. @defaultValue `console.error`
   */
  onError?: (error: EscalationError, source: { via: 'sidebar'; tabId: string }) => void;
}

/**
 * Connects the Pillar sidebar now and loads the escalation code later: the page bundles only
 * this binding, the options and their gates (`@pillar/escalation-core/sidebar`), and the rest
 * (the registry, adapters, transcripts, redaction, the relay client) loads through `load` when
 * the browser is idle, when the pointer nears the sidebar, or at the first click, which waits
 * for it and is then handled as `connectPillar` handles it.
 *
 * `load` gets a stand-in for the Pillar instance: `connectPillar` subscribes to it as to the SDK,
 * and a click that came before the code is handed over once it is there. A module that fails to
 * load (offline, blocked, deployed away) is `PROVIDER_UNAVAILABLE` in `onError`. The next click
 * (or prefetch) calls `load` again, which helps after a timeout; after a failed fetch the browser
 * answers from its module map until the page reloads.
 *
 * @returns the function that disconnects (the loaded connection too).
 */
export function connectPillarLazily(pillar: PillarLike, options: ConnectPillarLazilyOptions): () => void {
  if (typeof pillar !== 'object' || pillar === null || typeof pillar.on !== 'function') {
    throw new EscalationError('CONFIGURATION', 'connectPillarLazily: expected the Pillar instance (with on()), e.g. the result of await Pillar.init(...)');
  }
  if (typeof options !== 'object' || options === null || typeof options.load !== 'function' || !Array.isArray(options.tabs)) {
    throw new EscalationError('CONFIGURATION', "connectPillarLazily: options need tabs (the tab ids that escalate) and load, e.g. (pillar) => import('./escalation').then((m) => m.connect(pillar))");
  }
  const escalating = new Set(options.tabs);
  const listeners = new Set<(data: PillarSidebarClick) => void>();
  let connected = true;
  let disconnectLoaded: (() => void) | undefined;
  let loading: Promise<void> | undefined;
  let pending: PillarSidebarClick | undefined;

  // What `load` connects to: the SDK itself, except that clicks come through here.
  const standIn = new Proxy(pillar, {
    get(target, key) {
      if (key === 'on') {
        return (event: string, callback: (data: never) => void): (() => void) => {
          if (event !== 'sidebar:click') return (target.on as (event: string, callback: unknown) => () => void).call(target, event, callback);
          const listener = callback as (data: PillarSidebarClick) => void;
          listeners.add(listener);
          return () => listeners.delete(listener);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

  const load = (): Promise<void> => {
    if (disconnectLoaded) return Promise.resolve();
    loading ??= (async () => {
      try {
        const disconnect = await options.load(standIn);
        if (!connected) {
          if (typeof disconnect === 'function') disconnect();
          return;
        }
        disconnectLoaded = typeof disconnect === 'function' ? disconnect : () => {};
      } catch (cause) {
        loading = undefined;
        throw toEscalationError(cause, 'PROVIDER_UNAVAILABLE', 'The escalation code could not be loaded (offline, blocked, or no longer deployed; reloading the page loads it again)');
      }
    })();
    return loading;
  };

  const dispatch = (data: PillarSidebarClick): void => {
    for (const listener of [...listeners]) {
      try {
        listener(data);
      } catch {
        // connectPillar's listener never throws; a stranger's must not reach the SDK.
      }
    }
  };

  const onClick = (data: PillarSidebarClick): void => {
    if (!connected) return;
    if (disconnectLoaded) return dispatch(data);
    const tabId = typeof data === 'object' && data !== null ? data.tabId : undefined;
    if (typeof tabId !== 'string' || !escalating.has(tabId)) return;
    // The latest click wins while the code loads; it is handed over once.
    pending = data;
    load().then(
      () => {
        const click = pending;
        pending = undefined;
        if (click && connected) dispatch(click);
      },
      (error: EscalationError) => {
        pending = undefined;
        if (!connected) return;
        try {
          if (options.onError) options.onError(error, { via: 'sidebar', tabId });
          else globalThis.console?.error?.(`[pillar-escalation] ${error.code}: ${error.message}`);
        } catch {
          // The app's callback failing must not reach the SDK either.
        }
      },
    );
  };

  const unsubscribe = pillar.on('sidebar:click', onClick);
  const stopPrefetch = prefetchAhead(load, options.prefetch);
  return () => {
    if (!connected) return;
    connected = false;
    for (const stop of [unsubscribe, stopPrefetch, disconnectLoaded]) {
      try {
        if (typeof stop === 'function') stop();
      } catch {
        // Best effort, as connectPillar's disconnect.
      }
    }
  };
}
