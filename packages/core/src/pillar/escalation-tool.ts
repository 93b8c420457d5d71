import type { Delivery } from '../adapter';
import { ESCALATION_REASONS, type EscalationContext, type EscalationReason } from '../context/types';
import { EscalationError, type EscalationErrorCode } from '../errors';
import { businessHours, nextOpening, type BusinessHoursGate, type BusinessHoursSpec } from '../gates/business-hours';
import type { EscalationOption } from '../option';
import type { EscalationResult } from '../registry/events';
import type { EscalationRegistry } from '../registry/registry';
import { truncateText } from '../transcript/text';
import type { EscalationSource, EscalationTool } from './connect-pillar';
import type { EscalationToolInput } from './pillar-like';

/** The tool name `escalationTool` defines unless told otherwise. */
export const ESCALATION_TOOL_NAME = 'escalate_to_human';

/** What the co-pilot reads to decide when to call the tool: the four cases, and when not to. */
export const ESCALATION_TOOL_DESCRIPTION =
  'Hand the user to a human on the support team, together with this whole conversation, through the ' +
  "product's own support channels (live chat, a ticket, or booking a call). Use it when: (1) the user asks " +
  'for a person, an agent, a representative or to talk to someone, in any language; (2) there is a billing ' +
  'dispute (a double or unexpected charge, a refund) or an account issue the user cannot fix alone (locked ' +
  'out, suspended, ownership transfer, deletion, a compromised account); (3) a bug needs engineering (errors, ' +
  'crashes, lost data, something that used to work); (4) you cannot resolve it (the user says your answer did ' +
  'not work, asks the same thing again, or it is beyond what you can do). Do not use it for questions you can ' +
  'answer, or when the user says they do not need a human.';

/** How to fill the input. */
export const ESCALATION_TOOL_GUIDANCE =
  'Set reason to human_requested when the user asked for a person, billing or account for disputes and ' +
  'account access, bug for defects, complex when you could not resolve it, other otherwise. Put one or two ' +
  'sentences in summary for the human: what the user needs and what was already tried. If the result says ' +
  'no human channel is open, tell the user when the next opening is.';

/** Queries that should make the co-pilot offer a human, covering the four cases. */
export const ESCALATION_TOOL_EXAMPLES: readonly string[] = [
  'Can I talk to a real person?',
  'I want to speak to an agent',
  'Quiero hablar con una persona',
  'Je voudrais parler à un conseiller',
  'I was charged twice this month',
  'I want a refund for the annual plan',
  "I'm locked out of my account and the reset email never arrives",
  'My account was suspended',
  'The export crashes with a 500 error since the last update',
  'All my projects disappeared',
  "That didn't work, I've tried everything",
  'You keep giving me the same answer',
];

/** The JSON Schema of the tool input ({@link EscalationToolInput}): `reason` (one of the reasons, required) and `summary`. */
export function escalationToolInputSchema(): {
  /** Always `'object'`. */
  type: 'object';
  /** `reason` (string enum of the reasons) and `summary` (string), each with a description for the co-pilot. */
  properties: Record<string, unknown>;
  /** `['reason']`. */
  required: string[];
} {
  return {
    type: 'object',
    properties: {
      reason: {
        type: 'string',
        enum: [...ESCALATION_REASONS],
        description: 'Why the user needs a human: human_requested, billing, account, bug, complex, or other.',
      },
      summary: {
        type: 'string',
        description: 'One or two sentences for the human agent: what the user needs and what was already tried.',
      },
    },
    required: ['reason'],
  };
}

/** How the escalation tool from {@link escalationTool} behaves. */
export interface EscalationToolOptions {
  /** Tool name (letters, digits, `_ . : -`, at most 64, not starting with a digit). @defaultValue `'escalate_to_human'` */
  name?: string;
  /** @defaultValue {@link ESCALATION_TOOL_DESCRIPTION} */
  description?: string;
  /** @defaultValue {@link ESCALATION_TOOL_GUIDANCE} */
  guidance?: string;
  /** @defaultValue {@link ESCALATION_TOOL_EXAMPLES} */
  examples?: readonly string[];
  /**
   * Which options serve each reason, best first: the tool uses the first one available to this
   * user now. A reason without a route may use any available option, in display order. A reason
   * whose routed options are all closed answers "no human channel is open".
   * @defaultValue `{}` (every reason: the first available option)
   */
  routes?: Partial<Record<EscalationReason, readonly string[]>>;
  /**
   * The hours your human channels keep, for the "next opening" answer when none is open. Without
   * it the tool reads the hours of options whose `when` is a `businessHours()` gate itself
   * (hours inside `allOf(...)` cannot be seen).
   * @defaultValue hours read from the options' gates
   */
  hours?: BusinessHoursGate | BusinessHoursSpec;
  /** Let the co-pilot call the tool without asking the user first. @defaultValue the SDK's default (ask first) */
  autoRun?: boolean;
}

