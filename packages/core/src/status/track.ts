import type { EscalationContext } from '../context/types';
import { nextOpening, type BusinessHoursGate } from '../gates/business-hours';
import type { EscalationEventName, EscalationEvents, EscalationResult } from '../registry/events';
import type { EscalationRegistry } from '../registry/registry';
import { maskEmail, pickLocale, providerName } from './describe';
import { followEscalation, type EscalationFollow } from './follow';
import { FINAL_LIFECYCLE_STATES, type EscalationStatusView, type LifecycleUpdate, type StatusFollowOptions, type StatusOptions } from './types';

/** The part of the registry the status surface uses. */
export type StatusRegistry = Pick<EscalationRegistry, 'on' | 'escalate' | 'available' | 'get' | 'now'>;

/** A running status tracker: the current view and the actions the surface offers. */
export interface EscalationStatusTracker {
  /** The current view, `undefined` before the first escalation (or after `dismiss()`). */
  view(): EscalationStatusView | undefined;
  /** Repeats the escalation with the same idempotency key (failed, may exist). No-op when `canRetry` is false. */
  retry(): void;
  /** Escalates to another option (one of `alternatives`). */
  choose(optionId: string): void;
  /** Hands back to the assistant: `pillar.open({ view: 'chat', focusInput: true })`, `onBackToAssistant`, and the resolved event. */
  backToAssistant(): void;
  /** Shows a failure that happened outside the registry's events (e.g. `connectPillar`'s `getContext` failed). */
  report(error: unknown, optionId?: string): void;
  /** Forgets the shown status (kept following stops only at its end; the stored record is cleared at the end). */
  dismiss(): void;
  /** Unsubscribes from the registry and stops following. */
  stop(): void;
}

/** What is kept in `sessionStorage` to resume following after a reload (no conversation text). */
interface StoredStatus {
  v: 1;
  view: Omit<EscalationStatusView, 'alternatives' | 'following' | 'opensAt' | 'canRetry'>;
  followKey: string;
  endpoint: string;
  lastEventId?: string;
}

const DEFAULT_STORAGE_KEY = 'pillar-escalation-status';
const CALENDLY_ORIGIN = 'https://calendly.com';

/** One of several names that may describe a failure's error, read by shape (two copies of core agree). */
interface ErrorLike {
  code?: unknown;
  message?: unknown;
  retryable?: unknown;
  optionId?: unknown;
  details?: { ambiguous?: unknown };
}

function sessionStore(): StatusOptions['storage'] {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // A sandboxed frame or blocked storage: nothing is kept.
    return null;
  }
}

function navigatorLanguage(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}

/**
 * Follows what the registry does with each escalation (`escalation:start`, `:fallback`,
 * `:success`, `:failure`, `:reconcile`) and, after a relayed delivery, what the relay hears back
 * (`StatusOptions.follow`), and calls `onChange` with a new {@link EscalationStatusView} at
 * every change. The `<pillar-escalation-status>` element renders it; an app that renders its own
 * surface uses this directly (words from `statusMessage`).
 *
 * A followed escalation is kept in `sessionStorage` (its key, option, reference, last event id;
 * never the conversation) and resumed when the tracker starts after a reload.
 */
