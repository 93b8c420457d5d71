import { HttpResponse } from 'msw';
import { createRegistry, relay, type EscalationAdapter, type EscalationContext, type EscalationError, type EscalationRegistry } from '@pillar/escalation-core';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler } from '@pillar/escalation-server';
import { browserContext, freshdeskCreates, identifyByToken, listen, loopback, serverRegistry, zendeskCreates, type Loopback, CREATED_ANYWAY } from './support';

// The browser half (relay in the page's registry) against the server half (the handler with the
// real Zendesk adapter) over real loopback HTTP; msw stands in for Zendesk only.

const msw = setupProviderServer(loopback);
let app: Loopback;

beforeAll(async () => {
  app = await listen(createEscalationHandler({ registry: serverRegistry(), identify: identifyByToken, rateLimit: { limit: 5 }, onError: () => undefined }));
});
afterAll(() => app.close());

/** What a widget-free fallback does in the page: records that it opened. */
function communityLink(opened: string[]): EscalationAdapter {
  return { kind: 'community-link', runtime: 'browser', toPayload: () => ({ url: 'https://community.example.com/new' }), deliver: async (p) => (opened.push((p as { url: string }).url), { status: 'redirected', reference: { url: 'https://community.example.com/new' } }) };
}

/** The page's registry: "Open a ticket" goes through the relay (same id as on the server), the community is the fallback. */
function browserRegistry(token: string | undefined, opened: string[] = []): EscalationRegistry {
  return createRegistry([
    {
      id: 'ticket',
      label: 'Open a ticket',
      adapter: relay({ endpoint: `${app.origin}/api/escalation`, ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}) }),
      fallback: ['community'],
    },
    { id: 'community', label: 'Ask the community', adapter: communityLink(opened) },
  ]);
}

async function rejection(promise: Promise<unknown>): Promise<EscalationError> {
  try {
    await promise;
  } catch (error) {
    return error as EscalationError;
  }
  throw new Error('expected a rejection');
}

let n = 0;
const fresh = (user?: EscalationContext['user']): EscalationContext => browserContext(user, `conv_e2e_${++n}`);

describe('relay ↔ handler, end to end', () => {
  it('creates the Zendesk ticket from the page and returns its reference', async () => {
    const seen = zendeskCreates(msw);
    const result = await browserRegistry('tok-pro').escalate('ticket', fresh({ email: 'pat@example.com' }));
    expect(result).toMatchObject({
      optionId: 'ticket',
      kind: 'relay',
      status: 'created',
      reference: { id: '1001', url: 'https://acme.zendesk.com/agent/tickets/1001' },
      data: { server: { optionId: 'ticket', kind: 'zendesk-ticket', data: { idempotencyLookup: 'miss' } } },
    });
    expect(seen).toHaveLength(1);
  });

  it('makes one ticket for a double click, and one for a repeated escalation of the same conversation', async () => {
    const seen = zendeskCreates(msw);
    const page = browserRegistry('tok-pro');
    const context = fresh();
    const [a, b] = await Promise.all([page.escalate('ticket', context), page.escalate('ticket', context)]);
    expect(a.reference).toEqual(b.reference);
    // Another page (another registry, a reload) sends the same derived key: the server replays.
    const again = await browserRegistry('tok-pro').escalate('ticket', context);
    expect(again.reference).toEqual(a.reference);
    expect(seen).toHaveLength(1);
  });

  it('brings the server\'s refusal of a spoofed plan back as NOT_ALLOWED (403), without falling back', async () => {
    const zendesk = zendeskCreates(msw);
    const opened: string[] = [];
    const error = await rejection(browserRegistry('tok-free', opened).escalate('ticket', fresh({ email: 'fran@example.com', plan: 'enterprise' })));
    expect(error).toMatchObject({ name: 'EscalationError', code: 'NOT_ALLOWED', status: 403, retryable: false });
    expect(zendesk).toHaveLength(0);
    expect(opened).toEqual([]);
  });

  it('falls back in the page when the provider is down behind the server (503)', async () => {
    zendeskCreates(msw, () => new HttpResponse(null, { status: 503 }));
    const opened: string[] = [];
    const result = await browserRegistry('tok-pro', opened).escalate('ticket', fresh());
    expect(result).toMatchObject({ optionId: 'community', requestedOptionId: 'ticket', status: 'redirected' });
    expect(result.attempts.map((a) => [a.optionId, a.outcome, a.error?.code])).toEqual([
      ['ticket', 'failed', 'PROVIDER_UNAVAILABLE'],
      ['community', 'delivered', undefined],
    ]);
    expect(opened).toEqual(['https://community.example.com/new']);
  });

  it('does not fall back when the provider rejects the ticket (502)', async () => {
    const seen = zendeskCreates(msw, () => HttpResponse.json({ error: 'RecordInvalid' }, { status: 422 }));
    const opened: string[] = [];
    const error = await rejection(browserRegistry('tok-pro', opened).escalate('ticket', fresh()));
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', status: 502 });
    expect(opened).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('does not fall back after an ambiguous failure behind the server: the ticket it finds is the answer', async () => {
    // Freshdesk answers 500 after it stored the ticket.
    const seen = freshdeskCreates(msw, () => new HttpResponse('oops', { status: 500, headers: { [CREATED_ANYWAY]: '1' } }));
    const opened: string[] = [];
    const page = createRegistry([
      { id: 'freshdesk', label: 'Email support', adapter: relay({ endpoint: `${app.origin}/api/escalation` }), fallback: ['community'] },
      { id: 'community', label: 'Ask the community', adapter: communityLink(opened) },
    ]);
    const result = await page.escalate('freshdesk', fresh());
    expect(result).toMatchObject({ optionId: 'freshdesk', status: 'created', reference: { id: '2001' } });
    expect(opened).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('falls back only once the server proved nothing was created (find after the ambiguous 500)', async () => {
    const seen = freshdeskCreates(msw, () => new HttpResponse('oops', { status: 500 }));
    const opened: string[] = [];
    const page = createRegistry([
      { id: 'freshdesk', label: 'Email support', adapter: relay({ endpoint: `${app.origin}/api/escalation` }), fallback: ['community'] },
      { id: 'community', label: 'Ask the community', adapter: communityLink(opened) },
    ]);
    const result = await page.escalate('freshdesk', fresh());
    expect(result.optionId).toBe('community');
    expect(opened).toHaveLength(1);
    // Every try at Freshdesk failed and its list shows no ticket: nothing doubled.
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('reports the server\'s rate limit with its wait', async () => {
    zendeskCreates(msw);
    const page = browserRegistry('tok-enterprise');
    for (let i = 0; i < 5; i++) await page.escalate('ticket', fresh());
    const error = await rejection(createRegistry([{ id: 'ticket', label: 'Open a ticket', adapter: relay({ endpoint: `${app.origin}/api/escalation`, headers: { Authorization: 'Bearer tok-enterprise' } }) }]).escalate('ticket', fresh()));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
  });

  it('reports a server that is not running as PROVIDER_UNAVAILABLE', async () => {
    const closed = await listen(createEscalationHandler({ registry: serverRegistry() }));
    const origin = closed.origin;
    await closed.close();
    const adapter = relay({ endpoint: `${origin}/api/escalation`, optionId: 'ticket' });
    const context = fresh();
    const error = await rejection(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' }));
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });
});
