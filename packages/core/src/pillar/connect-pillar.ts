import { MAX_COPILOT_ACTIONS, parseCopilotActivity, type CopilotAction, type CopilotActivity } from '../context/actions';
import { fromPillarChat, type PillarChatExtra } from '../context/from-pillar-chat';
import type { ContextLimits } from '../context/limits';
import type { EscalationContext, EscalationReason } from '../context/types';
import { EscalationError, toEscalationError } from '../errors';
import type { EscalationResult } from '../registry/events';
import type { EscalationRegistry } from '../registry/registry';
import type { Clock } from '../tokens';
import type { EscalationStatusConstructor, EscalationStatusHandle } from '../status/element';
import type { StatusOptions, StatusPillar } from '../status/types';
import type { PillarLike, PillarSidebarClick } from './pillar-like';
import { prefetchAhead, type PrefetchOptions } from '../lazy/prefetch';
import { isLazyAdapter } from '../lazy/lazy-adapter';

// No import of './escalation-tool' (nor of the business hours it uses): an app that wires only the
// sidebar must not bundle the tool. scripts/check-size.mjs enforces it.

/** Where an escalation started, as the callbacks report it. */
export interface EscalationSource {
  /** `sidebar`: the user clicked a tab; `tool`: the co-pilot called the escalation tool. */
  via: 'sidebar' | 'tool';
  /** The clicked tab (sidebar). */
  tabId?: string;
  /** The option asked for, once known. */
  optionId?: string;
  /** The reason the co-pilot gave (tool). */
  reason?: EscalationReason;
}

/**
 * A co-pilot tool for `connectPillar`'s `tool` option. Create it with `escalationTool(options)`,
 * so that apps without the tool do not bundle its code. One tool may be given to several
 * `connectPillar` calls (e.g. after re-initialising Pillar).
 */
export interface EscalationTool {
  /** The name the co-pilot calls the tool by (`escalate_to_human` unless set in its options). */
  readonly name: string;
  /**
   * Defines the tool on the connected Pillar instance; called by `connectPillar`, not by apps.
   * Throws `CONFIGURATION` when the tool's options do not fit the registry.
   * @returns the function that removes the tool.
   * @internal
   */
  connect(session: EscalationToolSession): () => void;
}

/**
 * What `connectPillar` shares with its tool: the context, the callbacks and the one-escalation-
 * at-a-time state that clicks and the tool share.
 * @internal
 */
export interface EscalationToolSession {
  /** The Pillar instance; `defineTool` is checked to exist. */
  readonly pillar: PillarLike & Required<Pick<PillarLike, 'defineTool'>>;
  /** The registry the tool escalates through. */
  readonly registry: EscalationRegistry;
  /** "Now", from `connectPillar`'s `clock`. */
  readonly clock: Clock;
  /** False once `disconnect()` was called. */
  connected(): boolean;
  /** Claims the one running escalation: the release function, or `undefined` when one is already running. */
  claim(): (() => void) | undefined;
  /** The conversation from Pillar plus the app's `getContext`, with `reason` set. Rejects with an `EscalationError`. */
  buildContext(reason?: EscalationReason): Promise<EscalationContext>;
  /** Reports a failure to `onError` (or the console); returns it as an `EscalationError`. */
  report(error: unknown, source: EscalationSource): EscalationError;
  /** Reports a delivered escalation to `onEscalated`. */
  delivered(result: EscalationResult, source: EscalationSource): void;
}

