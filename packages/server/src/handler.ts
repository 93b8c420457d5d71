import {
  EscalationError,
  escalationKey,
  isEscalationError,
  parseContext,
  RELAY_SERVER_BUDGET_MS,
  resolveContextLimits,
  toEscalationError,
  type AttemptJournal,
  type ContextLimits,
  type EscalateOptions,
  type EscalationContext,
  type EscalationRegistry,
  type EscalationResult,
  type EscalationUser,
  type SidebarIcon,
} from '@pillar/escalation-core';
import { errorAnswer, publicMessage, requestError, statusForError, type RelayAnswer } from './answer';
import { resolveIdempotency, type IdempotencyOptions, type IdempotencyRecord, type ResolvedIdempotency } from './idempotency';
import { requestFingerprint } from './fingerprint';
import { checkIdentity, serverContext, subjectOf, type Identify } from './identity';
import { exchangeFromRequest, outputToResponse, relayCores, type RelayExchange, type RelayOutput } from './exchange';
import { originPolicy } from './origins';
import { rateLimiter, type RateLimitOptions } from './rate-limit';
import { sha256Hex } from './digest';
import { resolveLifecycle, type LifecycleEvent, type LifecycleOptions, type WebhookOptions } from './lifecycle/options';
import { relayLifecycle, type RelayLifecycle } from './lifecycle/relay-lifecycle';

