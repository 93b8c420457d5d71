import { createRegistry, type Delivery, type EscalationAdapter, type EscalationContext, type EscalationOption, type EscalationRegistry, type EscalationResult } from '@pillar/escalation-core';

/** One delivery a {@link recordingAdapter} received. */
export interface RecordedDelivery {
  /** What `toPayload` made: the number of messages in the context. */
  payload: RecordingPayload;
  /** The escalation's idempotency key. */
  idempotencyKey: string;
}

/** The payload of a {@link recordingAdapter}: just enough to tell contexts apart. */
export interface RecordingPayload {
  /** `context.messages.length`. */
  messages: number;
}

/** An adapter that records what it delivered (a fallback in registry tests). */
export interface RecordingAdapter extends EscalationAdapter<RecordingPayload> {
  /** Every delivery, in order. */
  readonly deliveries: RecordedDelivery[];
  /** How many deliveries there were. */
  readonly delivered: number;
}

/** Options of {@link recordingAdapter}. */
export interface RecordingAdapterOptions {
  /** @defaultValue `'recording'` */
  kind?: string;
  /** @defaultValue `'universal'` */
  runtime?: EscalationAdapter['runtime'];
  /** What `deliver` resolves to. @defaultValue `{ status: 'redirected', reference: { url: 'https://help.example.com/contact' } }` */
  delivery?: Delivery;
}

/** An adapter that always delivers and records each delivery: the fallback of a registry test. */
export function recordingAdapter(options: RecordingAdapterOptions = {}): RecordingAdapter {
  const deliveries: RecordedDelivery[] = [];
  const delivery = options.delivery ?? { status: 'redirected', reference: { url: 'https://help.example.com/contact' } };
  return {
    kind: options.kind ?? 'recording',
    runtime: options.runtime ?? 'universal',
    deliveries,
    get delivered() {
      return deliveries.length;
    },
    toPayload: (context) => ({ messages: context.messages.length }),
    deliver: async (payload, { idempotencyKey }) => {
      deliveries.push({ payload, idempotencyKey });
      return structuredClone(delivery);
    },
  };
}

/** Options of {@link registryWithFallback}. */
export interface RegistryWithFallbackOptions {
  /** The id of the adapter's option. @defaultValue `'primary'` */
  id?: string;
  /** The id of the fallback option. @defaultValue `'fallback'` */
  fallbackId?: string;
  /** The fallback. @defaultValue a new {@link recordingAdapter} */
  fallback?: RecordingAdapter;
  /** More fields of the adapter's option (`gate`, `fallbackOnAmbiguous`, …). */
  option?: Partial<Omit<EscalationOption, 'id' | 'adapter' | 'fallback'>>;
}

/** What {@link RegistryWithFallback.escalate} resolves to: one of the two is set. */
export interface EscalationOutcome {
  /** The registry's result, when it resolved. */
  result?: EscalationResult;
  /** What it rejected with. */
  error?: unknown;
}

/** A registry of the adapter with a recording fallback, and a way to escalate that never throws. */
export interface RegistryWithFallback {
  /** The registry: the adapter's option, falling back to the recording one. */
  registry: EscalationRegistry;
  /** The fallback, to assert whether it delivered. */
  fallback: RecordingAdapter;
  /**
   * Escalates to the adapter's option: the result, or the error it failed with.
   * @param context - the escalation's context.
   * @param options - the registry's escalate options (signal, idempotency key, …).
   */
  escalate(context: EscalationContext, options?: Parameters<EscalationRegistry['escalate']>[2]): Promise<EscalationOutcome>;
}

/**
 * Drives an adapter through a registry with one fallback option, as an app would: whether the
 * registry falls back after the adapter's failure (or must not, when the record may exist) is
 * then one assertion on `fallback.delivered`.
 */
export function registryWithFallback(adapter: EscalationAdapter<any>, options: RegistryWithFallbackOptions = {}): RegistryWithFallback {
  const id = options.id ?? 'primary';
  const fallbackId = options.fallbackId ?? 'fallback';
  const fallback = options.fallback ?? recordingAdapter();
  const registry = createRegistry([
    { label: 'Primary', ...options.option, id, adapter, fallback: [fallbackId] },
    { id: fallbackId, label: 'Fallback', adapter: fallback },
  ]);
  return {
    registry,
    fallback,
    escalate: (context, escalateOptions) =>
      registry.escalate(id, context, escalateOptions).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      ),
  };
}