/** What `connectPillar` needs besides the SDK instance and the registry. */
export interface ConnectPillarOptions {
  /**
   * Sidebar tab id → option id, for tabs whose id differs from the option's. A list maps one
   * stable tab to several options: a click uses the first one this user may use at that moment
   * (chat in business hours, a ticket after), so the tab never has to change. A tab not listed
   * maps to the option with its own id; a tab that maps to no registered option (the assistant
   * tab, your own tabs) is ignored.
   * @defaultValue `{}` (tab id = option id)
   */
  tabs?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The app's own part of the context: who the user is (`user`), where they are (`page`), and any
   * `metadata`. Called at every escalation, so it always reflects the current user; may be async.
   * @defaultValue no user, page or metadata
   */
  getContext?: () => PillarChatExtra | undefined | Promise<PillarChatExtra | undefined>;
  /** Called after every delivered escalation. @defaultValue none */
  onEscalated?: (result: EscalationResult, source: EscalationSource) => void;
  /**
   * Called with every failure (the registry also emits `escalation:failure` for failed
   * deliveries). Nothing is ever thrown into the SDK.
   * @defaultValue `console.error`
   */
  onError?: (error: EscalationError, source: EscalationSource) => void;
  /**
   * A co-pilot tool (`pillar.defineTool`) that escalates, so the assistant itself can offer a
   * human: `tool: escalationTool({ routes, hours })`. `true` or a plain options object throw
   * `CONFIGURATION` (write `escalationTool(...)` instead).
   * @defaultValue no tool
   */
  tool?: EscalationTool;
  /** "Now" for choosing among a tab's options and for the tool (availability, next opening). @defaultValue the registry's (its `CLOCK`, else the system clock) */
  clock?: Clock;
  /** Limits for the conversation read from Pillar (see `fromPillarChat`). @defaultValue conversation size unlimited, other limits default */
  chatLimits?: Partial<ContextLimits>;
  /**
   * Record what the co-pilot does in the product while connected and pass it on as the
   * context's `copilot` (the handoff brief shows it): the actions the SDK reports
   * (`task:complete`, `tool:result`; at most 20, the latest) and what the app last gave
   * `pillar.setContext` (current page, feature, error state). Names and texts are redacted
   * with the rest of the context. `false` records nothing.
   * @defaultValue true
   */
  recordActivity?: boolean;
  /**
   * Show the user what happened after the click, and what support does next: the
   * `<pillar-escalation-status>` surface (see docs/status.md). Needs
   * `import '@pillar/escalation-core/status'` in the app (so apps without it do not bundle
   * it); without it, `CONFIGURATION` at connect time. `true` uses the defaults; an object sets
   * {@link StatusOptions} (e.g. `follow: '/api/escalation'`). Failures `connectPillar` reports
   * outside the registry's events (a `getContext` failure, no option of a tab open now) show there too.
   * "Back to the assistant" opens this Pillar instance (`pillar.open`). Ignored where there is no page.
   * @defaultValue false
   */
  status?: boolean | StatusOptions;
  /**
   * Load the code of lazy adapters (`lazyAdapter`) ahead of the click, so the first click does
   * not wait for it: when the browser is idle after connecting, and when the pointer or the
   * keyboard focus reaches the sidebar's tabs. `false` loads each on its first click only (e.g.
   * to save data on metered connections); an object turns off either trigger. Nothing happens
   * when no option is lazy.
   * @defaultValue true
   */
  prefetch?: boolean | PrefetchOptions;
}

/** Removes every listener and tool `connectPillar` added. Calling it again does nothing. */
export type DisconnectPillar = () => void;


/**
 * Wires a registry to the Pillar sidebar: a click on a tab that is an escalation option
 * escalates the conversation (from `pillar.getChatContext()`, plus `options.getContext()`), and
 * optionally defines the co-pilot tool from `escalationTool()` to do the same.
 *
 * - A click on a tab that is not an option is ignored; a click while an escalation is running
 *   starts nothing.
 * - Failures go to `options.onError` (and the registry's events), never into the SDK: the
 *   listener and the tool never throw or reject.
 * - Misconfiguration (a `tabs` or tool route naming no option, a tool without
 *   `pillar.defineTool`, `tool: true` or a plain options object instead of `escalationTool()`)
 *   throws `CONFIGURATION` here, at connect time.
 *
 * Tabs: configure Pillar with `await registry.sidebarTabs(context)` at `Pillar.init`; see
 * docs/pillar-sidebar.md for refreshing them when the user or the hours change.
 *
 * @returns the function that disconnects.
 */
