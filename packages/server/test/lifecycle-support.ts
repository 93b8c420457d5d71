// Signing webhooks the way each provider does, with node:crypto's createHmac: an implementation
// independent of the relay's (WebCrypto), so a test vector here checks the relay's, not itself.
import { createHmac } from 'node:crypto';
import { createRegistry, EscalationError, type EscalationAdapter, type EscalationContext, type EscalationRegistry } from '@pillar/escalation-core';
import { createEscalationHandler, type EscalationHandler, type EscalationHandlerOptions, type LifecycleEvent } from '@pillar/escalation-server';

export const SECRETS = {
  zendesk: 'zd-webhook-signing-secret-0123456789',
  intercom: 'ic-client-secret-abcdef',
  freshdesk: 'fd-shared-token-0123456789abcdef0123456789abcdef',
  calendly: 'cal-signing-key-xyz',
} as const;

export const BASE = 'https://app.example.com/api/escalation';

/** Zendesk: base64(HMAC-SHA256(secret, timestamp + body)), timestamp ISO 8601 without ms. */
export function zendeskHeaders(body: string, options: { secret?: string; at?: Date } = {}): Record<string, string> {
  const timestamp = (options.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = createHmac('sha256', options.secret ?? SECRETS.zendesk).update(timestamp + body).digest('base64');
  return { 'content-type': 'application/json', 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': timestamp };
}

/** Intercom: sha1=<hex HMAC-SHA1(client secret, body)>. */
export function intercomHeaders(body: string, secret: string = SECRETS.intercom): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` };
}

/** Calendly: t=<unix>,v1=<hex HMAC-SHA256(key, "<t>." + body)>. */
export function calendlyHeaders(body: string, options: { key?: string; at?: Date } = {}): Record<string, string> {
  const t = Math.floor((options.at ?? new Date()).getTime() / 1000);
  const v1 = createHmac('sha256', options.key ?? SECRETS.calendly).update(`${t}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'calendly-webhook-signature': `t=${t},v1=${v1}` };
}

/** Freshdesk: the shared token in the custom header. */
export function freshdeskHeaders(token: string = SECRETS.freshdesk): Record<string, string> {
  return { 'content-type': 'application/json', 'x-pillar-webhook-token': token };
}

/** A POST to a webhook route. */
export function webhookRequest(provider: string, body: string, headers: Record<string, string>, query = ''): Request {
  return new Request(`${BASE}/webhooks/${provider}${query}`, { method: 'POST', headers, body });
}

/** What each fake desk delivered: the key its adapter got (what a real one stamps) and the id it answered. */
export interface Delivered {
  optionId: string;
  key: string;
  id: string;
}

/** A server adapter of `kind` that creates `<prefix><n>` and records the key it was given. */
export function desk(kind: string, prefix: string, delivered: Delivered[], optionId: string, fail = false): EscalationAdapter<{ n: number }> {
  return {
    kind,
    runtime: 'server',
    toPayload: () => ({ n: 0 }),
    async deliver(_payload, { idempotencyKey }) {
      if (fail) throw new EscalationError('PROVIDER_UNAVAILABLE', 'down');
      const id = `${prefix}${delivered.length + 1}`;
      delivered.push({ optionId, key: idempotencyKey, id });
      return { status: 'created', reference: { id, url: `https://support.example.com/${id}` } };
    },
  };
}

/** Sessions by cookie: `who=ada` and `who=bob`; anything else is anonymous. */
export function identifyByCookie(request: Request) {
  const who = /who=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  if (who === 'ada') return { id: 'u_ada', email: 'ada@example.com', name: 'Ada' };
  if (who === 'bob') return { id: 'u_bob', email: 'bob@example.com', name: 'Bob' };
  return null;
}

/** A registry of four fake desks (one per provider family) and one that fails then falls back. */
export function lifecycleRegistry(delivered: Delivered[]): EscalationRegistry {
  return createRegistry([
    { id: 'zendesk', label: 'Zendesk', adapter: desk('zendesk-ticket', '', delivered, 'zendesk') },
    { id: 'intercom', label: 'Intercom', adapter: desk('intercom-conversation', 'conv_', delivered, 'intercom') },
    { id: 'freshdesk', label: 'Freshdesk', adapter: desk('freshdesk-ticket', '', delivered, 'freshdesk') },
    { id: 'broken', label: 'Broken', adapter: desk('zendesk-ticket', '', delivered, 'broken', true), fallback: ['freshdesk'] },
  ]);
}

export interface Harness {
  handle: EscalationHandler;
  delivered: Delivered[];
  events: LifecycleEvent[];
  errors: Error[];
  /** Escalates as `who` and returns the key the browser got. */
  escalate(optionId: string, who?: string, conversationId?: string): Promise<{ key: string; body: any }>;
  /** GET the state as `who`. */
  state(key: string, who?: string): Promise<Response>;
}

export function harness(options: Partial<EscalationHandlerOptions> = {}): Harness {
  const delivered: Delivered[] = [];
  const events: LifecycleEvent[] = [];
  const errors: Error[] = [];
  const handle = createEscalationHandler({
    registry: lifecycleRegistry(delivered),
    identify: identifyByCookie,
    rateLimit: false,
    onError: (error) => errors.push(error),
    onLifecycle: (event) => events.push(event),
    webhooks: { zendesk: { secret: SECRETS.zendesk }, intercom: { clientSecret: SECRETS.intercom }, freshdesk: { token: SECRETS.freshdesk }, calendly: { signingKey: SECRETS.calendly } },
    ...options,
  });
  let n = 0;
  return {
    handle,
    delivered,
    events,
    errors,
    async escalate(optionId, who = 'ada', conversationId = `conv_${++n}`) {
      const context: EscalationContext = { conversationId, messages: [{ role: 'user', content: `Help ${conversationId}` }] };
      const response = await handle(
        new Request(`${BASE}/escalations`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `who=${who}` }, body: JSON.stringify({ optionId, context }) }),
      );
      const body = (await response.json()) as any;
      if (response.status !== 201) throw new Error(`escalate answered ${response.status}: ${JSON.stringify(body)}`);
      return { key: body.idempotencyKey as string, body };
    },
    state(key, who = 'ada') {
      return handle(new Request(`${BASE}/escalations/${encodeURIComponent(key)}`, { headers: who ? { cookie: `who=${who}` } : {} }));
    },
  };
}
