import type { DependencyContainer } from 'tsyringe';
import type { DeliverOptions, Delivery, EscalationAdapter } from '../adapter';
import { resolveContextLimits, type ContextLimits } from '../context/limits';
import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import type { EscalationOption } from '../option';
import { ESCALATION_OPTION } from '../tokens';
import { fitContextForRelay } from './fit-context';
import { postJson } from '../http/post-json';
import { relayErrorFromResponse } from './relay-errors';

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
   * How long to wait for the server's answer, in ms. The server may retry the provider for up
   * to 15 s, so keep it above that. @defaultValue 30000
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
 * POST answers the first result instead of making a second ticket. A network failure or a
 * timeout is retryable (the server deduplicates by key) but marked `ambiguous`, so the
 * registry does not fall back to another option that could reach a human twice.
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
  const timeoutMs = positiveInt(options.timeoutMs, 30_000, 'timeoutMs');
  const maxBodyBytes = positiveInt(options.maxBodyBytes, 1_000_000, 'maxBodyBytes');
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
      // Every relay request carries an idempotency key: repeating it never delivers twice.
      const answer = await postJson(url, { optionId, context: payload.context, idempotencyKey }, {
        provider: 'the escalation server',
        timeoutMs,
        ...(signal ? { signal } : {}),
        safeToRetry: true,
        ...(extra ? { headers: extra } : {}),
        credentials,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (answer.status < 200 || answer.status >= 300) throw relayErrorFromResponse(answer, url);
      return deliveryFrom(answer.body, answer.status);
    },
  };
  return adapter;
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

function positiveInt(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new EscalationError('CONFIGURATION', `${NAME}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
