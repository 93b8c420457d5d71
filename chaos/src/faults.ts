import { pick, type Random } from './random';

/**
 * The faults the emulator injects, each as a provider could really fail:
 * - `rate-limited`: 429 with the provider's wait header (`Retry-After`, or Intercom's
 *   `X-RateLimit-Reset`); nothing done.
 * - `server-error`: 500; a create may or may not have been done (half of them are).
 * - `unavailable`: 503; nothing done (a 503 means the request was not taken).
 * - `slow`: the answer comes after the caller's timeout; a create is done when the delay ends
 *   (it was still in flight when the caller gave up).
 * - `reset-after`: the work is done, then the connection is reset before any answer.
 * - `reset-before`: the connection is reset as soon as the request arrived; nothing done.
 */
export const FAULT_KINDS = ['rate-limited', 'server-error', 'unavailable', 'slow', 'reset-after', 'reset-before'] as const;

/** One kind of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** What a provider request does: creates a record, looks records up, or finds/creates a contact. */
export type RequestRole = 'create' | 'lookup' | 'contact';

/** How many faults of each kind were injected, by request role. */
export type FaultCounts = Record<RequestRole, Record<FaultKind, number>>;

/** Draws the fault (or none) of each provider request and counts what it drew. */
export interface FaultPlan {
  /** The fault for one request, or `undefined` for a clean answer. */
  draw(role: RequestRole): FaultKind | undefined;
  /** Whether a `server-error` on a create does the create before failing. */
  createsBeforeError(): boolean;
  /** What was injected so far. */
  counts(): FaultCounts;
  /** Requests seen so far, by role. */
  requests(): Record<RequestRole, number>;
}

/** A plan that faults `rate` of all requests (0 to 1), the kinds drawn uniformly. */
export function faultPlan(rate: number, random: Random, kinds: readonly FaultKind[] = FAULT_KINDS): FaultPlan {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be between 0 and 1, got ${rate}`);
  if (kinds.length === 0) throw new RangeError('at least one fault kind is needed');
  const empty = () => Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  const counts: FaultCounts = { create: empty(), lookup: empty(), contact: empty() };
  const seen: Record<RequestRole, number> = { create: 0, lookup: 0, contact: 0 };
  return {
    draw(role) {
      seen[role] += 1;
      if (random() >= rate) return undefined;
      const kind = pick(random, kinds);
      counts[role][kind] += 1;
      return kind;
    },
    createsBeforeError: () => random() < 0.5,
    counts: () => ({ create: { ...counts.create }, lookup: { ...counts.lookup }, contact: { ...counts.contact } }),
    requests: () => ({ ...seen }),
  };
}

/** The sum of a role's (or every role's) counts by kind. */
export function totalsByKind(counts: FaultCounts): Record<FaultKind, number> {
  const out = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const role of Object.values(counts)) for (const kind of FAULT_KINDS) out[kind] += role[kind];
  return out;
}

/** A plan that gives the listed faults to the first requests, in order, and none after (for tests). */
export function scriptedFaults(script: ReadonlyArray<FaultKind | undefined>, createsBeforeError = true): FaultPlan {
  const plan = faultPlan(0, () => 1);
  const queue = [...script];
  const counts = plan.counts();
  const seen: Record<RequestRole, number> = { create: 0, lookup: 0, contact: 0 };
  return {
    draw(role) {
      seen[role] += 1;
      const kind = queue.shift();
      if (kind !== undefined) counts[role][kind] += 1;
      return kind;
    },
    createsBeforeError: () => createsBeforeError,
    counts: () => ({ create: { ...counts.create }, lookup: { ...counts.lookup }, contact: { ...counts.contact } }),
    requests: () => ({ ...seen }),
  };
}
