/** @jest-environment jest-fixed-jsdom */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { EscalationRegistry } from '@pillar/escalation-core';
import { followEscalation, parseLifecycle, type EscalationStatusHandle, type LifecycleUpdate, type StatusLifecycleEvent, type StatusResolvedEvent } from '@pillar/escalation-core/status';
import { adapter, conversation, FakeEventSource, mount, read, registryAt, settle } from './status.support';

const NOW = new Date('2026-12-07T15:00:00Z');
const BASE = 'http://localhost/api/escalation';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let handle: EscalationStatusHandle | undefined;
beforeEach(() => {
  FakeEventSource.instances = [];
  sessionStorage.clear();
});
afterEach(() => {
  handle?.detach();
  handle = undefined;
  jest.useRealTimers();
});

/** What `@pillar/escalation-server` sends as each SSE `data:` (LifecycleEventBody). */
const body = (seq: number, state: string, extra: Record<string, unknown> = {}) => ({
  key: 'k',
  seq,
  state,
  at: new Date(NOW.getTime() + seq * 60_000).toISOString(),
  provider: 'zendesk',
  optionId: 'ticket',
  kind: 'zendesk-ticket',
  sinceCreatedMs: seq * 60_000,
  ...extra,
});

const relayed = () => adapter('relay', () => ({ status: 'created', reference: { id: '1001' }, data: { server: { optionId: 'ticket', kind: 'zendesk-ticket' } } }));

async function escalated(options: Parameters<typeof mount>[1] = {}): Promise<{ registry: EscalationRegistry; key: string }> {
  const registry = registryAt(NOW, [{ id: 'ticket', label: 'Email support', adapter: relayed() }]);
  handle = mount(registry, { follow: { endpoint: '/api/escalation', EventSource: FakeEventSource as unknown as typeof EventSource }, storage: sessionStorage, ...options });
  const result = await registry.escalate('ticket', conversation());
  await settle();
  return { registry, key: result.idempotencyKey };
}

