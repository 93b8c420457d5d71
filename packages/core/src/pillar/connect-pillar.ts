import type { Delivery } from '../adapter';
import { fromPillarChat, type PillarChatExtra } from '../context/from-pillar-chat';
import type { ContextLimits } from '../context/limits';
import { ESCALATION_REASONS, type EscalationContext, type EscalationReason } from '../context/types';
import { EscalationError, toEscalationError } from '../errors';
import { businessHours, nextOpening, type BusinessHoursGate } from '../gates/business-hours';
import type { EscalationOption } from '../option';
import type { EscalationResult } from '../registry/events';
import type { EscalationRegistry } from '../registry/registry';
import type { Clock } from '../tokens';
import { truncateText } from '../transcript/text';
import {
  describeInstant,
  ESCALATION_TOOL_DESCRIPTION,
  ESCALATION_TOOL_EXAMPLES,
  ESCALATION_TOOL_GUIDANCE,
  ESCALATION_TOOL_NAME,
  escalationToolInputSchema,
  isValidToolName,
  type EscalationToolAnswer,
  type EscalationToolOptions,
} from './escalation-tool';
import type { EscalationToolInput, PillarLike, PillarSidebarClick } from './pillar-like';

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
   * Define a co-pilot tool (`pillar.defineTool`) that escalates, so the assistant itself can
   * offer a human. `true` uses the defaults.
   * @defaultValue `false`
   */
  tool?: boolean | EscalationToolOptions;
  /** "Now" for choosing among a tab's options and for the tool (availability, next opening): pass the clock you registered as `CLOCK`. @defaultValue the system clock */
  clock?: Clock;
  /** Limits for the conversation read from Pillar (see `fromPillarChat`). @defaultValue conversation size unlimited, other limits default */
  chatLimits?: Partial<ContextLimits>;
}

/** Removes every listener and tool `connectPillar` added. Calling it again does nothing. */
export type DisconnectPillar = () => void;

/** The longest co-pilot summary kept (it becomes a system message of the context). */
const MAX_SUMMARY_LENGTH = 1_000;

const systemClock: Clock = { now: () => new Date() };

