import type { DependencyContainer } from 'tsyringe';
import type { EscalationContext } from './context/types';

/** Where an adapter's `deliver` can run. `server` adapters hold secrets and never ship to a browser. */
export type AdapterRuntime = 'browser' | 'server' | 'universal';

/** What `deliver` gets besides the payload. */
export interface DeliverOptions {
  /** The context the payload was built from (already validated and redacted). */
  context: EscalationContext;
  /** Stable for one escalation: send it wherever the provider honours idempotency keys. */
  idempotencyKey: string;
  /** Aborts the delivery: reject with `EscalationError('ABORTED')`. */
  signal?: AbortSignal;
  /**
   * The registry's container, to resolve services by token (`HTTP_CLIENT`, `CLOCK`, `LOGGER`).
   * Absent when an adapter is called on its own.
   */
  container?: DependencyContainer;
}

/** What a successful delivery did. */
export interface Delivery {
  /** `opened`: a widget or composer opened; `created`: a ticket or conversation exists; `redirected`: a URL was opened. */
  status: 'opened' | 'created' | 'redirected';
  /** Where the agent or the user can find it. */
  reference?: {
    /** The provider's id of what was created, e.g. a Zendesk ticket id or an Intercom conversation id (as a string). */
    id?: string;
    /** An absolute http(s) link to it (a ticket page, a booking page, the URL that was opened). */
    url?: string;
  };
  /** Extra, JSON-serializable facts for the app (e.g. the transcript to copy where a target takes no text). */
  data?: Record<string, unknown>;
}

/** Limits an adapter declares so the testkit can check its payloads stay within them. */
export interface AdapterLimits {
  /** The longest payload field, in UTF-16 units, keyed by a dotted path (`ticket.comment.html_body`). */
  fields?: Record<string, number>;
  /** The longest URL the adapter may produce (redirect adapters). */
  maxUrlLength?: number;
}

/**
 * A provider integration. `toPayload` holds the provider knowledge (pure, deterministic,
 * JSON-serializable, within the provider's limits); `deliver` does only the I/O.
 *
 * @typeParam P - the payload this adapter sends.
 */
export interface EscalationAdapter<P = unknown> {
  /** Stable identifier of the integration, e.g. `zendesk-ticket`. */
  readonly kind: string;
  /**
   * Where `deliver` can run: `browser` (needs `window`, a widget), `server` (holds a secret:
   * register it on the server and reach it from the browser with `relay`), or `universal`.
   */
  readonly runtime: AdapterRuntime;
  /** Limits the payload respects; the conformance suite checks them. */
  readonly limits?: AdapterLimits;
  /**
   * Whether the registry may fall back to the next option after an ambiguous failure (the
   * request may have reached the provider). Default `false`: a possible duplicate is worse
   * than a clear error.
   */
  readonly fallbackOnAmbiguous?: boolean;
  /**
   * Builds the provider's payload from a validated, redacted context: pure and deterministic
   * (same context, same payload), JSON-serializable, within {@link EscalationAdapter.limits}.
   * `registry.preview` shows its result without delivering.
   *
   * @throws `EscalationError` `INVALID_CONTEXT` when the context lacks what the provider needs
   * (the registry wraps anything else thrown here the same way).
   */
  toPayload(context: EscalationContext): P;
  /**
   * Sends the payload: opens the widget, POSTs the ticket, opens the URL. Only I/O, no payload
   * decisions. Must reject only with an `EscalationError` (map every provider failure; a blocked
   * or never-loading widget is `PROVIDER_UNAVAILABLE` within a bounded wait) and honour
   * `options.signal`.
   */
  deliver(payload: P, options: DeliverOptions): Promise<Delivery>;
  /**
   * Looks up what this adapter created for an escalation key, for reconciliation after an
   * answer was lost (timeout, reset, restart). Adapters that create records stamp the key on
   * them (a Zendesk `external_id`, a Freshdesk tag, a token in an Intercom body) so they can
   * find them again.
   *
   * Resolves the delivery when the record exists, `null` when the provider shows that nothing
   * was created (a re-send is then safe). Rejects with an `EscalationError` when the provider
   * cannot tell yet (a lookup that is eventually consistent, an outage): the escalation then
   * stays "may exist", and nobody sends again or elsewhere.
   */
  find?(idempotencyKey: string, context: EscalationContext, options?: FindOptions): Promise<Delivery | null>;
}

/** What `find` gets besides the key and the context. */
export interface FindOptions {
  /** Aborts the lookup: reject with `EscalationError('ABORTED')`. */
  signal?: AbortSignal;
  /** The registry's container, as in {@link DeliverOptions.container}. */
  container?: DependencyContainer;
}

/**
 * Payload types by adapter kind. Adapter packages add their kind by declaration merging, so
 * `registry.preview()` knows the payload type of an installed adapter:
 *
 * ```ts
 * declare module '@pillar/escalation-core' {
 *   interface AdapterPayloads { 'acme-form': AcmeFormPayload }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface AdapterPayloads {}

/** The payload type of an adapter kind: known for merged kinds, `unknown` otherwise. */
export type PayloadOf<K extends string> = K extends keyof AdapterPayloads ? AdapterPayloads[K] : unknown;