export function connectPillar(pillar: PillarLike, registry: EscalationRegistry, options: ConnectPillarOptions = {}): DisconnectPillar {
  checkPillar(pillar);
  checkRegistry(registry);
  checkReservedIds(registry);
  const tabs = checkTabs(options.tabs, registry);
  const tool = checkTool(options.tool);
  const statusElement = checkStatus(options.status);
  if (tool && typeof pillar.defineTool !== 'function') {
    throw new EscalationError('CONFIGURATION', 'connectPillar: options.tool needs pillar.defineTool, which this Pillar instance does not have');
  }
  const clock: Clock = options.clock ?? registry;
  let busy = false;
  let connected = true;
  let status: EscalationStatusHandle | undefined;

  const claim = (): (() => void) | undefined => {
    if (busy) return undefined;
    busy = true;
    return () => {
      busy = false;
    };
  };

  const report = (error: unknown, source: EscalationSource): EscalationError => {
    const escalationError = toEscalationError(error);
    status?.report(escalationError, source.optionId);
    try {
      if (options.onError) options.onError(escalationError, source);
      else globalThis.console?.error?.(`[pillar-escalation] ${escalationError.code}: ${escalationError.message}`, source);
    } catch {
      // The app's callback failing must not reach the SDK either.
    }
    return escalationError;
  };
  const delivered = (result: EscalationResult, source: EscalationSource): void => {
    try {
      options.onEscalated?.(result, source);
    } catch (error) {
      report(error, source);
    }
  };

  const buildContext = async (reason?: EscalationReason): Promise<EscalationContext> => {
    let chat: ReturnType<PillarLike['getChatContext']> = null;
    try {
      chat = pillar.getChatContext();
    } catch {
      // An SDK that cannot tell the conversation must not keep the user from a human: escalate without it.
      chat = null;
    }
    let extra: PillarChatExtra | undefined;
    try {
      extra = await options.getContext?.();
    } catch (error) {
      throw toEscalationError(error, 'CONFIGURATION', 'connectPillar: options.getContext failed');
    }
    if (extra !== undefined && (typeof extra !== 'object' || extra === null)) {
      throw new EscalationError('CONFIGURATION', 'connectPillar: options.getContext must return { user?, page?, metadata? } or undefined');
    }
    const context = fromPillarChat(chat, { ...extra, ...(reason ? { reason } : {}) }, options.chatLimits);
    const copilot = activity?.snapshot();
    if (copilot) context.copilot = copilot;
    return context;
  };

  const onClick = (data: PillarSidebarClick): void => {
    const tabId = typeof data === 'object' && data !== null && typeof data.tabId === 'string' ? data.tabId : undefined;
    if (!connected || tabId === undefined) return;
    const mapped = Object.prototype.hasOwnProperty.call(tabs, tabId) ? tabs[tabId]! : [tabId];
    if (!registry.get(mapped[0]!)) return;
    const release = claim();
    if (!release) return;
    const source: EscalationSource = { via: 'sidebar', tabId, ...(mapped.length === 1 ? { optionId: mapped[0]! } : {}) };
    void (async () => {
      try {
        const context = await buildContext();
        let optionId = mapped[0]!;
        if (mapped.length > 1) {
          const open = new Set((await registry.available(context, clock.now())).map((option) => option.id));
          const first = mapped.find((id) => open.has(id));
          if (first === undefined) {
            throw new EscalationError('NOT_ALLOWED', `None of the options of tab "${tabId}" (${mapped.join(', ')}) is available to this user now`);
          }
          optionId = source.optionId = first;
        }
        const result = await registry.escalate(optionId, context);
        delivered(result, source);
      } catch (error) {
        report(error, source);
      } finally {
        release();
      }
    })();
  };

  // Subscribed before the click, so an SDK (or a fake) that keeps one listener keeps the click's.
  const activity = options.recordActivity === false ? undefined : recordActivity(pillar, clock, tool?.name);
  let unsubscribeClick: () => void;
  try {
    unsubscribeClick = pillar.on('sidebar:click', onClick);
  } catch (error) {
    activity?.stop();
    throw error;
  }
  let removeTool: (() => void) | undefined;
  if (tool) {
    try {
      removeTool = tool.connect({
        pillar: pillar as EscalationToolSession['pillar'],
        registry,
        clock,
        connected: () => connected,
        claim,
        buildContext,
        report,
        delivered,
      });
    } catch (error) {
      safely(unsubscribeClick);
      activity?.stop();
      throw toEscalationError(error, 'CONFIGURATION', 'connectPillar: pillar.defineTool failed');
    }
  }

  // Lazy adapters (lazyAdapter) load ahead of the click; nothing to do without one.
  const lazy = typeof registry.prepare === 'function' && typeof registry.all === 'function' && registry.all().some((option) => isLazyAdapter(option.adapter));
  const stopPrefetch = lazy ? prefetchAhead(() => registry.prepare(), options.prefetch) : undefined;

  if (statusElement) {
    const statusOptions: StatusOptions = options.status === true || !options.status ? {} : options.status;
    status = statusElement.show(registry, { ...statusOptions, pillar: statusOptions.pillar ?? (pillar as PillarLike & StatusPillar) });
  }

  return () => {
    if (!connected) return;
    connected = false;
    safely(unsubscribeClick);
    if (stopPrefetch) safely(stopPrefetch);
    if (status) safely(status.detach);
    activity?.stop();
    if (removeTool) safely(removeTool);
  };
}