/**
 * What the tool answers the co-pilot: a plain object the SDK passes on as it is. (It never uses
 * the keys `success` or `data`, which the SDK would rewrite.)
 */
export type EscalationToolAnswer =
  | {
      /** The user was handed to a human. */
      escalated: true;
      /** Delivered. */
      status: 'escalated';
      /** The option that delivered (a fallback when the first was down). */
      optionId: string;
      /** Its label, e.g. "Talk to Support". */
      channel: string;
      /** What the user sees: `opened` (a chat window), `created` (a ticket), `redirected` (a new page). */
      delivery: Delivery['status'];
      /** The ticket or conversation id and link, when the adapter returned one. */
      reference?: Delivery['reference'];
      /** What to tell the user, in English, for the co-pilot to pass on. */
      message: string;
    }
  | {
      /** Nobody was contacted. */
      escalated: false;
      /** Every option for this reason is closed to this user now (gates, business hours). */
      status: 'no_channel_open';
      /** The reason the co-pilot gave. */
      reason: EscalationReason;
      /** When the earliest business-hours option opens (ISO 8601, UTC), or `null` when unknown. */
      nextOpening: string | null;
      /** What to tell the user, with the next opening in their time zone when known. */
      message: string;
    }
  | {
      /** Nobody was contacted. */
      escalated: false;
      /** The escalation failed (also reported to `onError`). */
      status: 'failed';
      /** The `EscalationError` code, e.g. `PROVIDER_UNAVAILABLE`. */
      error: EscalationErrorCode;
      /** Whether trying again later may work. */
      retryable: boolean;
      /** What to tell the user, pointing to the sidebar tabs. */
      message: string;
    }
  | {
      /** Nobody new was contacted. */
      escalated: false;
      /** Another escalation (a click or a tool call) is still running. */
      status: 'in_progress';
      /** Asks the co-pilot to wait for it. */
      message: string;
    }
  | {
      /** Nobody was contacted. */
      escalated: false;
      /** The co-pilot's input was not valid (an unknown `reason`, a non-string `summary`). */
      status: 'invalid_input';
      /** What was wrong, so the co-pilot can call again correctly. */
      message: string;
    };

const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/** Whether a tool name is one the SDK accepts (it ignores others with only a console message). */
export function isValidToolName(name: string): boolean {
  return TOOL_NAME.test(name);
}

/** "Monday, June 1 at 9:00 AM EDT" in the zone given, or in UTC when the zone is unknown. */
export function describeInstant(at: Date, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: timeZone ?? 'UTC' }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(at);
  }
}

/** The longest co-pilot summary kept (it becomes a system message of the context). */
const MAX_SUMMARY_LENGTH = 1_000;

const DELIVERY_WORDS: Record<Delivery['status'], string> = {
  opened: 'a support window opened on their screen',
  created: 'a ticket was created and the team will reply',
  redirected: 'a new page opened for them',
};

/**
 * The co-pilot tool for `connectPillar`: `connectPillar(pillar, registry, { tool: escalationTool({ routes, hours }) })`
 * defines it with `pillar.defineTool`, so the assistant itself can hand the user to a human, with
 * the reason as input. It escalates through the registry (routed by reason), shares
 * `connectPillar`'s callbacks and its one-escalation-at-a-time rule with the sidebar clicks, and
 * answers the co-pilot with an {@link EscalationToolAnswer} (never throws into the SDK).
 *
 * Import it only where the app wants the tool: an app that does not call it bundles none of
 * the tool's code (nor the business-hours code it uses for the next opening).
 *
 * @throws `CONFIGURATION` (messages start with `escalationTool:`) for an invalid tool name, a
 * route for an unknown reason or with no option ids, or `hours` that are malformed or a function
 * other than a `businessHours()` gate. Route option ids are checked against the registry by
 * `connectPillar`.
 */
