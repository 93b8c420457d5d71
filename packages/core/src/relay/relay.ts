import type { DependencyContainer } from 'tsyringe';
import type { DeliverOptions, Delivery, EscalationAdapter } from '../adapter';
import { resolveContextLimits, type ContextLimits } from '../context/limits';
import type { EscalationContext } from '../context/types';
import { deadlineSignal, timeLeft } from '../deadline';
import { EscalationError, toEscalationError } from '../errors';
import { retryAfterMs } from '../http/error-from-response';
import type { EscalationOption } from '../option';
import { sleep } from '../retry';
import { ESCALATION_OPTION } from '../tokens';
import { fitContextForRelay } from './fit-context';
import { postJson, type JsonAnswer } from '../http/post-json';
import { relayErrorFromResponse } from './relay-errors';
import { int } from '../options/int';
import { optionValue } from '../options/option-value';

/** Options of {@link relay}. */
export interface RelayOptions {
  /**
   * Where the server relay (`createEscalationHandler`) is mounted: its `basePath`, e.g.
   * `/api/escalation` or `https://app.example.com/api/escalation`. The relay POSTs to
   * `<endpoint>/escalations` (an endpoint that already ends in `/escalations` is used as is).
   * A relative endpoint is resolved against the page's address.
   */
  endpoint: string;
  /**
   * The id of the option to run on the server.
   * @defaultValue the id of the option this adapter belongs to, when the registry was made by
   * `createRegistry` (so the same id on both sides needs no repetition)
   */
  optionId?: string;
  /** The `fetch` to use (a wrapper that adds auth, a test double). @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /**
   * The whole time one delivery may take, in ms: every POST, the waits while the server
   * answers 409 (the same key still being delivered) and the repeats after a lost answer. The
   * server spends at most {@link RELAY_SERVER_BUDGET_MS} (25 s) on one escalation, its
   * providers' retries, fallbacks and lookups included, so keep this above that.
   * @defaultValue 30000 ({@link DEFAULT_RELAY_TIMEOUT_MS})
   */
  timeoutMs?: number;
  /**
   * Extra request headers (a CSRF token, `Authorization`), or a function that returns them at
   * each delivery. Cross-origin, the server must allow them in its preflight (it echoes the
   * requested headers for allowed origins). @defaultValue none
   */
  headers?: Record<string, string> | (() => Record<string, string>);
  /**
   * The `credentials` mode of the request: `same-origin` sends the session cookie to your own
   * origin only; use `include` for a relay on another origin that identifies users by cookie
   * (the server must list your origin in `allowedOrigins`). @defaultValue 'same-origin'
   */
  credentials?: RequestCredentials;
  /**
   * The server's context limits (`createEscalationHandler({ limits })`): messages are cut and
   * the oldest left out to fit `maxMessages`, `maxMessageLength` and `maxTotalLength`.
   * @defaultValue `DEFAULT_CONTEXT_LIMITS`, the server's default
   */
  limits?: Partial<ContextLimits>;
  /**
   * Most UTF-8 bytes of the request body; keep it at or under the server's `limits.maxBodyBytes`.
   * @defaultValue 1000000 (the server accepts 1 MiB by default)
   */
  maxBodyBytes?: number;
}

/** What the relay sends: the server's option id (when known before delivery) and the context. */
export interface RelayPayload {
  /** `RelayOptions.optionId`; absent when the id is taken from the registry at delivery. */
  optionId?: string;
  /** The redacted context, cut to fit the server's limits and `maxBodyBytes` (oldest messages left out first). */
  context: EscalationContext;
}

declare module '../adapter' {
  interface AdapterPayloads {
    /** The payload of the {@link relay} adapter. */
    relay: RelayPayload;
  }
}