describe('hearing back over Server-Sent Events', () => {
  it('follows <base>/escalations/<key>/events and shows each lifecycle state', async () => {
    const lifecycle: StatusLifecycleEvent[] = [];
    const { key } = await escalated({ onLifecycle: (e) => lifecycle.push(e) });
    const es = FakeEventSource.latest();
    expect(es.url).toBe(`/api/escalation/escalations/${encodeURIComponent(key)}/events`);
    es.open();
    es.send(body(1, 'created'), '1');
    // `created` adds nothing to what the delivery said: its words stay.
    expect(read(handle!).text).toBe('Ticket #1001 — we’ll reply to ada@…');
    es.send(body(2, 'assigned'), '2');
    expect(read(handle!).polite).toBe('An agent is working on it. Ticket #1001 — we’ll reply to ada@…');
    es.send(body(3, 'agent_replied', { text: 'We refunded the second charge.' }), '3');
    expect(read(handle!).text).toBe('An agent replied.');
    // Replies are off by default.
    expect(read(handle!).reply).toBeUndefined();
    es.send(body(4, 'waiting_on_user'), '4');
    expect(read(handle!).text).toBe('Support is waiting for your reply.');
    expect(lifecycle.map((e) => [e.state, e.optionId, e.kind])).toEqual([
      ['created', 'ticket', 'zendesk-ticket'],
      ['assigned', 'ticket', 'zendesk-ticket'],
      ['agent_replied', 'ticket', 'zendesk-ticket'],
      ['waiting_on_user', 'ticket', 'zendesk-ticket'],
    ]);
    expect(lifecycle.every((e) => e.idempotencyKey === key && e.sinceClickMs >= 0)).toBe(true);
  });

  it('a doubled event shows once', async () => {
    const lifecycle: StatusLifecycleEvent[] = [];
    await escalated({ onLifecycle: (e) => lifecycle.push(e) });
    const es = FakeEventSource.latest();
    es.send(body(2, 'assigned'), '2');
    es.send(body(2, 'assigned'), '2');
    expect(lifecycle).toHaveLength(1);
  });

  it('stops at solved, offers "Back to the assistant", opens Pillar and emits escalation:resolved', async () => {
    const open = jest.fn();
    const resolved: StatusResolvedEvent[] = [];
    const listener = (event: Event) => resolved.push((event as CustomEvent<StatusResolvedEvent>).detail);
    document.addEventListener('escalation:resolved', listener);
    try {
      await escalated({ pillar: { open } });
      const es = FakeEventSource.latest();
      es.send(body(5, 'solved'), '5');
      expect(es.closed).toBe(true);
      expect(read(handle!).text).toBe('Solved. Glad we could help.');
      expect(read(handle!).panel.getAttribute('data-tone')).toBe('success');
      expect(sessionStorage.length).toBe(0);
      expect(resolved).toEqual([expect.objectContaining({ state: 'solved', backToAssistant: false, optionId: 'ticket' })]);
      read(handle!).button('Back to the assistant')!.click();
      expect(open).toHaveBeenCalledWith({ view: 'chat', focusInput: true });
      expect(read(handle!).open).toBe(false);
      expect(resolved[1]).toEqual(expect.objectContaining({ state: 'solved', backToAssistant: true }));
    } finally {
      document.removeEventListener('escalation:resolved', listener);
    }
  });

  it('shows the agent’s reply only when asked, as text, bounded', async () => {
    await escalated({ showReplies: true, maxReplyLength: 20 });
    FakeEventSource.latest().send(body(3, 'agent_replied', { text: '<img src=x onerror=alert(1)> refunded, all good now' }), '3');
    const view = read(handle!);
    expect(view.reply).toBe('<img src=x onerror=…');
    expect(view.root.querySelector('img')).toBeNull();
  });

  it('resumes after a reload from sessionStorage, from the last event id', async () => {
    const { key } = await escalated();
    FakeEventSource.latest().send(body(2, 'assigned'), '2');
    // The page reloads: the old surface goes away, the stored record stays.
    const stored = sessionStorage.getItem('pillar-escalation-status');
    expect(stored).toContain('"lastEventId":"2"');
    expect(stored).not.toContain('charged twice');
    handle!.element.remove();
    handle = mount(registryAt(NOW, [{ id: 'ticket', label: 'Email support', adapter: relayed() }]), {
      follow: { endpoint: '/api/escalation', EventSource: FakeEventSource as unknown as typeof EventSource },
      storage: sessionStorage,
    });
    const es = FakeEventSource.latest();
    expect(es.url).toBe(`/api/escalation/escalations/${encodeURIComponent(key)}/events?lastEventId=2`);
    expect(read(handle!).open).toBe(true);
    expect(read(handle!).text).toBe('An agent is working on it.');
    es.send(body(3, 'agent_replied'), '3');
    expect(read(handle!).text).toBe('An agent replied.');
  });

  it('falls back to polling GET <base>/escalations/<key> when the stream is refused', async () => {
    let polls = 0;
    server.use(
      http.get(`${BASE}/escalations/:key`, ({ params }) => {
        polls += 1;
        return HttpResponse.json({ key: params.key, optionId: 'ticket', kind: 'zendesk-ticket', state: 'assigned', seq: 2, createdAt: NOW.toISOString(), events: [body(1, 'created'), body(2, 'assigned')] });
      }),
    );
    await escalated();
    FakeEventSource.latest().fail(true);
    await settle();
    expect(polls).toBe(1);
    expect(read(handle!).text).toBe('An agent is working on it.');
    expect(FakeEventSource.latest().closed).toBe(true);
  });

  it('falls back to polling after repeated stream errors, and stops polling at closed', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask'] });
    // The current state only (no events list): the same state answered twice is one update.
    const answers = [{ state: 'assigned', seq: 2 }, { state: 'assigned', seq: 2 }, { state: 'closed', seq: 3 }];
    let polls = 0;
    server.use(http.get(`${BASE}/escalations/:key`, () => HttpResponse.json(answers[Math.min(polls++, 2)])));
    const updates: LifecycleUpdate[] = [];
    const follow = followEscalation({ endpoint: BASE, key: 'k', pollIntervalMs: 1000, EventSource: FakeEventSource as unknown as typeof EventSource, onUpdate: (u) => updates.push(u) });
    const es = FakeEventSource.latest();
    es.fail(false);
    es.fail(false);
    expect(follow.mode).toBe('sse');
    es.fail(false);
    expect(follow.mode).toBe('poll');
    for (let i = 0; i < 4; i++) {
      await jest.advanceTimersByTimeAsync(1000);
      for (let j = 0; j < 10; j++) await Promise.resolve();
    }
    await jest.advanceTimersByTimeAsync(5000);
    expect(updates.map((u) => u.state)).toEqual(['assigned', 'closed']);
    expect(follow.mode).toBe('stopped');
    const pollsAtStop = polls;
    await jest.advanceTimersByTimeAsync(30_000);
    expect(polls).toBe(pollsAtStop);
  });

  it('polls with the app’s headers, since an EventSource cannot send them, and stops at 403', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/escalations/k`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return new HttpResponse(null, { status: 403 });
      }),
    );
    const ended: string[] = [];
    followEscalation({ endpoint: BASE, key: 'k', headers: { authorization: 'Bearer t' }, EventSource: FakeEventSource as unknown as typeof EventSource, onUpdate: () => undefined, onEnd: (why) => ended.push(why) });
    await settle();
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(seen).toEqual(['Bearer t']);
    expect(ended).toEqual(['denied']);
  });

  it('does not follow what did not reach the relay', async () => {
    const registry = registryAt(NOW, [{ id: 'chat', label: 'Live chat', adapter: adapter('intercom-messenger', () => ({ status: 'opened' })) }]);
    handle = mount(registry, { follow: { endpoint: '/api/escalation', EventSource: FakeEventSource as unknown as typeof EventSource } });
    await registry.escalate('chat', conversation());
    expect(FakeEventSource.instances).toHaveLength(0);
  });
});

describe('parseLifecycle', () => {
  it('reads the relay’s event body and ignores unknown states', () => {
    expect(parseLifecycle(body(3, 'agent_replied', { text: 'hi' }))).toEqual({ state: 'agent_replied', id: '3', at: body(3, 'x').at, reply: 'hi' });
    expect(parseLifecycle({ state: 'exploded' })).toBeUndefined();
    expect(parseLifecycle('solved')).toBeUndefined();
  });
});
