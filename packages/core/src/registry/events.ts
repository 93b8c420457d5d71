import type { EscalationContext } from '../context/types';
import type { EscalationError } from '../errors';
import type { Delivery } from '../adapter';

/** One try at one option, as the result and the events report it. */
export interface EscalationAttempt {
  /** The option tried: the one asked for, or one of its `fallback` options. */
  optionId: string;
  /** Its adapter's `kind`, e.g. `zendesk-ticket`; absent only for a fallback id that is not registered. */
  kind?: string;
  /** `delivered`, `failed`, or `skipped` (a fallback whose gate refused this user, or that does not exist). */
  outcome: 'delivered' | 'failed' | 'skipped';
  /** Why it failed or was skipped (absent when `delivered`): a JSON-safe summary of the `EscalationError`. */
  error?: {
    /** The error's code, e.g. `PROVIDER_UNAVAILABLE` (`NOT_ALLOWED` or `UNKNOWN_OPTION` for a skipped fallback). */
    code: EscalationError['code'];
    /** The error's message, for logs. */
    message: string;
    /** Whether the same request may succeed if sent again. */
    retryable: boolean;
    /** `true` when the request may have reached the provider (so falling back could duplicate it). */
    ambiguous?: boolean;
  };
  /** Time spent on this option (building the payload and delivering), in milliseconds; `0` when skipped. */
  durationMs: number;
}

/** What `escalate` resolves with. */
export interface EscalationResult {
  /** The option that delivered (a fallback when the first one failed). */
  optionId: string;
  /** The option the caller asked for. */
  requestedOptionId: string;
  /** The `kind` of the adapter that delivered, e.g. `intercom-messenger`. */
  kind: string;
  /** What happened: `opened` (a widget), `created` (a ticket or conversation), `redirected` (a URL). */
  status: Delivery['status'];
  /** Where to find what was created (ticket id, link), when the adapter knows. */
  reference?: Delivery['reference'];
  /** The adapter's extra facts, e.g. {@link RelayDeliveryData} for the `relay` adapter. */
  data?: Delivery['data'];
  /**
   * The key of this escalation: the one passed to `escalate`, else derived by
   * {@link escalationKey}. (A fallback option gets `<key>:<optionId>` as its own.)
   */
  idempotencyKey: string;
  /** Every option tried, in order. */
  attempts: EscalationAttempt[];
}

/**
 * The events the registry emits, with their payloads (subscribe with `registry.on`). Every
 * escalation emits one `escalation:start`, then `escalation:fallback` before each fallback
 * tried, and ends with exactly one `escalation:success` or `escalation:failure`. A call that
 * joins one already running with the same idempotency key emits nothing of its own, and
 * neither does one rejected with `UNKNOWN_OPTION`, `INVALID_CONTEXT` or `CONFIGURATION` before it starts.
 */
export interface EscalationEvents {
  /** An escalation began: the option exists and the context has the right shape; its gate is checked next. */
  'escalation:start': {
    /** The option asked for. */
    optionId: string;
    /** The context as adapters get it: already redacted with the registry's `REDACTOR`, safe to log. */
    context: EscalationContext;
    /** The key this escalation uses (see {@link EscalationResult.idempotencyKey}). */
    idempotencyKey: string;
  };
  /** An option delivered (the one asked for, or a fallback). */
  'escalation:success': {
    /** What `escalate` resolves with. */
    result: EscalationResult;
  };
  /** The escalation failed for good: the gate refused it, or the delivery failed and no fallback delivered. */
  'escalation:failure': {
    /** The option asked for (the error's `optionId` names the one that failed last). */
    optionId: string;
    /** What `escalate` rejects with; after several attempts `details.attempts` lists them too. */
    error: EscalationError;
    /** Every option tried or skipped, in order. */
    attempts: EscalationAttempt[];
  };
  /** An option failed with a fallback code (`PROVIDER_UNAVAILABLE`, `RATE_LIMITED`, `TIMEOUT`) and the next one is about to be tried. */
  'escalation:fallback': {
    /** The option whose delivery failed last (options skipped in between are not named here; see `attempts`). */
    from: string;
    /** The fallback option about to be tried. */
    to: string;
    /** The latest delivery failure, the reason for falling back. */
    error: EscalationError;
  };
}

/** `'escalation:start'`, `'escalation:success'`, `'escalation:failure'` or `'escalation:fallback'`. */
export type EscalationEventName = keyof EscalationEvents;
/** A listener for event `E`; what it throws is logged (`LOGGER`) and never reaches the escalation. */
export type EscalationListener<E extends EscalationEventName> = (event: EscalationEvents[E]) => void;
