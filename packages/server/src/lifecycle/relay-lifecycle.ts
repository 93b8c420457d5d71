import { EscalationError, type EscalationResult } from '@pillar/escalation-core';
import { requestError, type RelayAnswer } from '../answer';
import { sha256Hex } from '../digest';
import type { RelayExchange, RelayOutput } from '../exchange';
import { calendlyWebhook } from '../webhooks/calendly';
import { bodyDigest } from '../webhooks/crypto';
import { freshdeskWebhook } from '../webhooks/freshdesk';
import { intercomWebhook } from '../webhooks/intercom';
import type { WebhookProvider } from '../webhooks/provider';
import { zendeskWebhook } from '../webhooks/zendesk';
import type { LifecycleEvent, ResolvedLifecycle, WebhookOptions } from './options';
import { replyPlainText } from './reply-text';
import { lifecycleStream } from './sse';
import type { LifecycleEntry, LifecycleRecord, LifecycleReference, LifecycleSnapshot } from './store';

/** One lifecycle entry as the page reads it (`GET …/escalations/<key>` and each SSE `data:`). */
export interface LifecycleEventBody {
  /** The escalation's key. */
  key: string;
  /** The entry's position: the SSE `id:`. */
  seq: number;
  /** The state reached. */
  state: LifecycleEntry['state'];
  /** When, by the provider's clock (ISO 8601). */
  at: string;
  /** `relay` or the provider's name. */
  provider: string;
  /** The option that delivered. */
  optionId: string;
  /** Its adapter kind. */
  kind: string;
  /** Milliseconds from the delivery to this change. */
  sinceCreatedMs: number;
  /** The agent's reply as plain text (only with `lifecycle.replyText`). */
  text?: string;
}

/** `GET <basePath>/escalations/<key>`: the current state and the entries kept. */
export interface LifecycleStateBody {
  /** The escalation's key. */
  key: string;
  /** The option that delivered. */
  optionId: string;
  /** Its adapter kind. */
  kind: string;
  /** The provider's reference (ticket id, link), when known. */
  reference?: LifecycleReference;
  /** When the relay delivered it (ISO 8601). */
  createdAt: string;
  /** The current state. */
  state: LifecycleEntry['state'];
  /** The current entry's `seq`: pass it as `Last-Event-ID` to stream what comes next. */
  seq: number;
  /** The entries kept, oldest first; the last is the current state. */
  events: LifecycleEventBody[];
}

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
const NOT_FOUND = requestError(404, 'UNKNOWN_OPTION', 'There is no escalation with this key for you');

/** What the handler gives the lifecycle part. */
export interface LifecycleDeps {
  lifecycle: ResolvedLifecycle;
  webhooks: WebhookOptions | undefined;
  maxBodyBytes: number;
  onLifecycle: ((event: LifecycleEvent) => void) | undefined;
  report(error: EscalationError, x: RelayExchange | undefined): void;
  now?: () => number;
}

/** The relay's lifecycle: recording deliveries, webhooks in, state and stream out. */
export interface RelayLifecycle {
  /**
   * Records a delivered escalation (a `created` result of an identified user): `undefined` when
   * there is nothing to record (anonymous, or not created), else the write. Never throws or rejects.
   */
  record(subject: string, clientKey: string, adapterKey: string, result: EscalationResult, x: RelayExchange): Promise<void> | undefined;
  /** `POST <base>/webhooks/<provider>`: `undefined` for a provider without its secret (404). */
  webhook(provider: string, x: RelayExchange): Promise<RelayAnswer> | undefined;
  /** `GET <base>/escalations/<key>` or `…/events` of the user `subject` (`undefined`: anonymous, 404). */
  read(subject: string | undefined, key: string, stream: boolean, x: RelayExchange, cors: Record<string, string> | undefined): Promise<RelayOutput>;
}

/** The id a lifecycle is stored under: per user and key, so another user's request finds nothing. */
async function lifecycleId(subject: string, key: string): Promise<string> {
  const digest = sha256Hex(`lifecycle\n${subject}\n${key}`);
  return typeof digest === 'string' ? digest : await digest;
}

/** The token the adapters stamp (`pillar` and 24 hex digits of the key's SHA-256). */
async function keyToken(key: string): Promise<string> {
  return `pillar${(await bodyDigest(key)).slice(0, 24)}`;
}