/** What the co-pilot did while connected, recorded from the SDK's events. */
interface ActivityRecorder {
  /** What was recorded so far, bounded and validated like a context's `copilot`; `undefined` when nothing was. */
  snapshot(): CopilotActivity | undefined;
  stop(): void;
}

/** A string of at most `max` characters, or undefined. */
function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

/**
 * Listens to the events `@pillar-ai/sdk` 0.1.34 really emits about the product: `task:complete`
 * (`{ name, success, data }`, after a task or tool handler ran; its typed `id` is never set),
 * `tool:result` (`{ toolName, result }`, right before `task:complete` for a tool that returns
 * data: the two are recorded as one action) and `context:change` (`{ context }`, from
 * `setContext`, `setErrorState` and `clearErrorState`). The escalation tool's own runs are not
 * actions. An SDK whose `on` refuses an event simply records nothing of it.
 */
function recordActivity(pillar: PillarLike, clock: Clock, ownTool: string | undefined): ActivityRecorder {
  const actions: CopilotAction[] = [];
  const state: { page?: string; feature?: string; error?: string } = {};
  /** The action `tool:result` just recorded, which the `task:complete` that follows completes. */
  let pending: CopilotAction | undefined;
  const now = (): string | undefined => {
    try {
      const at = clock.now();
      return at instanceof Date && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
    } catch {
      return undefined;
    }
  };
  const push = (name: string, outcome: CopilotAction['outcome']): CopilotAction => {
    const at = now();
    const action: CopilotAction = { name, outcome, ...(at ? { at } : {}) };
    actions.push(action);
    if (actions.length > MAX_COPILOT_ACTIONS) actions.shift();
    return action;
  };
  const on = pillar.on as unknown as (event: string, callback: (data: unknown) => void) => unknown;
  const handlers: Record<string, (data: unknown) => void> = {
    'tool:result': (data) => {
      const { toolName, result } = (data ?? {}) as { toolName?: unknown; result?: unknown };
      const name = text(toolName, 128);
      if (name === undefined || name === ownTool) return;
      const failed = typeof result === 'object' && result !== null && ((result as { success?: unknown }).success === false || 'error' in result);
      pending = push(name, failed ? 'failed' : 'succeeded');
    },
    'task:complete': (data) => {
      const { name: raw, success } = (data ?? {}) as { name?: unknown; success?: unknown };
      const name = text(raw, 128);
      const previous = pending;
      pending = undefined;
      if (name === undefined || name === ownTool) return;
      if (previous && previous.name === name && actions[actions.length - 1] === previous) {
        if (success === false) previous.outcome = 'failed';
        return;
      }
      push(name, success === false ? 'failed' : 'succeeded');
    },
    'context:change': (data) => {
      const context = (data as { context?: unknown } | null)?.context as
        | { currentPage?: unknown; currentFeature?: unknown; errorState?: { code?: unknown; message?: unknown } }
        | undefined;
      if (typeof context !== 'object' || context === null) return;
      state.page = text(context.currentPage, 512);
      state.feature = text(context.currentFeature, 256);
      const error = context.errorState;
      const code = text(error?.code, 128);
      const message = text(error?.message, 880);
      state.error = code && message ? `${code}: ${message}` : (code ?? message);
    },
  };
  const stops: Array<() => void> = [];
  for (const [event, handler] of Object.entries(handlers)) {
    try {
      const stop = on.call(pillar, event, (data: unknown) => {
        try {
          handler(data);
        } catch {
          // Recording is best effort: never a failure inside the SDK.
        }
      });
      if (typeof stop === 'function') stops.push(stop as () => void);
    } catch {
      // An SDK (or a fake) without this event: nothing to record of it.
    }
  }
  return {
    snapshot() {
      const raw: CopilotActivity = {};
      if (actions.length > 0) raw.actions = actions.map((action) => ({ ...action }));
      for (const key of ['page', 'feature', 'error'] as const) if (state[key] !== undefined) raw[key] = state[key];
      if (Object.keys(raw).length === 0) return undefined;
      return parseCopilotActivity(raw, () => {});
    },
    stop() {
      for (const stop of stops.splice(0)) safely(stop);
    },
  };
}