/**
 * Wires a registry to the Pillar sidebar: a click on a tab that is an escalation option
 * escalates the conversation (from `pillar.getChatContext()`, plus `options.getContext()`), and
 * optionally the co-pilot gets a tool to do the same.
 *
 * - A click on a tab that is not an option is ignored; a click while an escalation is running
 *   starts nothing.
 * - Failures go to `options.onError` (and the registry's events), never into the SDK: the
 *   listener and the tool never throw or reject.
 * - Misconfiguration (a `tabs` or `routes` entry naming no option, a tool without
 *   `pillar.defineTool`, bad hours) throws `CONFIGURATION` here, at connect time.
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
  const tool = options.tool === true ? {} : options.tool || undefined;
  const routes = tool ? checkRoutes(tool.routes, registry) : {};
  const hours = tool?.hours === undefined ? undefined : typeof tool.hours === 'function' ? tool.hours : businessHours(tool.hours);
  const toolName = tool?.name ?? ESCALATION_TOOL_NAME;
  if (tool) {
    if (typeof pillar.defineTool !== 'function') {
      throw new EscalationError('CONFIGURATION', 'connectPillar: options.tool needs pillar.defineTool, which this Pillar instance does not have');
    }
    if (typeof toolName !== 'string' || !isValidToolName(toolName)) {
      throw new EscalationError('CONFIGURATION', `connectPillar: tool name ${JSON.stringify(toolName)} is not valid (letters, digits, _ . : -, at most 64, not starting with a digit)`);
    }
  }
  const clock = options.clock ?? systemClock;
  let busy = false;
  let connected = true;

  const report = (error: unknown, source: EscalationSource): EscalationError => {
    const escalationError = toEscalationError(error);
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

  const buildContext = async (reason?: EscalationReason, summary?: string): Promise<EscalationContext> => {
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
    if (!summary) return context;
    return { ...context, messages: [...context.messages, { role: 'system', content: `Summary from the co-pilot: ${truncateText(summary, MAX_SUMMARY_LENGTH)}` }] };
  };

  const onClick = (data: PillarSidebarClick): void => {
    const tabId = typeof data === 'object' && data !== null && typeof data.tabId === 'string' ? data.tabId : undefined;
    if (!connected || tabId === undefined) return;
    const mapped = Object.prototype.hasOwnProperty.call(tabs, tabId) ? tabs[tabId]! : [tabId];
    if (!registry.get(mapped[0]!)) return;
    if (busy) return;
    busy = true;
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
        busy = false;
      }
    })();
  };

  const execute = async (input: EscalationToolInput): Promise<EscalationToolAnswer> => {
    const source: EscalationSource = { via: 'tool' };
    try {
      const reason = (input as { reason?: unknown } | null | undefined)?.reason;
      const summary = (input as { summary?: unknown } | null | undefined)?.summary;
      if (typeof reason !== 'string' || !(ESCALATION_REASONS as readonly string[]).includes(reason)) {
        return { escalated: false, status: 'invalid_input', message: `reason must be one of ${ESCALATION_REASONS.join(', ')} (got ${JSON.stringify(reason) ?? 'nothing'})` };
      }
      if (summary !== undefined && summary !== null && typeof summary !== 'string') {
        return { escalated: false, status: 'invalid_input', message: 'summary must be a string when given' };
      }
      source.reason = reason as EscalationReason;
      if (!connected) return { escalated: false, status: 'failed', error: 'CONFIGURATION', retryable: false, message: 'The escalation tool was disconnected.' };
      if (busy) return { escalated: false, status: 'in_progress', message: 'An escalation to a human is already under way; wait for it before trying again.' };
      busy = true;
      try {
        const at = clock.now();
        const context = await buildContext(source.reason, summary ?? undefined);
        const available = await registry.available(context, at);
        const route = routes[source.reason];
        const option = route ? route.map((id) => available.find((o) => o.id === id)).find((o) => o !== undefined) : available[0];
        if (!option) return closed(source.reason, at, context, route);
        source.optionId = option.id;
        const result = await registry.escalate(option.id, context);
        delivered(result, source);
        return answer(result);
      } finally {
        busy = false;
      }
    } catch (error) {
      const failure = report(error, source);
      const channel = source.optionId ? registry.get(source.optionId)?.label ?? source.optionId : 'a human';
      return {
        escalated: false,
        status: 'failed',
        error: failure.code,
        retryable: failure.retryable,
        message: `Could not reach ${channel} (${failure.code}). Tell the user, and suggest the sidebar tabs to reach support.`,
      };
    }
  };

  const answer = (result: EscalationResult): EscalationToolAnswer => {
    const channel = registry.get(result.optionId)?.label ?? result.optionId;
    const fellBack = result.optionId !== result.requestedOptionId;
    return {
      escalated: true,
      status: 'escalated',
      optionId: result.optionId,
      channel,
      delivery: result.status,
      ...(result.reference ? { reference: result.reference } : {}),
      message: `The user was handed to ${channel}${fellBack ? ` (${registry.get(result.requestedOptionId)?.label ?? result.requestedOptionId} was unavailable)` : ''} with this conversation: ${DELIVERY_WORDS[result.status]}.`,
    };
  };

  const closed = (reason: EscalationReason, at: Date, context: EscalationContext, route: readonly string[] | undefined): EscalationToolAnswer => {
    const candidates = route ? route.map((id) => registry.get(id)).filter((o): o is EscalationOption => o !== undefined) : registry.all();
    const gates = hours ? [hours] : candidates.map((o) => o.when).filter(isBusinessHoursGate);
    let next: Date | null = null;
    let zone: string | undefined;
    for (const gate of gates) {
      let opening: Date | null = null;
      try {
        opening = nextOpening(gate, at);
      } catch {
        opening = null;
      }
      if (opening && (!next || opening < next)) {
        next = opening;
        zone = gate.spec.timeZone;
      }
    }
    const userZone = context.user?.timeZone;
    return {
      escalated: false,
      status: 'no_channel_open',
      reason,
      nextOpening: next ? next.toISOString() : null,
      message: next
        ? `No human channel is open right now. The next opening is ${describeInstant(next, userZone ?? zone)}.`
        : 'No human channel is open right now for this user.',
    };
  };

  const unsubscribeClick = pillar.on('sidebar:click', onClick);
  let removeTool: (() => void) | undefined;
  if (tool) {
    try {
      removeTool = pillar.defineTool!({
        name: toolName,
        description: tool.description ?? ESCALATION_TOOL_DESCRIPTION,
        guidance: tool.guidance ?? ESCALATION_TOOL_GUIDANCE,
        examples: [...(tool.examples ?? ESCALATION_TOOL_EXAMPLES)],
        inputSchema: escalationToolInputSchema(),
        ...(tool.autoRun !== undefined ? { autoRun: tool.autoRun } : {}),
        execute,
      });
    } catch (error) {
      safely(unsubscribeClick);
      throw toEscalationError(error, 'CONFIGURATION', 'connectPillar: pillar.defineTool failed');
    }
  }

  return () => {
    if (!connected) return;
    connected = false;
    safely(unsubscribeClick);
    if (removeTool) safely(removeTool);
  };
}

const DELIVERY_WORDS: Record<Delivery['status'], string> = {
  opened: 'a support window opened on their screen',
  created: 'a ticket was created and the team will reply',
  redirected: 'a new page opened for them',
};

function safely(fn: unknown): void {
  try {
    if (typeof fn === 'function') fn();
  } catch {
    // Unsubscribing is best effort; a failing SDK must not break the app's teardown.
  }
}

function isBusinessHoursGate(gate: unknown): gate is BusinessHoursGate {
  return typeof gate === 'function' && typeof (gate as { spec?: { timeZone?: unknown } }).spec?.timeZone === 'string';
}

function checkPillar(pillar: PillarLike): void {
  if (typeof pillar !== 'object' || pillar === null || typeof pillar.on !== 'function' || typeof pillar.getChatContext !== 'function') {
    throw new EscalationError('CONFIGURATION', 'connectPillar: expected the Pillar instance (with on() and getChatContext()), e.g. the result of await Pillar.init(...)');
  }
}

function checkRegistry(registry: EscalationRegistry): void {
  const r = registry as Partial<EscalationRegistry> | null;
  if (typeof r !== 'object' || r === null || typeof r.escalate !== 'function' || typeof r.get !== 'function' || typeof r.available !== 'function') {
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

function checkRoutes(routes: EscalationToolOptions['routes'], registry: EscalationRegistry): Partial<Record<EscalationReason, readonly string[]>> {
  if (routes === undefined) return {};
  if (typeof routes !== 'object' || routes === null) throw new EscalationError('CONFIGURATION', 'connectPillar: tool.routes must map reasons to option ids');
  const checked: Partial<Record<EscalationReason, readonly string[]>> = {};
  for (const [reason, ids] of Object.entries(routes)) {
    if (!(ESCALATION_REASONS as readonly string[]).includes(reason)) {
      throw new EscalationError('CONFIGURATION', `connectPillar: tool.routes has an unknown reason "${reason}" (use ${ESCALATION_REASONS.join(', ')})`);
    }
    if (!Array.isArray(ids) || ids.length === 0) {
      throw new EscalationError('CONFIGURATION', `connectPillar: tool.routes.${reason} must be a non-empty list of option ids`);
    }
    for (const id of ids) {
      if (typeof id !== 'string' || !registry.get(id)) {
        throw new EscalationError('CONFIGURATION', `connectPillar: tool.routes.${reason} names ${JSON.stringify(id)}, which is not a registered option`);
      }
    }
    checked[reason as EscalationReason] = [...ids];
  }
  return checked;
}