/** `Delivery.data` of a relayed escalation: what the server reported. */
export interface RelayDeliveryData {
  /** The server's `EscalationResult`, in short (its `status` and `reference` are the delivery's own). */
  server: {
    /** The server option that delivered (a server-side fallback when it differs from the requested one). */
    optionId: string;
    /** The kind of the server adapter, e.g. `zendesk-ticket`. */
    kind: string;
    /** The server delivery's own `data`, when it had some. */
    data?: Record<string, unknown>;
  };
}

/**
 * The time budget the server relay gives one escalation (`registry.escalate(..., { budgetMs })`
 * in `createEscalationHandler`): an adapter's own retries (`DEFAULT_RETRY_BUDGET_MS`, 15 s)
 * and a lookup after a lost answer (5 s kept for `find`) fit inside it, fallbacks share it.
 */
export const RELAY_SERVER_BUDGET_MS = 25_000;

/**
 * The default `timeoutMs` of {@link relay}: above {@link RELAY_SERVER_BUDGET_MS}, so the
 * browser never gives up on an answer the server is still allowed to give.
 */
export const DEFAULT_RELAY_TIMEOUT_MS = 30_000;

/** How long to wait after a 409 without `Retry-After`. */
const IN_PROGRESS_WAIT_MS = 1_000;
/** POSTs after a lost answer (a network failure), the first included. */
const NETWORK_TRIES = 3;

const NAME = 'relay';
/** Room for the envelope: `{"optionId":…,"idempotencyKey":…}` around the context. */
const ENVELOPE_BYTES = 1_024;
const STATUSES = new Set(['opened', 'created', 'redirected']);

/**
 * The browser half of the server relay: sends the context to your own endpoint made with
 * `@pillar/escalation-server`, which re-checks the user and the gate and delivers with the
 * real (secret-holding) adapter. Browser-safe: only `fetch`, no Node or axios imports.
 *
 * The idempotency key of the escalation travels with the request, so a retried or doubled
 * POST answers the first result instead of making a second ticket. Within `timeoutMs`: a 409
 * (the server is still delivering this key, maybe on another instance) is waited out as its
 * `Retry-After` says and asked again with the same key; a lost answer (a network failure) is
 * POSTed again with the same key up to twice. A 422 (the key was used with another body) is a
 * bug in the app: `CONFIGURATION`, never retried. A failure after which the server may hold the
 * escalation (a timeout, a lost answer) is marked `ambiguous`, so the registry does not fall
 * back to another option that could reach a human twice.
 */
