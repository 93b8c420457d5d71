import type { AdapterLimits, AdapterRuntime, DeliverOptions, Delivery, EscalationAdapter } from '../adapter';
import type { EscalationContext } from '../context/types';
import { EscalationError, isEscalationError } from '../errors';

/** Marks an adapter made by {@link lazyAdapter}; the registry loads its implementation before using it. */
export const LAZY_ADAPTER: unique symbol = Symbol.for('pillar.escalation.lazy-adapter') as never;

/** How long a load may take before it counts as failed (a chunk that never arrives). */
export const DEFAULT_LAZY_LOAD_TIMEOUT_MS = 10_000;

/** What `lazyAdapter` needs: what the sidebar must know at page load, and how to load the rest. */
export interface LazyAdapterSpec<P = unknown> {
  /** The implementation's `kind`, known before it loads (checked once it has). */
  kind: string;
  /** The implementation's `runtime`, known before it loads (checked once it has). */
  runtime: AdapterRuntime;
  /** The implementation's limits, when the app wants them known before it loads. @defaultValue the implementation's */
  limits?: AdapterLimits;
  /** As {@link EscalationAdapter.fallbackOnAmbiguous}. @defaultValue the implementation's */
  fallbackOnAmbiguous?: boolean;
  /**
   * Loads the implementation, through a dynamic `import()` that the app's bundler splits into a
   * chunk of its own: `() => import('@pillar/escalation-intercom').then((m) => m.intercomMessenger({ appId }))`.
   * Called once; called again on the next use after a failure. Browsers keep a failed module
   * fetch for the life of the page (Chromium does), so that second call loads it only if the first
   * had timed out here while its download went on; after a network error, a reload does.
   */
  load: () => Promise<EscalationAdapter<P>>;
  /** A load that takes longer fails with `PROVIDER_UNAVAILABLE`. @defaultValue 10 000 ms */
  loadTimeoutMs?: number;
}

/**
 * An adapter whose code loads on first use. It is an {@link EscalationAdapter} (so options,
 * `connectPillar` and the server relay take it as they are), with its implementation behind
 * `load()`. The registry loads it before building a payload (`escalate`), or when asked to
 * (`registry.prepare`); `toPayload` before then is a `CONFIGURATION` error.
 */
export interface LazyAdapter<P = unknown> extends EscalationAdapter<P> {
  /** Marks a lazy adapter. */
  readonly [LAZY_ADAPTER]: true;
  /**
   * Loads the implementation (once; again after a failure). Rejects with `PROVIDER_UNAVAILABLE`
   * when the chunk fails to load (offline, blocked, deployed away) or times out, and with
   * `CONFIGURATION` when it loads something that is not an adapter of the declared kind.
   */
  load(): Promise<EscalationAdapter<P>>;
  /** The implementation once loaded, else `undefined`. */
  loaded(): EscalationAdapter<P> | undefined;
}

/** Whether an adapter loads on first use (made by {@link lazyAdapter}). */
export function isLazyAdapter(adapter: unknown): adapter is LazyAdapter {
  return typeof adapter === 'object' && adapter !== null && (adapter as { [LAZY_ADAPTER]?: unknown })[LAZY_ADAPTER] === true;
}

/**
 * An adapter whose payload and delivery code load on first use, so the page pays only for the
 * sidebar's tabs:
 *
 * ```ts
 * const chat = lazyAdapter({
 *   kind: 'intercom-messenger',
 *   runtime: 'browser',
 *   load: () => import('@pillar/escalation-intercom').then((m) => m.intercomMessenger({ appId: 'abc123' })),
 * });
 * createRegistry([{ id: 'chat', label: 'Chat with us', adapter: chat }]);
 * ```
 *
 * `connectPillar` loads it ahead of the click (browser idle, pointer near the sidebar); the
 * registry awaits it in `escalate`. A failed load is `PROVIDER_UNAVAILABLE` and the option's
 * `fallback` takes over, like any unavailable provider.
 */