function checkTool(tool: unknown): EscalationTool | undefined {
  if (tool === undefined || tool === false) return undefined;
  const keys = typeof tool === 'object' && tool !== null ? Object.keys(tool) : undefined;
  if (keys && typeof (tool as Partial<EscalationTool>).connect === 'function') return tool as EscalationTool;
  // The option used to take `true` or the tool's options: say what to write now.
  throw new EscalationError('CONFIGURATION', `connectPillar: options.tool takes escalationTool() now: write tool: escalationTool(${tool === true ? '' : `{ ${keys?.join(', ') || '...'} }`}) (import { escalationTool } from '@pillar/escalation-core')`);
}

/** The status element's class, when `options.status` asks for it and the page has one; throws when the entry was not imported. */
function checkStatus(status: unknown): EscalationStatusConstructor | undefined {
  if (status === undefined || status === false) return undefined;
  if (status !== true && (typeof status !== 'object' || status === null)) {
    throw new EscalationError('CONFIGURATION', `connectPillar: options.status takes true or the status options, got ${JSON.stringify(status)}`);
  }
  const elements = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  // No page (server rendering, a worker): nothing to show.
  if (!elements) return undefined;
  const element = elements.get('pillar-escalation-status') as unknown as EscalationStatusConstructor | undefined;
  if (typeof element?.show !== 'function') {
    throw new EscalationError('CONFIGURATION', "connectPillar: options.status needs the status surface: add import '@pillar/escalation-core/status' to the app (before connectPillar)");
  }
  return element;
}

function safely(fn: unknown): void {
  try {
    if (typeof fn === 'function') fn();
  } catch {
    // Unsubscribing is best effort; a failing SDK must not break the app's teardown.
  }
}

function checkPillar(pillar: PillarLike): void {
  if (typeof pillar !== 'object' || pillar === null || typeof pillar.on !== 'function' || typeof pillar.getChatContext !== 'function') {
    throw new EscalationError('CONFIGURATION', 'connectPillar: expected the Pillar instance (with on() and getChatContext()), e.g. the result of await Pillar.init(...)');
  }
}

function checkRegistry(registry: EscalationRegistry): void {
  const r = registry as Partial<EscalationRegistry> | null;
  if (typeof r !== 'object' || r === null || typeof r.escalate !== 'function' || typeof r.get !== 'function' || typeof r.available !== 'function' || typeof r.now !== 'function') {
    throw new EscalationError('CONFIGURATION', 'connectPillar: expected an EscalationRegistry (from createRegistry)');
  }
}

/** Tab ids Pillar keeps for itself: it merges `sidebarTabs` over them by id and never emits `sidebar:click` for them. */
const PILLAR_TAB_IDS = ['assistant', 'tools'];

function checkReservedIds(registry: EscalationRegistry): void {
  const clash = typeof registry.all === 'function' ? registry.all().find((option) => PILLAR_TAB_IDS.includes(option.id)) : undefined;
  if (clash) {
    throw new EscalationError('CONFIGURATION', `connectPillar: option id "${clash.id}" is a tab Pillar keeps for itself (its tab would replace Pillar's and never emit sidebar:click); rename the option`, {
      optionId: clash.id,
    });
  }
}

function checkTabs(tabs: ConnectPillarOptions['tabs'], registry: EscalationRegistry): Readonly<Record<string, readonly string[]>> {
  if (tabs === undefined) return {};
  if (typeof tabs !== 'object' || tabs === null) throw new EscalationError('CONFIGURATION', 'connectPillar: tabs must map tab ids to option ids');
  const checked: Record<string, readonly string[]> = {};
  for (const [tabId, target] of Object.entries(tabs)) {
    const ids: unknown[] = Array.isArray(target) ? target : [target];
    if (ids.length === 0) throw new EscalationError('CONFIGURATION', `connectPillar: tabs["${tabId}"] is an empty list of option ids`);
    for (const optionId of ids) {
      if (typeof optionId !== 'string' || !registry.get(optionId)) {
        throw new EscalationError('CONFIGURATION', `connectPillar: tabs["${tabId}"] names ${JSON.stringify(optionId)}, which is not a registered option`, {
          ...(typeof optionId === 'string' ? { optionId } : {}),
        });
      }
    }
    checked[tabId] = ids as string[];
  }
  return checked;
}