export function trackEscalationStatus(registry: StatusRegistry, options: StatusOptions, onChange: (view: EscalationStatusView | undefined) => void): EscalationStatusTracker {
  const storage = options.storage === undefined ? sessionStore() : options.storage;
  const storageKey = options.storageKey ?? DEFAULT_STORAGE_KEY;
  const follow: StatusFollowOptions | undefined = typeof options.follow === 'string' ? { endpoint: options.follow } : options.follow;
  /** Errors the registry already reported through `escalation:failure`. */
  const seen = new WeakSet<object>();
  let view: EscalationStatusView | undefined;
  let context: EscalationContext | undefined;
  let following: EscalationFollow | undefined;
  let stored: StoredStatus | undefined;
  let stopped = false;
  let resolvedKey: string | undefined;
  let removeCalendly: (() => void) | undefined;

  const now = (): number => {
    try {
      return registry.now().getTime();
    } catch {
      return Date.now();
    }
  };
  const option = (id: string) => {
    try {
      return registry.get(id);
    } catch {
      return undefined;
    }
  };
  const nameOf = (optionId: string, kind?: string) => providerName(optionId, kind, option(optionId)?.label, options.providerNames);
  const publish = () => {
    if (stopped) return;
    if (view) view.following = following !== undefined && following.mode !== 'stopped';
    onChange(view ? { ...view, alternatives: [...view.alternatives] } : undefined);
  };
  const save = () => {
    if (!storage || !stored) return;
    try {
      storage.setItem(storageKey, JSON.stringify(stored));
    } catch {
      // Full or blocked storage: following works until the page closes.
    }
  };
  const forget = () => {
    stored = undefined;
    try {
      storage?.removeItem(storageKey);
    } catch {
      // Nothing to clear.
    }
  };
  const stopFollowing = () => {
    following?.stop();
    following = undefined;
    removeCalendly?.();
    removeCalendly = undefined;
  };

  const analytics = (state: LifecycleUpdate['state'], v: EscalationStatusView) => {
    const event = { optionId: v.optionId, ...(v.kind ? { kind: v.kind } : {}), idempotencyKey: v.idempotencyKey ?? '', state, sinceClickMs: Math.max(0, now() - v.startedAt) };
    try {
      options.onLifecycle?.(event);
      if (state === 'solved' && resolvedKey !== v.idempotencyKey) {
        resolvedKey = v.idempotencyKey;
        options.onResolved?.({ ...event, backToAssistant: false });
      }
    } catch {
      // Analytics never break the surface.
    }
  };

  const applyLifecycle = (update: LifecycleUpdate) => {
    if (!view) return;
    if (view.phase === 'may-exist' || view.phase === 'working') view.phase = 'delivered';
    view.lifecycle = update.state;
    if (update.at) view.lifecycleAt = update.at;
    else delete view.lifecycleAt;
    if (options.showReplies && update.reply !== undefined && update.state === 'agent_replied') {
      const max = Math.max(1, options.maxReplyLength ?? 280);
      const chars = [...update.reply.trim()];
      view.reply = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
    }
    if (stored) {
      stored.view = { ...stored.view, lifecycle: update.state, ...(update.at ? { lifecycleAt: update.at } : {}), ...(view.reply ? { reply: view.reply } : {}), phase: view.phase };
      if (update.id) stored.lastEventId = update.id;
      if ((FINAL_LIFECYCLE_STATES as readonly string[]).includes(update.state)) forget();
      else save();
    }
    analytics(update.state, view);
    publish();
  };

  const startFollowing = (key: string, endpoint: string, lastEventId?: string) => {
    stopFollowing();
    following = followEscalation({
      ...follow!,
      endpoint,
      key,
      ...(lastEventId ? { lastEventId } : {}),
      onUpdate: applyLifecycle,
      onEnd: () => publish(),
    });
  };

  /** Calendly's embed tells the page when the invitee booked (`calendly.event_scheduled`). */
  const listenForBooking = () => {
    if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { event?: unknown } | null;
      if (event.origin !== CALENDLY_ORIGIN || typeof data !== 'object' || data === null || data.event !== 'calendly.event_scheduled') return;
      if (view?.kind?.startsWith('calendly') && view.lifecycle !== 'booked') applyLifecycle({ state: 'booked' });
    };
    window.addEventListener('message', onMessage);
    removeCalendly = () => window.removeEventListener('message', onMessage);
  };

  const alternativesFor = (tried: readonly string[]) => {
    if (!context || !view) return;
    const shown = view;
    registry.available(context, new Date(now())).then(
      (open) => {
        if (view !== shown) return;
        shown.alternatives = open.filter((o) => !tried.includes(o.id)).map((o) => ({ id: o.id, label: o.label }));
        publish();
      },
      () => undefined,
    );
  };

  const fresh = (optionId: string, key: string | undefined, ctx: EscalationContext | undefined): EscalationStatusView => {
    const kind = option(optionId)?.adapter.kind;
    const replyTo = maskEmail(ctx?.user?.email);
    const timeZone = options.timeZone ?? ctx?.user?.timeZone;
    return {
      phase: 'working',
      requestedOptionId: optionId,
      optionId,
      ...(key ? { idempotencyKey: key } : {}),
      ...(kind ? { kind } : {}),
      provider: nameOf(optionId, kind),
      ...(replyTo ? { replyTo } : {}),
      alternatives: [],
      canRetry: false,
      following: false,
      startedAt: now(),
      locale: pickLocale(options.locale, ctx?.user?.locale, navigatorLanguage()),
      ...(timeZone ? { timeZone } : {}),
    };
  };

  const onStart = (event: EscalationEvents['escalation:start']) => {
    // A retry with the same key keeps its click time; anything else is a new escalation.
    const same = view?.idempotencyKey === event.idempotencyKey ? view : undefined;
    stopFollowing();
    forget();
    context = event.context;
    view = fresh(event.optionId, event.idempotencyKey, event.context);
    if (same) view.startedAt = same.startedAt;
    publish();
  };

  const onFallback = (event: EscalationEvents['escalation:fallback']) => {
    if (!view || view.phase !== 'working') return;
    const kind = option(event.to)?.adapter.kind;
    view.fallback = {
      from: view.fallback?.from ?? event.from,
      fromProvider: view.fallback?.fromProvider ?? nameOf(event.from, option(event.from)?.adapter.kind),
      to: event.to,
      toProvider: nameOf(event.to, kind),
      code: event.error.code,
    };
    view.optionId = event.to;
    view.provider = view.fallback.toProvider;
    if (kind) view.kind = kind;
    publish();
  };

  const onSuccess = ({ result }: EscalationEvents['escalation:success']) => {
    if (!view || view.idempotencyKey !== result.idempotencyKey) view = fresh(result.requestedOptionId, result.idempotencyKey, context);
    const v = view;
    const serverKind = relayedKind(result);
    v.phase = 'delivered';
    v.optionId = result.optionId;
    v.kind = serverKind ?? result.kind;
    v.provider = nameOf(result.optionId, v.kind);
    v.delivery = result.status;
    if (result.reference) v.reference = { ...result.reference };
    v.alternatives = [];
    v.canRetry = false;
    delete v.error;
    if (result.optionId !== result.requestedOptionId) {
      const failed = result.attempts.find((a) => a.outcome === 'failed');
      v.fallback = {
        from: result.requestedOptionId,
        fromProvider: nameOf(result.requestedOptionId, option(result.requestedOptionId)?.adapter.kind),
        to: result.optionId,
        toProvider: v.provider,
        code: failed?.error?.code ?? v.fallback?.code ?? 'PROVIDER_UNAVAILABLE',
      };
    }
    const key = result.optionId === result.requestedOptionId ? result.idempotencyKey : `${result.idempotencyKey}:${result.optionId}`;
    if (follow && (follow.kinds ?? ['relay']).includes(result.kind)) {
      stored = { v: 1, view: storable(v), followKey: key, endpoint: follow.endpoint };
      save();
      startFollowing(key, follow.endpoint);
    }
    if (v.kind.startsWith('calendly')) listenForBooking();
    publish();
  };

  const onFailure = (event: EscalationEvents['escalation:failure']) => {
    seen.add(event.error);
    if (!view || view.requestedOptionId !== event.optionId) view = fresh(event.optionId, undefined, context);
    const v = view;
    const error = event.error as ErrorLike;
    const last = [...event.attempts].reverse().find((a) => a.outcome !== 'skipped');
    if (last && last.optionId !== v.optionId) {
      v.optionId = last.optionId;
      v.provider = nameOf(last.optionId, last.kind);
    }
    v.error = { code: String(error.code), message: String(error.message), retryable: error.retryable === true };
    const tried = [event.optionId, ...event.attempts.map((a) => a.optionId)];
    if (error.details?.ambiguous === true) {
      v.phase = 'may-exist';
      v.canRetry = v.idempotencyKey !== undefined && context !== undefined;
      // The relay may learn of it from the provider: follow, as "we are checking" says.
      const relayed = last?.kind !== undefined && follow !== undefined && (follow.kinds ?? ['relay']).includes(last.kind);
      if (relayed && v.idempotencyKey) {
        const key = last!.optionId === v.requestedOptionId ? v.idempotencyKey : `${v.idempotencyKey}:${last!.optionId}`;
        stored = { v: 1, view: storable(v), followKey: key, endpoint: follow!.endpoint };
        save();
        startFollowing(key, follow!.endpoint);
      }
    } else if (error.code === 'NOT_ALLOWED' && event.attempts.length === 0) {
      markUnavailable(v, event.optionId);
      alternativesFor(tried);
    } else {
      v.phase = 'failed';
      v.canRetry = v.idempotencyKey !== undefined && context !== undefined;
      alternativesFor(tried);
    }
    publish();
  };

  const markUnavailable = (v: EscalationStatusView, optionId: string) => {
    v.phase = 'unavailable';
    v.canRetry = false;
    const at = new Date(now());
    let opensAt: Date | null | undefined;
    try {
      opensAt = options.nextOpening?.(optionId, at);
      const gate: unknown = option(optionId)?.when;
      // A businessHours() gate keeps its spec: its next opening is computed from it.
      if (opensAt === undefined && typeof gate === 'function' && typeof (gate as Partial<BusinessHoursGate>).spec?.timeZone === 'string') opensAt = nextOpening(gate as BusinessHoursGate, at);
    } catch {
      opensAt = undefined;
    }
    // Open now (the refusal was not the hours): say "not available to you", with no time.
    v.opensAt = opensAt instanceof Date && opensAt.getTime() > at.getTime() ? opensAt : null;
  };

  const onReconcile = (event: EscalationEvents['escalation:reconcile']) => {
    // `found` ends in `escalation:success`; `unresolved` in a "may exist" failure. Nothing to show in between.
    if (view && event.idempotencyKey === view.idempotencyKey) publish();
  };

  const escalate = (optionId: string, key?: string) => {
    if (!context) return;
    registry.escalate(optionId, context, key ? { idempotencyKey: key } : {}).catch((error: unknown) => {
      // Rejected before any event (unknown option, bad context): show it here.
      if (typeof error === 'object' && error !== null && !seen.has(error)) tracker.report(error, optionId);
    });
  };

  const unsubscribes: Array<() => void> = [];
  const subscribe = <E extends EscalationEventName>(name: E, listener: (event: EscalationEvents[E]) => void) => {
    unsubscribes.push(
      registry.on(name, (event) => {
        if (stopped) return;
        try {
          listener(event);
        } catch {
          // A malformed event must not break the app's other listeners.
        }
      }),
    );
  };
  subscribe('escalation:start', onStart);
  subscribe('escalation:fallback', onFallback);
  subscribe('escalation:success', onSuccess);
  subscribe('escalation:failure', onFailure);
  subscribe('escalation:reconcile', onReconcile);

  const tracker: EscalationStatusTracker = {
    view: () => (view ? { ...view, alternatives: [...view.alternatives] } : undefined),
    retry: () => {
      if (view?.canRetry && view.idempotencyKey) escalate(view.requestedOptionId, view.idempotencyKey);
    },
    choose: (optionId) => escalate(optionId),
    backToAssistant: () => {
      try {
        options.pillar?.open?.({ view: 'chat', focusInput: true });
      } catch {
        // The SDK failing to open must not break the page.
      }
      try {
        options.onBackToAssistant?.();
        if (view?.lifecycle) {
          options.onResolved?.({ optionId: view.optionId, ...(view.kind ? { kind: view.kind } : {}), idempotencyKey: view.idempotencyKey ?? '', state: view.lifecycle, sinceClickMs: Math.max(0, now() - view.startedAt), backToAssistant: true });
        }
      } catch {
        // Analytics never break the surface.
      }
    },
    report: (error, optionId) => {
      if (typeof error === 'object' && error !== null) {
        if (seen.has(error)) return;
        seen.add(error);
      }
      const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
      const id = typeof e.optionId === 'string' ? e.optionId : (optionId ?? view?.requestedOptionId ?? '');
      const same = view && view.requestedOptionId === id && view.phase === 'working';
      const v = (view = same ? view! : fresh(id, undefined, context));
      v.error = { code: typeof e.code === 'string' ? e.code : 'PROVIDER_UNAVAILABLE', message: typeof e.message === 'string' ? e.message : String(error), retryable: e.retryable === true };
      if (v.error.code === 'NOT_ALLOWED') markUnavailable(v, id);
      else {
        v.phase = 'failed';
        v.canRetry = false;
      }
      publish();
    },
    dismiss: () => {
      view = undefined;
      publish();
    },
    stop: () => {
      stopFollowing();
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      stopped = true;
    },
  };

  // After a reload: resume the escalation being followed.
  const resumed = readStored(storage, storageKey);
  if (resumed && follow) {
    stored = resumed;
    view = { ...resumed.view, alternatives: [], canRetry: false, following: false };
    startFollowing(resumed.followKey, resumed.endpoint, resumed.lastEventId);
  }
  return tracker;
}

/** The kind of the server adapter behind a relayed result. */
function relayedKind(result: EscalationResult): string | undefined {
  const server = (result.data as { server?: { kind?: unknown } } | undefined)?.server;
  return typeof server?.kind === 'string' && server.kind !== '' ? server.kind : undefined;
}

function storable(view: EscalationStatusView): StoredStatus['view'] {
  const { alternatives: _a, following: _f, opensAt: _o, canRetry: _c, ...rest } = view;
  return rest;
}

function readStored(storage: StatusOptions['storage'], key: string): StoredStatus | undefined {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredStatus>;
    if (parsed.v !== 1 || typeof parsed.followKey !== 'string' || typeof parsed.endpoint !== 'string' || typeof parsed.view !== 'object' || parsed.view === null) return undefined;
    if (typeof parsed.view.optionId !== 'string' || typeof parsed.view.provider !== 'string' || typeof parsed.view.startedAt !== 'number') return undefined;
    return parsed as StoredStatus;
  } catch {
    return undefined;
  }
}
