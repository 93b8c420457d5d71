import type { EscalationContext } from '../context/types';
import type { EscalationError } from '../errors';
import type { Delivery } from '../adapter';
import type { DroppedValue } from '../context/report';

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
  /**
   * What the adapter's `find` said after an ambiguous failure of this attempt, or after a
   * restart (an attempt found in the journal): `found` (the attempt is then `delivered`),
   * `absent` (nothing was created: safe to send again), `unresolved` (it could not tell).
   */
  reconciliation?: 'found' | 'absent' | 'unresolved';
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
  /**
   * Optional values of the context that could not be used as given and were dropped, kept as
   * text or cleaned (see `parseContextWithReport`); absent when there were none.
   */
  dropped?: DroppedValue[];
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
    /** What the context parser dropped, kept as text or cleaned (for analytics); absent when nothing. */
    dropped?: DroppedValue[];
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
  /**
   * An option failed with a fallback code (`PROVIDER_UNAVAILABLE`, `RATE_LIMITED`, `TIMEOUT`,
   * or `INVALID_CONTEXT` from its `toPayload`), nothing may exist, and the next one is about to be tried.
   */
  'escalation:fallback': {
    /** The option whose delivery failed last (options skipped in between are not named here; see `attempts`). */
    from: string;
    /** The fallback option about to be tried. */
    to: string;
    /** The latest delivery failure, the reason for falling back. */
    error: EscalationError;
  };
  /**
   * The registry asked an adapter's `find` whether an attempt that may have reached the
   * provider created something: after an ambiguous failure, or at the start when the attempt
   * journal holds attempts of this key (a restart).
   */
  'escalation:reconcile': {
    /** The option whose adapter was asked. */
    optionId: string;
    /** Its adapter's `kind`. */
    kind: string;
    /** The key it was asked about (the one its delivery used). */
    idempotencyKey: string;
    /** `ambiguous`: right after a failure that may have landed; `journal`: an earlier attempt recorded in the journal. */
    trigger: 'ambiguous' | 'journal';
    /** `found`, `absent` or `unresolved` (see {@link EscalationAttempt.reconciliation}). */
    outcome: 'found' | 'absent' | 'unresolved';
    /** Why it stayed unresolved: the lookup's failure, when there was one. */
    error?: EscalationError;
  };
}

/** `'escalation:start'`, `'escalation:success'`, `'escalation:failure'`, `'escalation:fallback'` or `'escalation:reconcile'`. */
export type EscalationEventName = keyof EscalationEvents;
/** A listener for event `E`; what it throws is logged (`LOGGER`) and never reaches the escalation. */
export type EscalationListener<E extends EscalationEventName> = (event: EscalationEvents[E]) => void;