export function escalationTool(options: EscalationToolOptions = {}): EscalationTool {
  if (typeof options !== 'object' || options === null) throw new EscalationError('CONFIGURATION', 'escalationTool: expected an options object');
  const name = options.name ?? ESCALATION_TOOL_NAME;
  if (typeof name !== 'string' || !isValidToolName(name)) {
    throw new EscalationError('CONFIGURATION', `escalationTool: tool name ${JSON.stringify(name)} is not valid (letters, digits, _ . : -, at most 64, not starting with a digit)`);
  }
  const routes = checkRouteShape(options.routes);
  const hours = checkHours(options.hours);
  const { description = ESCALATION_TOOL_DESCRIPTION, guidance = ESCALATION_TOOL_GUIDANCE, examples = ESCALATION_TOOL_EXAMPLES, autoRun } = options;
  return {
    name,
    connect({ pillar, registry, clock, connected, claim, buildContext, report, delivered }) {
      checkRouteOptions(routes, registry);
      const label = (id: string): string => registry.get(id)?.label ?? id;

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
          if (!connected()) return { escalated: false, status: 'failed', error: 'CONFIGURATION', retryable: false, message: 'The escalation tool was disconnected.' };
          const release = claim();
          if (!release) return { escalated: false, status: 'in_progress', message: 'An escalation to a human is already under way; wait for it before trying again.' };
          try {
            const at = clock.now();
            let context = await buildContext(source.reason);
            if (summary) context = { ...context, messages: [...context.messages, { role: 'system', content: `Summary from the co-pilot: ${truncateText(summary, MAX_SUMMARY_LENGTH)}` }] };
            const available = await registry.available(context, at);
            const route = routes[source.reason];
            const option = route ? route.map((id) => available.find((o) => o.id === id)).find((o) => o !== undefined) : available[0];
            if (!option) return closed(source.reason, at, context, route);
            source.optionId = option.id;
            const result = await registry.escalate(option.id, context);
            delivered(result, source);
            return answer(result);
          } finally {
            release();
          }
        } catch (error) {
          const failure = report(error, source);
          return {
            escalated: false,
            status: 'failed',
            error: failure.code,
            retryable: failure.retryable,
            message: `Could not reach ${source.optionId ? label(source.optionId) : 'a human'} (${failure.code}). Tell the user, and suggest the sidebar tabs to reach support.`,
          };
        }
      };

      const answer = (result: EscalationResult): EscalationToolAnswer => {
        const channel = label(result.optionId);
        const fellBack = result.optionId !== result.requestedOptionId;
        return {
          escalated: true,
          status: 'escalated',
          optionId: result.optionId,
          channel,
          delivery: result.status,
          ...(result.reference ? { reference: result.reference } : {}),
          message: `The user was handed to ${channel}${fellBack ? ` (${label(result.requestedOptionId)} was unavailable)` : ''} with this conversation: ${DELIVERY_WORDS[result.status]}.`,
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
        return {
          escalated: false,
          status: 'no_channel_open',
          reason,
          nextOpening: next ? next.toISOString() : null,
          message: next
            ? `No human channel is open right now. The next opening is ${describeInstant(next, context.user?.timeZone ?? zone)}.`
            : 'No human channel is open right now for this user.',
        };
      };

      return pillar.defineTool({
        name,
        description,
        guidance,
        examples: [...examples],
        inputSchema: escalationToolInputSchema(),
        ...(autoRun !== undefined ? { autoRun } : {}),
        execute,
      });
    },
  };
}

function isBusinessHoursGate(gate: unknown): gate is BusinessHoursGate {
  return typeof gate === 'function' && typeof (gate as { spec?: { timeZone?: unknown } }).spec?.timeZone === 'string';
}

type Routes = Partial<Record<EscalationReason, readonly string[]>>;

function checkRouteShape(routes: EscalationToolOptions['routes']): Routes {
  if (routes === undefined) return {};
  if (typeof routes !== 'object' || routes === null) throw new EscalationError('CONFIGURATION', 'escalationTool: routes must map reasons to option ids');
  const checked: Routes = {};
  for (const [reason, ids] of Object.entries(routes)) {
    if (!(ESCALATION_REASONS as readonly string[]).includes(reason)) {
      throw new EscalationError('CONFIGURATION', `escalationTool: routes has an unknown reason "${reason}" (use ${ESCALATION_REASONS.join(', ')})`);
    }
    if (!Array.isArray(ids) || ids.length === 0) {
      throw new EscalationError('CONFIGURATION', `escalationTool: routes.${reason} must be a non-empty list of option ids`);
    }
    checked[reason as EscalationReason] = [...ids];
  }
  return checked;
}

/** Route option ids are known only once the tool meets a registry, in `connectPillar`. */
function checkRouteOptions(routes: Routes, registry: EscalationRegistry): void {
  for (const [reason, ids] of Object.entries(routes)) {
    for (const id of ids) {
      if (typeof id !== 'string' || !registry.get(id)) {
        throw new EscalationError('CONFIGURATION', `connectPillar: tool.routes.${reason} names ${JSON.stringify(id)}, which is not a registered option`);
      }
    }
  }
}

function checkHours(hours: EscalationToolOptions['hours']): BusinessHoursGate | undefined {
  if (hours === undefined) return undefined;
  if (isBusinessHoursGate(hours)) return hours;
  // Any other function would never tell an opening: refuse it rather than ignore it.
  if (typeof hours === 'function') throw new EscalationError('CONFIGURATION', 'escalationTool: hours must be a businessHours() gate or its spec, got another function');
  try {
    return businessHours(hours);
  } catch (error) {
    throw new EscalationError('CONFIGURATION', `escalationTool: hours: ${(error as Error).message}`, { cause: error });
  }
}