/** Size limits of one request: the body, and the context inside it (`parseContext`'s limits). */
export interface HandlerLimits extends Partial<ContextLimits> {
  /**
   * Most bytes of a request body. A bigger `Content-Length` is refused before reading; a
   * streamed body is read no further than this. @defaultValue 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
}

/** Options of {@link createEscalationHandler}. */
export interface EscalationHandlerOptions {
  /** The server's registry: its options use the real (secret-holding) adapters. */
  registry: EscalationRegistry;
  /**
   * Who sent the request (read your session cookie or verify a token). Its `id`, `plan`,
   * `role` and `attributes` replace whatever the browser claims, and so do `name`, `email`,
   * `locale` and `timeZone` when it gives them. Return `null` for an anonymous visitor: gates
   * then see no id, plan, role or attributes, so anonymous visitors get only the options
   * without such a gate. Throw an `EscalationError('NOT_ALLOWED')` to refuse the request (403).
   * @defaultValue every request is anonymous
   */
  identify?: Identify;
  /** Body and context size limits. @defaultValue 1 MiB body, `DEFAULT_CONTEXT_LIMITS` */
  limits?: HandlerLimits;
  /**
   * Escalations per user (or per client address when anonymous) and window, or `false` to
   * turn it off (when a gateway does it). @defaultValue 10 per 60 s, counted in memory
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * How repeated requests with the same key (per user and option) are answered: the first
   * delivery's answer is replayed, the same key with another body answers 422, and while the
   * first is still being delivered 409. `false` turns the store off (the registry still shares
   * duplicates in flight in this process). Several instances need a shared store and journal.
   * @defaultValue an in-memory store and journal, answers kept 24 hours
   */
  idempotency?: IdempotencyOptions | false;
  /**
   * Other origins whose pages may call the relay (`https://app.example.com`). Pages on the
   * handler's own host always may; a request with any other `Origin` is refused with 403.
   * @defaultValue none (same host only)
   */
  allowedOrigins?: string[];
  /**
   * Where the routes live: `<basePath>/options` and `<basePath>/escalations` (`''` or `'/'` for
   * `/options` and `/escalations`). @defaultValue '/api/escalation'
   */
  basePath?: string;
  /**
   * The client's address, which rate-limits anonymous requests. Behind a proxy you trust, read
   * its header here (`request.headers.get('x-real-ip')`); `X-Forwarded-For` is never read on
   * its own, since any client can send one.
   * @defaultValue the socket's address under `toNodeHandler`, else `undefined` (all anonymous requests share one limit)
   */
  clientAddress?: (request: Request) => string | undefined;
  /**
   * Called with every failure the browser only sees a generic message for (provider errors,
   * configuration, a throwing `identify`), with the full error: log it here.
   * @defaultValue `console.error`
   */
  onError?: (error: EscalationError, request: Request) => void;
  /**
   * Provider webhooks in: `POST <basePath>/webhooks/<provider>` for each provider given here
   * with its secret (`zendesk: { secret }`, `intercom: { clientSecret }`, `freshdesk: { token }`,
   * `calendly: { signingKey }`). Each request is verified before anything else (401 when
   * forged, stale or unsigned), mapped to the lifecycle, joined to its escalation through what the
   * adapters stamped, and applied once. @defaultValue none (no webhook routes)
   */
  webhooks?: WebhookOptions;
  /**
   * After the handoff: the lifecycle of each escalation an identified user made
   * (`GET <basePath>/escalations/<key>` and its `/events` stream), its store, reply text and
   * stream timing. `false` turns it off (no lifecycle routes; `webhooks` then must be absent).
   * @defaultValue an in-memory store, no reply text, keep-alive 15 s, responses end after 280 s
   */
  lifecycle?: LifecycleOptions | false;
  /**
   * Called with every lifecycle change (the delivery's `created`, then each applied webhook):
   * option, kind, state and the time since the delivery, for analytics. @defaultValue none
   */
  onLifecycle?: (event: LifecycleEvent) => void;
}

/** A fetch-standard handler: Node 20, Next.js route handlers, Hono, Deno, Bun, edge runtimes. */
export type EscalationHandler = (request: Request) => Promise<Response>;

/** One public entry of `GET <base>/options`. */
export interface RelayOptionSummary {
  /** The option's id: what the browser sends back as `optionId` in `POST <base>/escalations`. */
  id: string;
  /** The option's `label`, for the user. */
  label: string;
  /** The option's sidebar icon (one of Pillar's icon names); absent when the option has none. */
  icon?: SidebarIcon;
  /** Position in the list, lower first: the option's `order`, else its registration position. */
  order: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_OPTION_ID = 200;
const MAX_KEY = 255;
/** Printable ASCII: the key may end up in a provider's header. */
const KEY_CHARS = /^[\x21-\x7e]+$/;
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;
const ANONYMOUS: EscalationContext = Object.freeze({ conversationId: null, messages: [] }) as EscalationContext;

/**
 * The server relay: `GET <basePath>/options` lists what the identified user may use now;
 * `POST <basePath>/escalations` with `{ optionId, context, idempotencyKey? }` validates the
 * context, replaces the user fields gates read with what `identify` says, re-checks the gate,
 * delivers once per idempotency key and answers 201 with the `EscalationResult`. Every failure
 * is a JSON `{ error: { code, message, retryable } }` with its status; the handler never
 * throws, so the process keeps serving. Fetch-standard: it needs only web APIs, and takes
 * node:crypto's hash for idempotency keys where the runtime has one (faster than `crypto.subtle`).
 */
export function createEscalationHandler(options: EscalationHandlerOptions): EscalationHandler {
  if (typeof options !== 'object' || options === null || typeof options.registry?.escalate !== 'function') {
    throw new EscalationError('CONFIGURATION', 'createEscalationHandler: a registry (createRegistry(...)) is required');
  }
  const { registry } = options;
  if (options.identify !== undefined && typeof options.identify !== 'function') {
    throw new EscalationError('CONFIGURATION', 'createEscalationHandler: identify must be a function of the request');
  }
  const { maxBodyBytes: rawMaxBody, ...rawContextLimits } = options.limits ?? {};
  const contextLimits = resolveContextLimits(rawContextLimits);
  const maxBodyBytes = rawMaxBody ?? 1_048_576;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new EscalationError('CONFIGURATION', `createEscalationHandler: limits.maxBodyBytes must be a positive integer, got ${String(rawMaxBody)}`);
  }
  const limiter = rateLimiter(options.rateLimit);
  const idempotency = resolveIdempotency(options.idempotency);
  const origins = originPolicy(options.allowedOrigins);
  const base = normalizeBase(options.basePath);
  const optionsPath = `${base}/options`;
  const escalationsPath = `${base}/escalations`;
  const customAddress = options.clientAddress;
  const clientAddress = customAddress ? (x: RelayExchange) => customAddress(x.request()) : (x: RelayExchange) => x.address();
  const onError = options.onError ?? ((error: EscalationError) => console.error('escalation relay:', error));
  const identify = options.identify;
  if (options.lifecycle === false && options.webhooks !== undefined) {
    throw new EscalationError('CONFIGURATION', 'createEscalationHandler: webhooks need the lifecycle (lifecycle: false leaves them nowhere to go)');
  }
  if (options.onLifecycle !== undefined && typeof options.onLifecycle !== 'function') {
    throw new EscalationError('CONFIGURATION', 'createEscalationHandler: onLifecycle must be a function');
  }
  const resolvedLifecycle = resolveLifecycle(options.lifecycle, options.webhooks);
  const lifecycle: RelayLifecycle | undefined = resolvedLifecycle
    ? relayLifecycle({ lifecycle: resolvedLifecycle, webhooks: options.webhooks, maxBodyBytes, onLifecycle: options.onLifecycle, report: (error, x) => (x ? report(error, x) : undefined) })
    : undefined;
  const webhooksPrefix = `${base}/webhooks/`;
  const escalationPrefix = `${escalationsPath}/`;

