import type { Delivery } from '../adapter';
import { ESCALATION_REASONS, type EscalationReason } from '../context/types';
import type { EscalationErrorCode } from '../errors';
import type { BusinessHoursGate, BusinessHoursSpec } from '../gates/business-hours';

/** The tool name `connectPillar` defines unless told otherwise. */
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

/** How the escalation tool behaves. */
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
