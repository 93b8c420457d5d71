import { EscalationError, createRegistry, mayExist, relay, sleep, toEscalationError, type EscalationContext, type RelayDeliveryData } from '@pillar/escalation-core';
import type { ProviderName } from './emulator/truth';

/** What the user was told in the end. */
export type Told =
  | { kind: 'created'; provider?: ProviderName; id?: string }
  /** A clear, final failure: not retryable and nothing may exist. */
  | { kind: 'failed'; code: string; message: string }
  /** The escalation may exist ("may exist" at the end): unresolved. */
  | { kind: 'may-exist'; code: string; message: string }
  /** Still retryable when the app's patience ran out. */
  | { kind: 'gave-up'; code: string; message: string };

/** How the app behind a chaos client retries what the library says is retryable. */
export interface ClientPatience {
  /** Escalate calls in all, the first included. */
  tries: number;
  /** The pause before the n-th retry is at least n times this, in ms (longer when the answer says so). */
  backoffMs: number;
}

/** One escalation as the browser sends it, and what came of it. */
export interface ClientOutcome {
  told: Told;
  /** `escalate` calls made (1 when the first answer was final). */
  calls: number;
  /** What the first call said, before any retry by the app. */
  first: Told['kind'];
  /** The first call's error, `CODE: message`, when it failed. */
  firstError?: string;
  /** Each failed call: its code, status and the server's attempts, in short. */
  trail: string[];
}

const PROVIDER_OF_KIND: Record<string, ProviderName> = { 'zendesk-ticket': 'zendesk', 'freshdesk-ticket': 'freshdesk', 'intercom-conversation': 'intercom' };

/**
 * One user's escalation from the browser: a registry with the real core `relay` adapter (it
 * POSTs with `fetch`, waits out 409, refuses 422, repeats after a lost answer), and around it
 * what the library's errors ask of an app: a `retryable` failure is escalated again (the same
 * context, so the same key) after its `retryAfterMs`, up to `patience.tries` calls.
 */
export async function escalateFromBrowser(
  endpoint: string,
  fetchThrough: typeof fetch,
  userId: string,
  optionId: string,
  context: EscalationContext,
  patience: ClientPatience,
): Promise<ClientOutcome> {
  const registry = createRegistry([
    { id: optionId, label: 'Talk to a human', adapter: relay({ endpoint, optionId, fetch: fetchThrough, headers: { 'x-chaos-user': userId } }) },
  ]);
  let first: Told['kind'] | undefined;
  let firstError: string | undefined;
  const trail: string[] = [];
  for (let calls = 1; ; calls++) {
    let told: Told;
    let wait = 0;
    try {
      const result = await registry.escalate(optionId, context);
      const server = (result.data as RelayDeliveryData | undefined)?.server;
      const provider = server ? PROVIDER_OF_KIND[server.kind] : undefined;
      told = { kind: 'created', ...(provider ? { provider } : {}), ...(result.reference?.id ? { id: result.reference.id } : {}) };
    } catch (thrown) {
      const error = toEscalationError(thrown);
      const summary = { code: error.code, message: error.message };
      trail.push(callSummary(error));
      told = mayExist(error) ? { kind: 'may-exist', ...summary } : error.retryable ? { kind: 'gave-up', ...summary } : { kind: 'failed', ...summary };
      if (error.retryable) wait = Math.max(error.retryAfterMs ?? 0, patience.backoffMs * calls);
      else wait = -1;
    }
    if (first === undefined) {
      first = told.kind;
      if ('code' in told) firstError = `${told.code}: ${told.message}`;
    }
    if (told.kind === 'created' || wait < 0 || calls >= patience.tries) return { told, calls, first, trail, ...(firstError ? { firstError } : {}) };
    await sleep(wait);
  }
}

/** One failed call in short: code, HTTP status, and where the server's attempts ended. */
function callSummary(error: EscalationError): string {
  const cause = error.cause instanceof EscalationError ? error.cause : undefined;
  const status = error.status ?? cause?.status;
  const details = { ...cause?.details, ...error.details } as Record<string, unknown>;
  const flags = ['ambiguous', 'unresolved', 'inProgress'].filter((flag) => details[flag] === true);
  return `${error.code}${status ? ` ${status}` : ''}${flags.length ? ` [${flags.join(', ')}]` : ''}`;
}
