import { EscalationError } from '@pillar/escalation-core';
import type { CalendlyWebhookOptions } from '../webhooks/calendly';
import type { FreshdeskWebhookOptions } from '../webhooks/freshdesk';
import { MIN_FRESHDESK_TOKEN } from '../webhooks/freshdesk';
import type { IntercomWebhookOptions } from '../webhooks/intercom';
import type { ZendeskWebhookOptions } from '../webhooks/zendesk';
import { memoryLifecycleStore, type EscalationLifecycleStore } from './store';
import type { LifecycleState } from './states';

/**
 * `createEscalationHandler({ webhooks })`: the providers whose webhooks the relay takes at
 * `POST <basePath>/webhooks/<provider>`. A provider without its secret here has no route (404).
 */
export interface WebhookOptions {
  /** Zendesk webhooks (trigger bodies or event subscriptions), signed with the webhook's secret. */
  zendesk?: ZendeskWebhookOptions;
  /** Intercom webhook topics, signed with the app's client secret. */
  intercom?: IntercomWebhookOptions;
  /** Freshdesk automation webhooks, authenticated by a shared token (Freshdesk signs nothing). */
  freshdesk?: FreshdeskWebhookOptions;
  /** Calendly webhook subscriptions, signed with the subscription's signing key. */
  calendly?: CalendlyWebhookOptions;
  /**
   * How far a signature's timestamp (Zendesk, Calendly) may be from the relay's clock before the
   * request is refused as stale (401): the bound on replaying a captured request. @defaultValue 300000 (5 minutes)
   */
  toleranceMs?: number;
}

/** `lifecycle.replyText` as an object. */
export interface ReplyTextOptions {
  /** The longest reply text kept, in UTF-16 units (cut with `…`, never inside a character). @defaultValue 2000 */
  maxLength?: number;
}

/** The SSE stream's timing: `GET <basePath>/escalations/<key>/events`. */
export interface LifecycleStreamOptions {
  /** A comment line after this long without an event, so proxies keep the stream open. @defaultValue 15000 */
  keepAliveMs?: number;
  /**
   * Each response ends after this long (the browser reconnects with `Last-Event-ID`), below the
   * platform's cap (Vercel 300 s by default), so no response is cut mid-event. @defaultValue 280000
   */
  maxDurationMs?: number;
  /** The `retry:` hint: how long the browser waits before it reconnects. @defaultValue 3000 */
  retryMs?: number;
  /**
   * How often an open stream reads the store for changes applied by another instance (changes
   * applied by this instance are pushed at once). @defaultValue 2000
   */
  pollMs?: number;
}

/** `createEscalationHandler({ lifecycle })`: what happens after the handoff. */
export interface LifecycleOptions {
  /**
   * Where lifecycles are kept. Several instances must share one
   * (`redisStores(...).lifecycle` from `@pillar/escalation-redis`). @defaultValue `memoryLifecycleStore()`
   */
  store?: EscalationLifecycleStore;
  /** How long a lifecycle is kept after its last change, in ms. @defaultValue 1209600000 (14 days) */
  ttlMs?: number;
  /**
   * Whether events carry the agent's public reply as plain text (`text`), cut to `maxLength`
   * (default 2,000) characters. Off by default: it copies what agents write into the relay's
   * store and onto the page. Turn it on when the page should show the answer itself (so the
   * user need not switch to their email or the widget) and your agents' public replies are fit
   * to show there. The page must escape it (the status surface does). @defaultValue false
   */
  replyText?: boolean | ReplyTextOptions;
  /** The SSE stream's timing. */
  stream?: LifecycleStreamOptions;
}