  const report = (error: EscalationError, x: RelayExchange): void => {
    try {
      onError(error, x.request());
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  };

  const renewals = claimRenewals(idempotency, report);

  async function identifyRequest(x: RelayExchange): Promise<EscalationUser | null> {
    if (!identify) return null;
    let user: unknown;
    try {
      user = await identify(x.request());
    } catch (error) {
      if (isEscalationError(error)) throw error;
      throw new EscalationError('CONFIGURATION', 'createEscalationHandler: identify threw', { cause: error });
    }
    return checkIdentity(user);
  }

  async function listOptions(x: RelayExchange, cors: Cors): Promise<RelayOutput> {
    const identity = await identifyRequest(x);
    const context = identity ? { conversationId: null, messages: [], user: identity } : ANONYMOUS;
    const tabs = await registry.sidebarTabs(context);
    const list: RelayOptionSummary[] = tabs.map((tab) => (tab.icon ? { id: tab.id, label: tab.label, icon: tab.icon, order: tab.order } : { id: tab.id, label: tab.label, order: tab.order }));
    return output({ status: 200, body: JSON.stringify({ options: list }) }, cors);
  }

  async function escalate(x: RelayExchange, cors: Cors): Promise<RelayOutput> {
    if (!isJsonType(x.header('content-type'))) {
      return output(requestError(415, 'CONFIGURATION', 'The body must be JSON, sent with Content-Type: application/json'), cors);
    }
    // No identify, no await: every await is a turn of the microtask queue.
    const identity = identify ? await identifyRequest(x) : null;
    const subject = subjectOf(identity, clientAddress(x));
    if (limiter) {
      const wait = await limiter.check(subject);
      if (wait !== undefined) {
        return output(requestError(429, 'RATE_LIMITED', 'Too many escalations; try again later', { retryable: true, retryAfter: wait }), cors);
      }
    }
    const text = await x.readBody(maxBodyBytes);
    if (text === 'too-large') {
      return output(requestError(413, 'INVALID_CONTEXT', `The request body is larger than ${maxBodyBytes} bytes`, { details: { reason: 'limit', limit: 'maxBodyBytes', max: maxBodyBytes } }), cors);
    }
    if (text === 'timeout') {
      return output(requestError(408, 'TIMEOUT', 'The request body did not arrive in time', { retryable: true }), cors);
    }
    if (text === 'unreadable' || text === 'not-utf8') {
      return output(requestError(400, 'INVALID_CONTEXT', text === 'not-utf8' ? 'The request body is not UTF-8' : 'The request body could not be read'), cors);
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      return output(requestError(400, 'INVALID_CONTEXT', 'The request body is not valid JSON'), cors);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return output(requestError(400, 'INVALID_CONTEXT', 'The request body must be a JSON object { optionId, context, idempotencyKey? }'), cors);
    }
    const { optionId, context: rawContext, idempotencyKey } = input as { optionId?: unknown; context?: unknown; idempotencyKey?: unknown };
    if (typeof optionId !== 'string' || optionId === '' || optionId.length > MAX_OPTION_ID) {
      return output(requestError(400, 'INVALID_CONTEXT', `optionId must be a string of 1 to ${MAX_OPTION_ID} characters`, { details: { path: 'optionId', reason: 'type' } }), cors);
    }
    if (idempotencyKey !== undefined && idempotencyKey !== null && (typeof idempotencyKey !== 'string' || idempotencyKey.length > MAX_KEY || !KEY_CHARS.test(idempotencyKey))) {
      return output(requestError(400, 'INVALID_CONTEXT', `idempotencyKey must be 1 to ${MAX_KEY} printable ASCII characters`, { details: { path: 'idempotencyKey', reason: 'format' } }), cors);
    }
    if (registry.get(optionId) === undefined) {
      return output(requestError(404, 'UNKNOWN_OPTION', `There is no escalation option "${optionId}"`), cors);
    }
    let context: EscalationContext;
    try {
      context = serverContext(parseContext(rawContext, contextLimits), identity);
    } catch (error) {
      return output(errorAnswer(toEscalationError(error, 'INVALID_CONTEXT')), cors);
    }
    const clientKey = typeof idempotencyKey === 'string' ? idempotencyKey : escalationKey(context, optionId);
    const storeKey = `${subject}\n${optionId}\n${clientKey}`;
    // Gone before anything started: nothing to deliver for.
    if (x.aborted) return output(ABORTED_ANSWER, cors);
    if (!idempotency) return output((await deliver(subject, storeKey, clientKey, optionId, context, undefined, x)).answer, cors);
    const digest = requestFingerprint(optionId, context);
    const fingerprint = typeof digest === 'string' ? digest : await digest;
    return output(await deliverOnce(idempotency, subject, storeKey, clientKey, fingerprint, optionId, context, x), cors);
  }

  /**
   * Claims the key in the store and delivers, or answers from what the store holds: the stored
   * answer (a replay), 422 for the same key with another body, 409 while the first request is
   * still being delivered (on any instance sharing the store). A client that leaves does not
   * stop a delivery: the provider may already hold the escalation, so it runs on (bounded by the
   * adapter's own timeouts) and its answer is kept for the retry.
   */
  async function deliverOnce(
    idempotency: ResolvedIdempotency,
    subject: string,
    storeKey: string,
    clientKey: string,
    fingerprint: string,
    optionId: string,
    context: EscalationContext,
    x: RelayExchange,
  ): Promise<RelayAnswer> {
    const { store, leaseMs } = idempotency;
    const owner = newOwner();
    let found: IdempotencyRecord | null;
    try {
      // The in-memory store answers synchronously: await only a store that returns a promise.
      const claimed = store.claim(storeKey, { fingerprint, owner, leaseMs });
      found = isThenable(claimed) ? await claimed : claimed;
    } catch (error) {
      report(new EscalationError('CONFIGURATION', 'createEscalationHandler: the idempotency store failed', { cause: error }), x);
      return STORE_DOWN_ANSWER;
    }
    if (found) {
      if (found.fingerprint !== fingerprint) return KEY_REUSED_ANSWER;
      if (found.answer) return found.answer;
      return inProgressAnswer(found.leaseLeftMs);
    }
    // Ours: renewed while the delivery runs (one timer for all of this handler's claims), so a
    // claim outlives its instance by at most one lease.
    const held: HeldClaim = { key: storeKey, owner, x };
    renewals.hold(held);
    let outcome: Outcome;
    try {
      outcome = await deliver(subject, storeKey, clientKey, optionId, context, idempotency.journal, x);
    } finally {
      renewals.drop(held);
    }
    const { answer } = outcome;
    try {
      // A delivery is kept, and so is an ambiguous failure the journal cannot reconcile (a
      // registry that wrote no attempts): replayed, never sent again. After any other failure
      // the claim goes: the next try reads the journal and, where an attempt may have landed,
      // asks the provider before sending again.
      const kept = outcome.keep ? store.complete(storeKey, owner, { fingerprint, answer }, idempotency.ttlMs) : store.release(storeKey, owner);
      if (isThenable(kept)) await kept;
    } catch (error) {
      report(new EscalationError('CONFIGURATION', 'createEscalationHandler: the idempotency store failed to keep an answer', { cause: error }), x);
    }
    return answer;
  }

  /** Delivers through the registry (with the journal, which reconciles before a re-send). Never rejects. */
  async function deliver(subject: string, storeKey: string, clientKey: string, optionId: string, context: EscalationContext, journal: AttemptJournal | undefined, x: RelayExchange): Promise<Outcome> {
    let idempotencyKey = '';
    try {
      const digest = sha256Hex(storeKey);
      idempotencyKey = providerKey(typeof digest === 'string' ? digest : await digest);
      // The server's whole budget for one escalation (retries, fallbacks, lookups): inside the
      // browser relay's timeout, so the page hears the answer instead of timing out first.
      const escalateOptions: EscalateOptions & { journal?: AttemptJournal } = { idempotencyKey, budgetMs: RELAY_SERVER_BUDGET_MS };
      if (journal) escalateOptions.journal = journal;
      const result = await registry.escalate(optionId, context, escalateOptions);
      // The adapter that delivered got this key (a fallback gets `<key>:<optionId>`): what it stamped.
      if (lifecycle) {
        // Only an identified user's delivery is recorded: no await (no turn of the queue) otherwise.
        const recording = lifecycle.record(subject, clientKey, result.optionId === optionId ? idempotencyKey : `${idempotencyKey}:${result.optionId}`, result, x);
        if (recording) await recording;
      }
      return { answer: { status: 201, body: resultBody(result, clientKey) }, keep: true };
    } catch (thrown) {
      const error = toEscalationError(thrown);
      const status = statusForError(error);
      if (status >= 500 && error.code !== 'ABORTED') report(error, x);
      if (error.details?.ambiguous !== true) return { answer: errorAnswer(error, status), keep: false };
      // The provider may hold it. With its attempts in the journal, a retry with the same key
      // asks the provider before sending again: safe, and the only way to learn the outcome.
      if (journal && (await journalHolds(journal, idempotencyKey, x))) return { answer: errorAnswer(error, status, { retryable: true, retryAfter: 1 }), keep: false };
      return { answer: errorAnswer(error, status), keep: true };
    }
  }

  /** Whether the registry journaled attempts under `key` (a registry that journals; a store that answers). */
  async function journalHolds(journal: AttemptJournal, key: string, x: RelayExchange): Promise<boolean> {
    try {
      return (await journal.read(key)).length > 0;
    } catch (error) {
      report(new EscalationError('CONFIGURATION', 'createEscalationHandler: the attempt journal failed', { cause: error }), x);
      return false;
    }
  }

  async function core(x: RelayExchange): Promise<RelayOutput> {
    let cors: Cors = undefined;
    try {
      const path = pathOf(x.url);
      const route = path === optionsPath ? 'GET' : path === escalationsPath ? 'POST' : undefined;
      if (route === undefined) {
        if (lifecycle && path.startsWith(webhooksPrefix)) return await webhookRoute(x, path.slice(webhooksPrefix.length), lifecycle);
        if (lifecycle && path.startsWith(escalationPrefix)) return await lifecycleRoute(x, path.slice(escalationPrefix.length), lifecycle);
        return { ...output(NOT_FOUND, undefined), unmatched: true };
      }
      const origin = x.header('origin');
      const verdict = origins.check(origin, x.url);
      if (verdict === 'refused') return output(originRefused(origin!), undefined);
      cors = verdict === 'allowed' ? corsHeaders(origin!) : undefined;
      const method = x.method;
      if (method === route) return route === 'GET' ? await listOptions(x, cors) : await escalate(x, cors);
      if (method === 'OPTIONS') return preflight(x, route, cors);
      return output(requestError(405, 'CONFIGURATION', `Use ${route} for this route`), cors, { allow: `${route}, OPTIONS` });
    } catch (thrown) {
      const error = toEscalationError(thrown, 'CONFIGURATION', 'The escalation relay failed unexpectedly');
      const status = statusForError(error);
      if (status >= 500) report(error, x);
      return output(errorAnswer(error, status), cors);
    }
  }

  /** `POST <base>/webhooks/<provider>`: server to server, so no origin check and no CORS. */
  async function webhookRoute(x: RelayExchange, provider: string, lc: RelayLifecycle): Promise<RelayOutput> {
    const receiving = lc.webhook(provider, x);
    if (!receiving) return output(requestError(404, 'CONFIGURATION', 'No webhooks are configured for this provider'), undefined);
    if (x.method !== 'POST') return output(requestError(405, 'CONFIGURATION', 'Use POST for this route'), undefined, { allow: 'POST' });
    return output(await receiving, undefined);
  }

  /** `GET <base>/escalations/<key>` and `…/<key>/events`: only for the user who escalated (404 for anybody else). */
  async function lifecycleRoute(x: RelayExchange, rest: string, lc: RelayLifecycle): Promise<RelayOutput> {
    const stream = rest.endsWith('/events');
    let key: string;
    try {
      key = decodeURIComponent(stream ? rest.slice(0, -'/events'.length) : rest);
    } catch {
      key = '';
    }
    if (key === '' || key.length > MAX_KEY || !KEY_CHARS.test(key)) return { ...output(NOT_FOUND, undefined), unmatched: true };
    const origin = x.header('origin');
    const verdict = origins.check(origin, x.url);
    if (verdict === 'refused') return output(originRefused(origin!), undefined);
    const cors = verdict === 'allowed' ? corsHeaders(origin!) : undefined;
    if (x.method === 'OPTIONS') return preflight(x, 'GET', cors);
    if (x.method !== 'GET') return output(requestError(405, 'CONFIGURATION', 'Use GET for this route'), cors, { allow: 'GET, OPTIONS' });
    let identity: EscalationUser | null;
    try {
      identity = await identifyRequest(x);
    } catch (error) {
      // Refused by identify: the same 404 as a key of somebody else's, so keys cannot be probed.
      if (isEscalationError(error) && error.code === 'NOT_ALLOWED') identity = null;
      else throw error;
    }
    return lc.read(identity ? subjectOf(identity, undefined) : undefined, key, stream, x, cors);
  }

  const handler: EscalationHandler = async function handleEscalationRequest(request: Request): Promise<Response> {
    return outputToResponse(await core(exchangeFromRequest(request)));
  };
  relayCores.set(handler, core);
  return handler;
}

type Cors = Record<string, string> | undefined;

/** A delivery's answer, and whether the store keeps it (replays it) or drops the claim (the next try delivers or reconciles). */
interface Outcome {
  answer: RelayAnswer;
  keep: boolean;
}

const NOT_FOUND = requestError(404, 'CONFIGURATION', 'No escalation route here: use GET <basePath>/options or POST <basePath>/escalations');
const ABORTED_ANSWER = requestError(503, 'ABORTED', 'The request was aborted', { retryable: true });
const STORE_DOWN_ANSWER = requestError(503, 'PROVIDER_UNAVAILABLE', 'The escalation service is unavailable; try again in a moment', { retryable: true, retryAfter: 1 });
const IN_PROGRESS_MESSAGE = 'This escalation is still being delivered; retry the same request in a moment';
const IN_PROGRESS_ANSWER = requestError(409, 'PROVIDER_UNAVAILABLE', IN_PROGRESS_MESSAGE, { retryable: true, retryAfter: 1, details: { reason: 'in-progress', ambiguous: true } });
const KEY_REUSED_ANSWER = requestError(422, 'INVALID_CONTEXT', 'This idempotencyKey was already used with a different request body: send a new key for a new escalation', {
  details: { path: 'idempotencyKey', reason: 'reused' },
});

/** The headers of most answers, shared (frozen: whoever writes them must not add to them). */
const PLAIN_HEADERS: Record<string, string> = Object.freeze({ 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });

function output(answer: RelayAnswer, cors: Cors, extra?: Record<string, string>): RelayOutput {
  if (answer.retryAfter === undefined && cors === undefined && extra === undefined) return { status: answer.status, headers: PLAIN_HEADERS, body: answer.body };
  const headers: Record<string, string> = { ...PLAIN_HEADERS };
  if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
  if (cors) Object.assign(headers, cors);
  if (extra) Object.assign(headers, extra);
  return { status: answer.status, headers, body: answer.body };
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'Retry-After',
    vary: 'Origin',
  };
}

/** A CORS preflight (allowed origins) or a plain `OPTIONS` (which methods the route takes). */
function preflight(x: RelayExchange, method: 'GET' | 'POST', cors: Cors): RelayOutput {
  const headers: Record<string, string> = { allow: `${method}, OPTIONS`, 'cache-control': 'no-store' };
  if (cors) {
    Object.assign(headers, cors);
    headers['access-control-allow-methods'] = `${method}, OPTIONS`;
    const requested = x.header('access-control-request-headers');
    headers['access-control-allow-headers'] = requested && HEADER_LIST.test(requested) ? requested : 'Content-Type';
    headers['access-control-max-age'] = '600';
  }
  return { status: 204, headers, body: null };
}

/** The result the browser gets: provider messages of failed attempts replaced, its own key shown. */
function resultBody(result: EscalationResult, clientKey: string): string {
  let { attempts } = result;
  // Most results have no failed attempt: nothing to replace, nothing to copy.
  for (const attempt of attempts) {
    if (!attempt.error) continue;
    attempts = attempts.map((one) => (one.error ? { ...one, error: { ...one.error, message: publicMessage(new EscalationError(one.error.code, one.error.message)) } } : one));
    break;
  }
  return JSON.stringify({ ...result, idempotencyKey: clientKey, attempts });
}

/** A claim this handler holds while its delivery runs. */
interface HeldClaim {
  key: string;
  owner: string;
  x: RelayExchange;
}

/** Renews every claim a handler holds, every third of a lease, with one timer instead of one per request. */
interface ClaimRenewals {
  hold(claim: HeldClaim): void;
  drop(claim: HeldClaim): void;
}

/**
 * One timer renews all of a handler's claims while their deliveries run: each is renewed within
 * a third of a lease of being taken and every third of a lease after, as a timer of its own
 * would. The timer runs only while claims are held (it stops at the first tick with none) and
 * never keeps the process alive.
 */
function claimRenewals(idempotency: ResolvedIdempotency | undefined, report: (error: EscalationError, x: RelayExchange) => void): ClaimRenewals {
  const held = new Set<HeldClaim>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const renew = (claim: HeldClaim) => {
    Promise.resolve()
      .then(() => idempotency!.store.renew(claim.key, claim.owner, idempotency!.leaseMs))
      .then(
        (still) => {
          // A claim dropped meanwhile was completed or released: not held, nothing lost.
          if (!still && held.has(claim)) report(new EscalationError('CONFIGURATION', 'createEscalationHandler: this delivery lost its idempotency claim (it ran longer than idempotency.leaseMs without renewing)'), claim.x);
        },
        (error: unknown) => report(new EscalationError('CONFIGURATION', 'createEscalationHandler: the idempotency store failed to renew a claim', { cause: error }), claim.x),
      );
  };
  const tick = () => {
    if (held.size === 0) {
      clearInterval(timer);
      timer = undefined;
      return;
    }
    for (const claim of held) renew(claim);
  };
  return {
    hold(claim) {
      held.add(claim);
      if (timer === undefined && idempotency) {
        timer = setInterval(tick, Math.max(1, Math.floor(idempotency.leaseMs / 3)));
        (timer as { unref?: () => void }).unref?.();
      }
    },
    drop(claim) {
      held.delete(claim);
    },
  };
}

/**
 * The key the provider sees, `pe-` and 32 hex digits of the scoped key's SHA-256: scoped to the
 * user and the option, so two users' keys never collide there.
 */
function providerKey(digest: string): string {
  return `pe-${digest.slice(0, 32)}`;
}

/**
 * 403 for a foreign `Origin`, naming the origin seen and the option that allows it: behind a dev
 * proxy that rewrites `Host` (Vite's `changeOrigin`), the page's origin is foreign to the handler.
 */
function originRefused(origin: string): RelayAnswer {
  const seen = origin.length > 200 ? `${origin.slice(0, 199)}…` : origin;
  return requestError(403, 'NOT_ALLOWED', `This origin (${seen}) may not use the escalation relay: add it to createEscalationHandler's allowedOrigins`, {
    details: { reason: 'origin', origin: seen },
  });
}

/** A fresh claim owner: unique per delivery. */
function newOwner(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * 409 for a key whose first request is still being delivered (the IETF httpapi Idempotency-Key
 * draft's "concurrent request"): retry the same request after `Retry-After`. `ambiguous`, since
 * the first request may already have reached the provider: no fallback to another option.
 */
function inProgressAnswer(leaseLeftMs: number | undefined): RelayAnswer {
  const seconds = leaseLeftMs === undefined ? 1 : Math.min(3, Math.max(1, Math.ceil(leaseLeftMs / 1000)));
  return seconds === 1 ? IN_PROGRESS_ANSWER : requestError(409, 'PROVIDER_UNAVAILABLE', IN_PROGRESS_MESSAGE, { retryable: true, retryAfter: seconds, details: { reason: 'in-progress', ambiguous: true } });
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** `application/json`, with no charset or UTF-8. */
function isJsonType(type: string | null): boolean {
  if (type === null) return false;
  const semi = type.indexOf(';');
  const media = (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase();
  if (media !== 'application/json') return false;
  if (semi < 0) return true;
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type.slice(semi))?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** The path of an absolute URL, without the query, without a trailing slash: no URL parsing. */
function pathOf(url: string): string {
  const scheme = url.indexOf('//');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 2);
  if (start < 0) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  if (end - start > 1 && url.charCodeAt(end - 1) === 47 /* / */) end -= 1;
  return url.slice(start, end);
}

function normalizeBase(basePath: unknown): string {
  if (basePath === undefined) return '/api/escalation';
  if (typeof basePath !== 'string' || !/^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/.test(basePath)) {
    throw new EscalationError('CONFIGURATION', `createEscalationHandler: basePath must be a path such as "/api/escalation", got ${JSON.stringify(basePath)}`);
  }
  return basePath.replace(/\/+$/, '');
}
