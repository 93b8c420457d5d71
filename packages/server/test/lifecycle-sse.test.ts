import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createEscalationHandler, memoryLifecycleStore, type EscalationHandlerOptions } from '@pillar/escalation-server';
import { SECRETS, harness, identifyByCookie, lifecycleRegistry, zendeskHeaders, type Delivered, type Harness } from './lifecycle-support';
import { listen, type Loopback } from './support';

// Server-Sent Events over real loopback HTTP (node:http through toNodeHandler).

interface Stream {
  status: number;
  headers: IncomingMessage['headers'];
  /** Everything received so far. */
  text(): string;
  /** The parsed events so far. */
  events(): Array<{ id?: string; event?: string; data?: any }>;
  /** Resolves when the text satisfies `test` (rejects after `ms`). */
  until(test: (text: string) => boolean, ms?: number): Promise<void>;
  /** Resolves when the server ends the response. */
  ended: Promise<number>;
  close(): void;
}

function open(origin: string, path: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const req = httpRequest(`${origin}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let text = '';
      const waiters: Array<() => void> = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of waiters.splice(0)) w();
      });
      const ended = new Promise<number>((done) => res.on('close', () => done(Date.now() - started)));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        events: () =>
          text
            .split('\n\n')
            .filter((block) => /^(id|event|data):/m.test(block))
            .map((block) => {
              const out: { id?: string; event?: string; data?: any } = {};
              for (const line of block.split('\n')) {
                const [, name, value] = /^(id|event|data): ?(.*)$/.exec(line) ?? [];
                if (name === 'data') out.data = JSON.parse(value!);
                else if (name === 'id' || name === 'event') out[name] = value;
              }
              return out;
            }),
        until(test, ms = 3_000) {
          return new Promise<void>((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`timed out; got:\n${text}`)), ms);
            const check = () => {
              if (test(text)) {
                clearTimeout(timer);
                ok();
              } else waiters.push(check);
            };
            check();
          });
        },
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      if (!String(error.message).includes('socket hang up')) reject(error);
    });
    req.end();
  });
}

const trigger = (ticketId: string, fields: Record<string, string>) => JSON.stringify({ ticket_id: ticketId, ...fields });
const STREAM = { keepAliveMs: 15_000, maxDurationMs: 20_000, pollMs: 2_000, retryMs: 1_500 };

describe('GET <base>/escalations/<key>/events (SSE over node:http)', () => {
  let server: Loopback | undefined;
  const streams: Stream[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await server?.close();
    server = undefined;
  });

  async function serve(options: Partial<EscalationHandlerOptions> = {}, wrapped = false): Promise<{ h: Harness; key: string; ticket: string; origin: string }> {
    const h = harness({ lifecycle: { stream: STREAM }, ...options });
    const { key } = await h.escalate('zendesk');
    server = await listen(h.handle, { wrapped });
    return { h, key, ticket: h.delivered[0]!.id, origin: server.origin };
  }
  const path = (key: string) => `/api/escalation/escalations/${encodeURIComponent(key)}/events`;
  const webhook = async (origin: string, body: string) => {
    const response = await fetch(`${origin}/api/escalation/webhooks/zendesk`, { method: 'POST', headers: zendeskHeaders(body), body });
    expect(response.status).toBe(200);
  };
  const track = async (s: Promise<Stream>) => {
    const stream = await s;
    streams.push(stream);
    return stream;
  };

  it.each([false, true])('streams the history with ids, then each change as its signed webhook arrives (generic fetch path: %s)', async (wrapped) => {
    const { key, ticket, origin } = await serve({}, wrapped);
    const stream = await track(open(origin, path(key), { cookie: 'who=ada' }));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    await stream.until((t) => t.includes('id: 1\n'));
    expect(stream.text().startsWith('retry: 1500\n\n')).toBe(true);
    const pushed = Date.now();
    await webhook(origin, trigger(ticket, { status: 'Open', assignee: 'Grace', updated_at: '2026-12-07T10:00:00Z' }));
    await webhook(origin, trigger(ticket, { status: 'Solved', updated_at: '2026-12-07T10:10:00Z' }));
    await stream.until((t) => t.includes('id: 3\n'));
    // Pushed at once by this instance, not at the next poll (2 s).
    expect(Date.now() - pushed).toBeLessThan(1_500);
    expect(stream.events().map((e) => [e.id, e.event, e.data.state, e.data.key])).toEqual([
      ['1', 'lifecycle', 'created', key],
      ['2', 'lifecycle', 'assigned', key],
      ['3', 'lifecycle', 'solved', key],
    ]);
    expect(stream.events()[2]!.data).toMatchObject({ seq: 3, provider: 'zendesk', optionId: 'zendesk', kind: 'zendesk-ticket', at: '2026-12-07T10:10:00.000Z' });
  });

  it('shows a doubled webhook once on the stream', async () => {
    const { key, ticket, origin } = await serve();
    const stream = await track(open(origin, path(key), { cookie: 'who=ada' }));
    const body = trigger(ticket, { state: 'agent_replied', updated_at: '2026-12-07T10:00:00Z' });
    await webhook(origin, body);
    await webhook(origin, body);
    await webhook(origin, trigger(ticket, { status: 'Solved', updated_at: '2026-12-07T10:01:00Z' }));
    await stream.until((t) => t.includes('id: 3\n'));
    expect(stream.events().map((e) => e.data.state)).toEqual(['created', 'agent_replied', 'solved']);
  });

  it('resumes after Last-Event-ID (header, or ?lastEventId= after a reload) without missing or repeating anything', async () => {
    const { key, ticket, origin } = await serve();
    const first = await track(open(origin, path(key), { cookie: 'who=ada' }));
    await webhook(origin, trigger(ticket, { status: 'Open', assignee: 'Grace', updated_at: '2026-12-07T10:00:00Z' }));
    await first.until((t) => t.includes('id: 2\n'));
    first.close();
    // Changes while nobody listens.
    await webhook(origin, trigger(ticket, { status: 'Pending', updated_at: '2026-12-07T10:01:00Z' }));
    await webhook(origin, trigger(ticket, { status: 'Solved', updated_at: '2026-12-07T10:02:00Z' }));
    const resumed = await track(open(origin, path(key), { cookie: 'who=ada', 'last-event-id': '2' }));
    await resumed.until((t) => t.includes('id: 4\n'));
    expect(resumed.events().map((e) => e.id)).toEqual(['3', '4']);
    const reloaded = await track(open(origin, `${path(key)}?lastEventId=3`, { cookie: 'who=ada' }));
    await reloaded.until((t) => t.includes('id: 4\n'));
    expect(reloaded.events().map((e) => e.id)).toEqual(['4']);
  });

  it('writes a keep-alive comment after keepAliveMs of silence', async () => {
    const { key, origin } = await serve({ lifecycle: { stream: { ...STREAM, keepAliveMs: 150 } } });
    // The clock starts before the request: the server's silence starts after it, however late this side sees the answer.
    const started = Date.now();
    const stream = await track(open(origin, path(key), { cookie: 'who=ada' }));
    await stream.until((t) => (t.match(/^: keep-alive$/gm) ?? []).length >= 2);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1_500);
  });

  it('ends each response after maxDurationMs, and a reconnect with Last-Event-ID picks up what came in between', async () => {
    const { key, ticket, origin } = await serve({ lifecycle: { stream: { ...STREAM, maxDurationMs: 400 } } });
    const stream = await track(open(origin, path(key), { cookie: 'who=ada' }));
    const lasted = await stream.ended;
    expect(lasted).toBeGreaterThanOrEqual(380);
    expect(lasted).toBeLessThan(1_500);
    // Ended between events, never inside one.
    expect(stream.text().endsWith('\n\n')).toBe(true);
    await webhook(origin, trigger(ticket, { status: 'Solved', updated_at: '2026-12-07T10:00:00Z' }));
    const again = await track(open(origin, path(key), { cookie: 'who=ada', 'last-event-id': '1' }));
    await again.until((t) => t.includes('id: 2\n'));
    expect(again.events().map((e) => e.data.state)).toEqual(['solved']);
  });

  it('answers 404 (not 403) to another user and to an anonymous visitor, and does not stream', async () => {
    const { key, origin } = await serve();
    for (const headers of [{ cookie: 'who=bob' }, {}] as Array<Record<string, string>>) {
      const response = await fetch(`${origin}${path(key)}`, { headers });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(((await response.json()) as any).error.code).toBe('UNKNOWN_OPTION');
    }
  });

  it('stops reading the store once the client leaves', async () => {
    const store = memoryLifecycleStore();
    let reads = 0;
    const counting = { ...store, read: (id: string, after: number) => (reads++, store.read(id, after)) };
    const { key, origin } = await serve({ lifecycle: { store: counting, stream: { ...STREAM, pollMs: 20 } } });
    const stream = await open(origin, path(key), { cookie: 'who=ada' });
    await stream.until((t) => t.includes('id: 1\n'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBeGreaterThan(2);
    stream.close();
    await stream.ended;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reads).toBe(after);
  });

  it('sees a change applied by another instance sharing the store within pollMs', async () => {
    const store = memoryLifecycleStore();
    const delivered: Delivered[] = [];
    const make = () =>
      createEscalationHandler({
        registry: lifecycleRegistry(delivered),
        identify: identifyByCookie,
        rateLimit: false,
        onError: () => undefined,
        webhooks: { zendesk: { secret: SECRETS.zendesk } },
        lifecycle: { store, stream: { ...STREAM, pollMs: 100 } },
      });
    const [a, b] = [make(), make()];
    const created = await a(
      new Request('https://app.example.com/api/escalation/escalations', { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'who=ada' }, body: JSON.stringify({ optionId: 'zendesk', context: { conversationId: 'c1', messages: [{ role: 'user', content: 'hi' }] } }) }),
    );
    const { idempotencyKey: key } = (await created.json()) as { idempotencyKey: string };
    server = await listen(b);
    const stream = await track(open(server.origin, path(key), { cookie: 'who=ada' }));
    await stream.until((t) => t.includes('id: 1\n'));
    const body = trigger(delivered[0]!.id, { status: 'Solved', updated_at: '2026-12-07T10:00:00Z' });
    expect((await a(new Request('https://app.example.com/api/escalation/webhooks/zendesk', { method: 'POST', headers: zendeskHeaders(body), body }))).status).toBe(200);
    await stream.until((t) => t.includes('id: 2\n'), 1_000);
    expect(stream.events().map((e) => e.data.state)).toEqual(['created', 'solved']);
  });
});