export function relay(options: RelayOptions): EscalationAdapter<RelayPayload> {
  if (typeof options !== 'object' || options === null) throw new EscalationError('CONFIGURATION', `${NAME}: options with an endpoint are required`);
  const endpoint = checkEndpoint(options.endpoint);
  if (options.optionId !== undefined && (typeof options.optionId !== 'string' || options.optionId.trim() === '')) {
    throw new EscalationError('CONFIGURATION', `${NAME}: optionId must be a non-empty string`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new EscalationError('CONFIGURATION', `${NAME}: fetch must be a function`);
  if (options.headers !== undefined && typeof options.headers !== 'function' && (typeof options.headers !== 'object' || options.headers === null)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: headers must be an object or a function returning one`);
  }
  const timeoutMs = optionValue(NAME, 'timeoutMs', int({ default: DEFAULT_RELAY_TIMEOUT_MS }), options.timeoutMs);
  const maxBodyBytes = optionValue(NAME, 'maxBodyBytes', int({ default: 1_000_000 }), options.maxBodyBytes);
  if (maxBodyBytes <= ENVELOPE_BYTES * 2) throw new EscalationError('CONFIGURATION', `${NAME}: maxBodyBytes must be more than ${ENVELOPE_BYTES * 2}`);
  const limits = resolveContextLimits(options.limits);
  const budget = {
    maxMessages: Math.max(1, limits.maxMessages),
    maxMessageLength: limits.maxMessageLength,
    maxTotalLength: limits.maxTotalLength,
    maxBytes: maxBodyBytes - ENVELOPE_BYTES,
  };
  const credentials = options.credentials ?? 'same-origin';

  const adapter: EscalationAdapter<RelayPayload> = {
    kind: 'relay',
    runtime: 'browser',
    toPayload(context: EscalationContext): RelayPayload {
      const fitted = fitContextForRelay(context, budget);
      return options.optionId === undefined ? { context: fitted } : { optionId: options.optionId, context: fitted };
    },
    async deliver(payload: RelayPayload, { idempotencyKey, signal, container }: DeliverOptions): Promise<Delivery> {
      const optionId = payload.optionId ?? ownOptionId(container, adapter);
      const url = resolveEndpoint(endpoint);
      const extra = typeof options.headers === 'function' ? options.headers() : options.headers;
      const budget = deadlineSignal(timeoutMs, signal);
      // Set once a POST may have reached the server: from then on, a failure "may exist".
      let sent = false;
      try {
        for (let networkTries = 0; ; ) {
          let answer: JsonAnswer;
          try {
            // Every relay request carries an idempotency key: repeating it never delivers twice.
            answer = await postJson(url, { optionId, context: payload.context, idempotencyKey }, {
              provider: 'the escalation server',
              timeoutMs,
              signal: budget.signal,
              safeToRetry: true,
              ...(extra ? { headers: extra } : {}),
              credentials,
              ...(options.fetch ? { fetch: options.fetch } : {}),
            });
          } catch (thrown) {
            const error = toEscalationError(thrown);
            sent ||= error.details?.ambiguous === true;
            // A lost answer: the same key again either finds the stored answer or delivers for the first time.
            if (error.code === 'PROVIDER_UNAVAILABLE' && error.retryable && ++networkTries < NETWORK_TRIES && timeLeft(budget.signal) > 0) {
              await sleep(250 * 2 ** networkTries, budget.signal);
              continue;
            }
            throw error;
          }
          if (answer.status >= 200 && answer.status < 300) return deliveryFrom(answer.body, answer.status);
          if (answer.status === 409) {
            // The same key is being delivered right now (a double click, a retry, another instance): wait, then ask again.
            sent = true;
            const wait = inProgressWait(answer);
            if (wait >= timeLeft(budget.signal)) throw stillDelivering(timeoutMs);
            await sleep(wait, budget.signal);
            continue;
          }
          if (answer.status === 422) throw keyReused(idempotencyKey);
          throw relayErrorFromResponse(answer, url);
        }
      } catch (thrown) {
        throw settle(toEscalationError(thrown), sent);
      } finally {
        budget.dispose();
      }
    },
  };
  return adapter;
}

/**
 * A timeout may be retried later with the same key (the server deduplicates); an abort or a
 * timeout after a POST that may have reached the server "may exist".
 */
function settle(error: EscalationError, sent: boolean): EscalationError {
  if (error.code !== 'TIMEOUT' && !(error.code === 'ABORTED' && sent)) return error;
  const flagged = error.details?.ambiguous === true;
  const ambiguous = sent || flagged;
  if ((error.code === 'ABORTED' || error.retryable) && ambiguous === flagged) return error;
  return new EscalationError(error.code, ambiguous && !flagged ? `${error.message}; the escalation server may already have it` : error.message, {
    retryable: error.code === 'TIMEOUT',
    ...(error.status !== undefined ? { status: error.status } : {}),
    details: { ...error.details, ...(ambiguous ? { ambiguous: true } : {}) },
    cause: error,
  });
}

/** How long the server asked us to wait before asking again about a key it is still delivering. */
function inProgressWait(answer: JsonAnswer): number {
  const body = (answer.body as { error?: { retryAfterMs?: unknown } } | undefined)?.error?.retryAfterMs;
  const wait = typeof body === 'number' && body >= 0 ? body : retryAfterMs(answer);
  return Math.min(wait ?? IN_PROGRESS_WAIT_MS, 10_000);
}

function stillDelivering(timeoutMs: number): EscalationError {
  return new EscalationError(
    'TIMEOUT',
    `The escalation server was still delivering this escalation (HTTP 409) when the relay's ${timeoutMs} ms ran out; it may have reached support. Retry with the same idempotency key to get its answer`,
    { status: 409, retryable: true, details: { ambiguous: true, inProgress: true } },
  );
}

/** 422: the key was already used with another body. A bug in the caller, never retried. */
function keyReused(idempotencyKey: string): EscalationError {
  return new EscalationError(
    'CONFIGURATION',
    `The escalation server refused idempotency key "${idempotencyKey}" (HTTP 422): it was already used for a different escalation (another option or context). ` +
      'This is a bug in the app, not a network problem, so it is not retried: give each escalation its own key, or let the registry derive it',
    { status: 422, retryable: false, details: { reason: 'idempotency_key_reused', idempotencyKey } },
  );
}

function checkEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    throw new EscalationError('CONFIGURATION', `${NAME}: endpoint is required: where createEscalationHandler is mounted, e.g. "/api/escalation"`);
  }
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^https?:\/\//i.test(trimmed)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: endpoint must be an http(s) URL or a path, got ${JSON.stringify(endpoint)}`);
  }
  return /\/escalations$/.test(trimmed) ? trimmed : `${trimmed}/escalations`;
}

