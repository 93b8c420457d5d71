import 'reflect-metadata';
import axios from 'axios';
import { http, HttpResponse } from 'msw';
import { createRegistry, type EscalationOption } from '@pillar/escalation-core';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { billingContext } from './support';
import { recordingAdapter } from '@pillar/escalation-testkit';

const server = setupProviderServer();
const TICKETS = 'https://acme.freshdesk.com/api/v2/tickets';

/** Answers the lookup `find` makes after an ambiguous failure: Freshdesk cannot tell (a 500). */
const lookupFails = () => new HttpResponse(null, { status: 500 });

function registryWith(answer: () => Response, extra: Partial<EscalationOption> = {}, lookup: (tag: string) => Response | Promise<Response> = lookupFails) {
  let requests = 0;
  let sentTag = '';
  server.use(
    http.post(TICKETS, async ({ request }) => {
      requests++;
      sentTag = ((await request.json()) as { tags: string[] }).tags.at(-1) ?? '';
      return answer();
    }),
    http.get(TICKETS, () => lookup(sentTag)),
  );
  const fallback = recordingAdapter();
  const registry = createRegistry([
    {
      id: 'freshdesk',
      label: 'Email support',
      adapter: freshdeskTicket({ domain: 'acme', apiKey: 'fd_test_key_123', http: axios.create(), retry: { attempts: 2, baseDelayMs: 1, random: () => 0 }, find: { waitMs: 0, intervalMs: 1 } }),
      fallback: ['status'],
      ...extra,
    },
    { id: 'status', label: 'Status page', adapter: fallback },
  ]);
  return { registry, fallback, requests: () => requests };
}

describe('freshdeskTicket in a registry', () => {
  it('does not fall back after an ambiguous failure that find cannot settle: the ticket may exist', async () => {
    const { registry, fallback, requests } = registryWith(() => new HttpResponse(null, { status: 500 }));
    await expect(registry.escalate('freshdesk', billingContext())).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      optionId: 'freshdesk',
      details: { ambiguous: true },
    });
    expect(fallback.delivered).toBe(0);
    expect(requests()).toBe(1);
  });

  it('answers the ticket find shows after an ambiguous failure, without sending again or elsewhere', async () => {
    const { registry, fallback, requests } = registryWith(
      () => new HttpResponse(null, { status: 500 }),
      {},
      (tag) => HttpResponse.json([{ id: 77, tags: [tag], created_at: '2026-12-07T10:00:00Z' }]),
    );
    await expect(registry.escalate('freshdesk', billingContext())).resolves.toMatchObject({ optionId: 'freshdesk', status: 'created', reference: { id: '77' } });
    expect(fallback.delivered).toBe(0);
    expect(requests()).toBe(1);
  });

  it('falls back after an ambiguous failure when the option opts in', async () => {
    const { registry, fallback } = registryWith(() => new HttpResponse(null, { status: 500 }), { fallbackOnAmbiguous: true });
    await expect(registry.escalate('freshdesk', billingContext())).resolves.toMatchObject({ optionId: 'status', requestedOptionId: 'freshdesk' });
    expect(fallback.delivered).toBe(1);
  });

  it('falls back when Freshdesk provably did not take the request (503 until the bound)', async () => {
    const { registry, fallback, requests } = registryWith(() => new HttpResponse(null, { status: 503 }));
    await expect(registry.escalate('freshdesk', billingContext())).resolves.toMatchObject({ optionId: 'status', status: 'redirected' });
    expect(fallback.delivered).toBe(1);
    expect(requests()).toBe(2);
  });

  it('returns the ticket reference on success', async () => {
    const { registry, fallback } = registryWith(() => HttpResponse.json({ id: 88 }, { status: 201 }));
    await expect(registry.escalate('freshdesk', billingContext())).resolves.toMatchObject({
      optionId: 'freshdesk',
      kind: 'freshdesk-ticket',
      status: 'created',
      reference: { id: '88', url: 'https://acme.freshdesk.com/a/tickets/88' },
    });
    expect(fallback.delivered).toBe(0);
  });
});