export function relayLifecycle(deps: LifecycleDeps): RelayLifecycle {
  const { lifecycle, webhooks, maxBodyBytes, onLifecycle, report } = deps;
  const { store, ttlMs } = lifecycle;
  const now = deps.now ?? Date.now;
  const providers = new Map<string, WebhookProvider>();
  if (webhooks?.zendesk) providers.set('zendesk', zendeskWebhook(webhooks.zendesk, lifecycle.toleranceMs));
  if (webhooks?.intercom) providers.set('intercom', intercomWebhook(webhooks.intercom));
  if (webhooks?.freshdesk) providers.set('freshdesk', freshdeskWebhook(webhooks.freshdesk));
  if (webhooks?.calendly) providers.set('calendly', calendlyWebhook(webhooks.calendly, lifecycle.toleranceMs));
  /** Open streams of this instance, woken when this instance applies a change. */
  const waiting = new Map<string, Set<() => void>>();

  const wake = (id: string) => {
    for (const listener of waiting.get(id) ?? []) listener();
  };
  const subscribe = (id: string, listener: () => void) => {
    let set = waiting.get(id);
    if (!set) waiting.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) waiting.delete(id);
    };
  };
  const emit = (event: LifecycleEvent, x: RelayExchange | undefined) => {
    if (!onLifecycle) return;
    try {
      onLifecycle(event);
    } catch (error) {
      report(new EscalationError('CONFIGURATION', 'createEscalationHandler: onLifecycle threw', { cause: error }), x);
    }
  };

  function record(subject: string, clientKey: string, adapterKey: string, result: EscalationResult, x: RelayExchange): Promise<void> | undefined {
    if (!subject.startsWith('user:') || result.status !== 'created') return undefined;
    return recordDelivery(subject, clientKey, adapterKey, result, x);
  }

  async function recordDelivery(subject: string, clientKey: string, adapterKey: string, result: EscalationResult, x: RelayExchange): Promise<void> {
    try {
      const id = await lifecycleId(subject, clientKey);
      const family = result.kind.split('-')[0]!;
      const references = [`key:${adapterKey}`, `token:${await keyToken(adapterKey)}`];
      const ref = result.reference?.id;
      if (ref) references.unshift(`ref:${family}:${ref}`);
      const rec: LifecycleRecord = { key: clientKey, optionId: result.optionId, kind: result.kind, createdAt: now() };
      if (result.reference) rec.reference = { ...result.reference };
      await store.open(id, rec, references, ttlMs);
      emit({ key: clientKey, optionId: rec.optionId, kind: rec.kind, state: 'created', provider: 'relay', seq: 1, at: rec.createdAt, sinceCreatedMs: 0 }, x);
    } catch (error) {
      report(new EscalationError('CONFIGURATION', 'createEscalationHandler: the lifecycle store failed to record a delivery (its webhooks will not find it)', { cause: error }), x);
    }
  }

  function webhook(name: string, x: RelayExchange): Promise<RelayAnswer> | undefined {
    const provider = providers.get(name);
    return provider ? receive(provider, x) : undefined;
  }

  async function receive(provider: WebhookProvider, x: RelayExchange): Promise<RelayAnswer> {
    const raw = await x.readBody(maxBodyBytes);
    if (raw === 'too-large') return requestError(413, 'INVALID_CONTEXT', `The webhook body is larger than ${maxBodyBytes} bytes`);
    if (raw === 'timeout') return requestError(408, 'TIMEOUT', 'The webhook body did not arrive in time', { retryable: true });
    if (raw === 'unreadable' || raw === 'not-utf8') return requestError(400, 'INVALID_CONTEXT', 'The webhook body could not be read');
    const verdict = await provider.verify({ header: (n) => x.header(n), url: x.url, body: raw, now: now() });
    if (!verdict.ok) {
      report(new EscalationError('NOT_ALLOWED', `${provider.name} webhook refused: ${verdict.reason}`), x);
      return requestError(401, 'NOT_ALLOWED', 'The webhook signature is missing, wrong or stale');
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return requestError(400, 'INVALID_CONTEXT', 'The webhook body is not JSON');
    }
    const receivedAt = now();
    let applied = 0;
    let ignored = 0;
    try {
      for (const event of await provider.map(body, raw)) {
        let id: string | null = null;
        for (const ref of event.references) if ((id = await store.find(ref))) break;
        if (!id) {
          ignored += 1;
          continue;
        }
        const change = { eventId: event.eventId, state: event.state, at: event.at ?? receivedAt, provider: provider.name } as Parameters<typeof store.apply>[1];
        if (event.text !== undefined && lifecycle.replyTextMax !== undefined) {
          const text = replyPlainText(event.text, lifecycle.replyTextMax);
          if (text !== undefined) change.text = text;
        }
        const result = await store.apply(id, change, ttlMs);
        if (result.outcome !== 'applied') {
          ignored += 1;
          continue;
        }
        applied += 1;
        wake(id);
        if (onLifecycle) {
          const snapshot = await store.read(id, Number.MAX_SAFE_INTEGER);
          if (snapshot) {
            const { record: rec } = snapshot;
            emit({ key: rec.key, optionId: rec.optionId, kind: rec.kind, state: result.entry.state, previous: result.previous, provider: provider.name, seq: result.entry.seq, at: result.entry.at, sinceCreatedMs: Math.max(0, receivedAt - rec.createdAt) }, x);
          }
        }
      }
    } catch (error) {
      report(new EscalationError('PROVIDER_UNAVAILABLE', 'createEscalationHandler: the lifecycle store failed while applying a webhook', { cause: error }), x);
      // 503: the provider retries later; what was applied stays applied (event ids make the retry safe).
      return requestError(503, 'PROVIDER_UNAVAILABLE', 'The lifecycle store is unavailable; retry later', { retryable: true, retryAfter: 30 });
    }
    // 200 whether or not anything changed: a topic the lifecycle ignores or a ticket the relay
    // did not deliver must not make the provider retry (or pause the webhook).
    return { status: 200, body: JSON.stringify({ received: true, applied, ignored }) };
  }

  async function read(subject: string | undefined, key: string, stream: boolean, x: RelayExchange, cors: Record<string, string> | undefined): Promise<RelayOutput> {
    const headers = cors ? { ...JSON_HEADERS, ...cors } : JSON_HEADERS;
    if (subject === undefined || !subject.startsWith('user:')) return { status: 404, headers, body: NOT_FOUND.body };
    const id = await lifecycleId(subject, key);
    if (!stream) {
      const snapshot = await store.read(id, 0);
      if (!snapshot) return { status: 404, headers, body: NOT_FOUND.body };
      return { status: 200, headers, body: JSON.stringify(stateBody(snapshot)) };
    }
    const lastEventId = parseLastId(x.header('last-event-id') ?? queryParam(x.url, 'lastEventId'));
    const first = await store.read(id, lastEventId);
    if (!first) return { status: 404, headers, body: NOT_FOUND.body };
    const body = lifecycleStream({
      first,
      read: (after) => store.read(id, after),
      subscribe: (listener) => subscribe(id, listener),
      format: (entry, rec) => eventBody(entry, rec),
      lastEventId,
      keepAliveMs: lifecycle.keepAliveMs,
      maxDurationMs: lifecycle.maxDurationMs,
      retryMs: lifecycle.retryMs,
      pollMs: lifecycle.pollMs,
      onError: (error) => report(new EscalationError('PROVIDER_UNAVAILABLE', 'createEscalationHandler: the lifecycle store failed while streaming', { cause: error }), x),
    });
    const sseHeaders: Record<string, string> = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // nginx and friends: pass each event on at once.
      'x-accel-buffering': 'no',
      ...cors,
    };
    return { status: 200, headers: sseHeaders, body: null, stream: body };
  }

  return { record, webhook, read };
}