export function lazyAdapter<P = unknown>(spec: LazyAdapterSpec<P>): LazyAdapter<P> {
  if (typeof spec !== 'object' || spec === null || typeof spec.load !== 'function') {
    throw new EscalationError('CONFIGURATION', 'lazyAdapter: load must be a function returning a promise of the adapter, e.g. () => import(...).then((m) => m.factory(options))');
  }
  const timeoutMs = spec.loadTimeoutMs ?? DEFAULT_LAZY_LOAD_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new EscalationError('CONFIGURATION', `lazyAdapter: loadTimeoutMs must be a positive number, got ${String(spec.loadTimeoutMs)}`);
  let implementation: EscalationAdapter<P> | undefined;
  let loading: Promise<EscalationAdapter<P>> | undefined;

  const load = (): Promise<EscalationAdapter<P>> => {
    if (implementation) return Promise.resolve(implementation);
    if (!loading) {
      loading = withTimeout(spec.load, timeoutMs, spec.kind).then(
        (loadedAdapter) => {
          implementation = checkImplementation(loadedAdapter, spec);
          return implementation;
        },
        (cause: unknown) => {
          throw isEscalationError(cause) ? cause : unavailable(spec.kind, cause);
        },
      );
      // A failure is not kept here: the next use calls `load` again (the browser may still refuse
      // a module whose fetch failed until the page reloads).
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };

  const adapter: LazyAdapter<P> = {
    [LAZY_ADAPTER]: true,
    kind: spec.kind,
    runtime: spec.runtime,
    ...(spec.limits ? { limits: spec.limits } : {}),
    ...(spec.fallbackOnAmbiguous === undefined ? {} : { fallbackOnAmbiguous: spec.fallbackOnAmbiguous }),
    load,
    loaded: () => implementation,
    toPayload(context: EscalationContext): P {
      if (!implementation) throw notLoaded(spec.kind);
      return implementation.toPayload(context);
    },
    async deliver(payload: P, options: DeliverOptions): Promise<Delivery> {
      return (await load()).deliver(payload, options);
    },
  };
  return adapter;
}

/** The error of `toPayload` (and `registry.preview`) before the implementation loaded. */
export function notLoaded(kind: string, optionId?: string): EscalationError {
  const which = optionId === undefined ? `The "${kind}" adapter` : `Option "${optionId}" (a "${kind}" adapter)`;
  const prepare = optionId === undefined ? 'await registry.prepare(optionId)' : `await registry.prepare('${optionId}')`;
  return new EscalationError('CONFIGURATION', `${which} loads on first use and has not loaded yet: ${prepare} (or adapter.load()) first; escalate loads it itself`, {
    ...(optionId === undefined ? {} : { optionId }),
    details: { lazy: 'not-loaded' },
  });
}

function unavailable(kind: string, cause: unknown): EscalationError {
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  return new EscalationError('PROVIDER_UNAVAILABLE', `The code of the "${kind}" adapter could not be loaded (offline, blocked, or no longer deployed; reloading the page loads it again)${why}`, {
    retryable: true,
    details: { lazy: 'load-failed' },
    cause,
  });
}

function withTimeout<T>(load: () => Promise<T>, timeoutMs: number, kind: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new EscalationError('PROVIDER_UNAVAILABLE', `The code of the "${kind}" adapter did not load within ${timeoutMs} ms`, { retryable: true, details: { lazy: 'load-timeout' } })), timeoutMs);
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(load());
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function checkImplementation<P>(adapter: unknown, spec: LazyAdapterSpec<P>): EscalationAdapter<P> {
  const a = adapter as Partial<EscalationAdapter<P>> | null;
  const fail = (what: string): never => {
    throw new EscalationError('CONFIGURATION', `lazyAdapter "${spec.kind}": load() ${what}`, { details: { lazy: 'mismatch' } });
  };
  if (typeof a !== 'object' || a === null || typeof a.toPayload !== 'function' || typeof a.deliver !== 'function') return fail('did not resolve an adapter (with toPayload and deliver)');
  if (isLazyAdapter(a)) return fail('resolved another lazy adapter');
  if (a.kind !== spec.kind) return fail(`resolved a "${String(a.kind)}" adapter, not the declared "${spec.kind}"`);
  if (a.runtime !== spec.runtime) return fail(`resolved a ${String(a.runtime)} adapter, not the declared ${spec.runtime}`);
  return a as EscalationAdapter<P>;
}