/** One lifecycle change, for analytics: `createEscalationHandler({ onLifecycle })`. */
export interface LifecycleEvent {
  /** The escalation's key (`result.idempotencyKey`). */
  key: string;
  /** The option that delivered. */
  optionId: string;
  /** Its adapter `kind`. */
  kind: string;
  /** The state reached. */
  state: LifecycleState;
  /** The state before (absent for `created`). */
  previous?: LifecycleState;
  /** Who reported it: `relay` (the delivery) or the provider. */
  provider: string;
  /** The entry's position in the lifecycle (the SSE `id:`). */
  seq: number;
  /** When it happened by the provider's clock, in ms since the epoch. */
  at: number;
  /** Milliseconds from the delivery (the user's click, give or take the delivery time) to this change. */
  sinceCreatedMs: number;
}

/** The resolved options. */
export interface ResolvedLifecycle {
  store: EscalationLifecycleStore;
  ttlMs: number;
  replyTextMax: number | undefined;
  keepAliveMs: number;
  maxDurationMs: number;
  retryMs: number;
  pollMs: number;
  toleranceMs: number;
}

export function resolveLifecycle(options: LifecycleOptions | false | undefined, webhooks: WebhookOptions | undefined): ResolvedLifecycle | undefined {
  if (options === false) return undefined;
  const store = options?.store ?? memoryLifecycleStore();
  for (const method of ['open', 'find', 'apply', 'read'] as const) {
    if (typeof store?.[method] !== 'function') throw config(`lifecycle.store must have open, find, apply and read (${method} is missing)`);
  }
  const reply = options?.replyText;
  let replyTextMax: number | undefined;
  if (reply === true) replyTextMax = 2_000;
  else if (typeof reply === 'object' && reply !== null) replyTextMax = positive(reply.maxLength, 2_000, 'lifecycle.replyText.maxLength');
  else if (reply !== undefined && reply !== false) throw config('lifecycle.replyText must be true, false or { maxLength }');
  const stream = options?.stream ?? {};
  const resolved: ResolvedLifecycle = {
    store,
    ttlMs: positive(options?.ttlMs, 1_209_600_000, 'lifecycle.ttlMs'),
    replyTextMax,
    keepAliveMs: positive(stream.keepAliveMs, 15_000, 'lifecycle.stream.keepAliveMs'),
    maxDurationMs: positive(stream.maxDurationMs, 280_000, 'lifecycle.stream.maxDurationMs'),
    retryMs: positive(stream.retryMs, 3_000, 'lifecycle.stream.retryMs'),
    pollMs: positive(stream.pollMs, 2_000, 'lifecycle.stream.pollMs'),
    toleranceMs: positive(webhooks?.toleranceMs, 300_000, 'webhooks.toleranceMs'),
  };
  checkWebhooks(webhooks);
  return resolved;
}

function checkWebhooks(webhooks: WebhookOptions | undefined): void {
  if (webhooks === undefined) return;
  if (typeof webhooks !== 'object' || webhooks === null) throw config('webhooks must be an object such as { zendesk: { secret } }');
  const secret = (value: unknown, name: string) => {
    if (typeof value !== 'string' || value === '') throw config(`${name} must be a non-empty string (read it from your environment)`);
  };
  if (webhooks.zendesk !== undefined) secret(webhooks.zendesk?.secret, 'webhooks.zendesk.secret');
  if (webhooks.intercom !== undefined) secret(webhooks.intercom?.clientSecret, 'webhooks.intercom.clientSecret');
  if (webhooks.calendly !== undefined) secret(webhooks.calendly?.signingKey, 'webhooks.calendly.signingKey');
  if (webhooks.freshdesk !== undefined) {
    const token = webhooks.freshdesk?.token;
    if (typeof token !== 'string' || token.length < MIN_FRESHDESK_TOKEN) {
      throw config(`webhooks.freshdesk.token must be a secret of at least ${MIN_FRESHDESK_TOKEN} characters: it is all that authenticates Freshdesk's webhooks`);
    }
    const header = webhooks.freshdesk.header;
    if (header !== undefined && (typeof header !== 'string' || !/^[A-Za-z0-9-]+$/.test(header))) throw config('webhooks.freshdesk.header must be a header name');
  }
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw config(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function config(message: string): EscalationError {
  return new EscalationError('CONFIGURATION', `createEscalationHandler: ${message}`);
}