function eventBody(entry: LifecycleEntry, rec: LifecycleRecord): LifecycleEventBody {
  const body: LifecycleEventBody = {
    key: rec.key,
    seq: entry.seq,
    state: entry.state,
    at: new Date(entry.at).toISOString(),
    provider: entry.provider,
    optionId: rec.optionId,
    kind: rec.kind,
    sinceCreatedMs: Math.max(0, entry.at - rec.createdAt),
  };
  if (entry.text !== undefined) body.text = entry.text;
  return body;
}

function stateBody(snapshot: LifecycleSnapshot): LifecycleStateBody {
  const { record: rec, current } = snapshot;
  const body: LifecycleStateBody = {
    key: rec.key,
    optionId: rec.optionId,
    kind: rec.kind,
    createdAt: new Date(rec.createdAt).toISOString(),
    state: current.state,
    seq: current.seq,
    events: snapshot.entries.map((e) => eventBody(e, rec)),
  };
  if (rec.reference) body.reference = rec.reference;
  return body;
}

/** `Last-Event-ID` (or `?lastEventId=`, for a page that resumes after a reload): a seq, else 0. */
function parseLastId(value: string | null): number {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return 0;
  return Number(value.trim());
}

function queryParam(url: string, name: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  try {
    return new URLSearchParams(url.slice(q + 1).split('#')[0]).get(name);
  } catch {
    return null;
  }
}