/** An absolute URL: as given, or resolved against the page. */
function resolveEndpoint(endpoint: string): string {
  if (/^https?:\/\//i.test(endpoint)) return endpoint;
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  if (!base) {
    throw new EscalationError('CONFIGURATION', `${NAME}: endpoint "${endpoint}" is relative and there is no page to resolve it against; give an absolute URL outside a browser`);
  }
  return new URL(endpoint, base).href;
}

/** The id of the registry option that holds this adapter (createRegistry registers options in the container). */
function ownOptionId(container: DependencyContainer | undefined, adapter: EscalationAdapter<RelayPayload>): string {
  const hint = 'pass relay({ endpoint, optionId }) with the id of the server option';
  if (!container || !container.isRegistered(ESCALATION_OPTION, true)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: no optionId and no registry to take it from; ${hint}`);
  }
  const ids = (container.resolveAll(ESCALATION_OPTION) as EscalationOption[]).filter((o) => o.adapter === adapter).map((o) => o.id);
  if (ids.length !== 1) {
    const why = ids.length === 0 ? 'this adapter is not one of the registry\'s options' : `this adapter belongs to several options (${ids.join(', ')})`;
    throw new EscalationError('CONFIGURATION', `${NAME}: no optionId, and ${why}; ${hint}`);
  }
  return ids[0]!;
}

/** The server's `EscalationResult`, read as a `Delivery`. */
function deliveryFrom(result: unknown, status: number): Delivery {
  const r = result as { status?: unknown; reference?: unknown; optionId?: unknown; kind?: unknown; data?: unknown } | undefined;
  if (typeof r !== 'object' || r === null || !STATUSES.has(r.status as string)) {
    // It answered 2xx, so the escalation probably happened: a retry with the same key returns it.
    throw new EscalationError('PROVIDER_UNAVAILABLE', `The escalation server answered HTTP ${status} without a result`, {
      status,
      retryable: true,
      details: { ambiguous: true },
    });
  }
  const delivery: Delivery = { status: r.status as Delivery['status'] };
  const reference = referenceFrom(r.reference);
  if (reference) delivery.reference = reference;
  const server: RelayDeliveryData['server'] = {
    optionId: typeof r.optionId === 'string' ? r.optionId : '',
    kind: typeof r.kind === 'string' ? r.kind : '',
  };
  if (typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data)) server.data = r.data as Record<string, unknown>;
  delivery.data = { server } satisfies RelayDeliveryData;
  return delivery;
}

function referenceFrom(value: unknown): Delivery['reference'] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, url } = value as { id?: unknown; url?: unknown };
  const reference: NonNullable<Delivery['reference']> = {};
  if (typeof id === 'string') reference.id = id;
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) reference.url = url;
  return reference.id === undefined && reference.url === undefined ? undefined : reference;
}
