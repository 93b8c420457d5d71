// toNodeHandler's body deadline: a client that trickles its body is answered 408 and cut off
// once the deadline after its headers passes; one that finishes in time is served.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler, DEFAULT_BODY_TIMEOUT_MS, toNodeHandler, type EscalationHandler } from '@pillar/escalation-server';
import { browserContext, freshdeskCreates, loopback, serverRegistry } from './support';

const msw = setupProviderServer(loopback);
const DEADLINE = 400;
let n = 0;

async function serve(handler: EscalationHandler, bodyTimeoutMs: number | false): Promise<{ port: number; server: Server }> {
  const server = createServer(toNodeHandler(handler, { bodyTimeoutMs }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, server };
}

/**
 * Sends the head at once, then the body `chunk` bytes every `everyMs`. Resolves with what the server
 * wrote, whether it closed the connection, how long after the head that took, and how many body
 * bytes went out.
 */
function trickle(port: number, body: string, everyMs: number, chunk = 1): Promise<{ response: string; closed: boolean; afterMs: number; sent: number }> {
  const socket = connect(port, '127.0.0.1');
  const bytes = Buffer.from(body);
  const head = ['POST /api/escalation/escalations HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${bytes.length}`, '', ''].join('\r\n');
  return new Promise((resolve) => {
    let response = '';
    let sent = 0;
    const start = Date.now();
    let ended = false;
    const finish = (closed: boolean) => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      clearTimeout(guard);
      socket.destroy();
      resolve({ response, closed, afterMs: Date.now() - start, sent });
    };
    const timer = setInterval(() => {
      if (sent < bytes.length && !socket.destroyed) {
        const from = sent;
        sent = Math.min(bytes.length, sent + chunk);
        socket.write(bytes.subarray(from, sent));
      }
    }, everyMs);
    // Fails the test (closed: false) instead of hanging when the server never cuts it off.
    const guard = setTimeout(() => finish(false), 5_000);
    socket.on('data', (data) => {
      response += data.toString('latin1');
      // A whole 2xx answer on a kept-alive connection: all we need (any other waits for the close).
      if (/^HTTP\/1\.1 2\d\d /.test(response) && /\}\s*$/.test(response)) finish(false);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.write(head);
  });
}

const handlers: Array<[string, (handler: EscalationHandler) => EscalationHandler]> = [
  ['a handler of createEscalationHandler', (handler) => handler],
  ['a wrapped handler (web Request, streamed body)', (handler) => (request) => handler(request)],
];

describe.each(handlers)('%s', (_name, wrap) => {
  const handler = createEscalationHandler({ registry: serverRegistry(), rateLimit: false, onError: () => undefined });
  let app: { port: number; server: Server };
  beforeAll(async () => {
    app = await serve(wrap(handler), DEADLINE);
  });
  afterAll(() => {
    app.server.closeAllConnections();
    app.server.close();
  });

  it('answers 408 and closes a client that trickles its body past the deadline', async () => {
    const seen = freshdeskCreates(msw);
    const body = JSON.stringify({ optionId: 'freshdesk', context: browserContext(undefined, `conv_slow_${++n}`) });
    const { response, closed, afterMs, sent } = await trickle(app.port, body, 20);
    expect(closed).toBe(true);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toContain('"code":"TIMEOUT"');
    expect(response.toLowerCase()).toContain('connection: close');
    expect(afterMs).toBeGreaterThanOrEqual(DEADLINE - 20);
    expect(afterMs).toBeLessThan(DEADLINE + 1_000);
    expect(sent).toBeLessThan(Buffer.byteLength(body));
    expect(seen).toHaveLength(0);
  });

  it('serves a slow client that finishes its body within the deadline', async () => {
    const seen = freshdeskCreates(msw);
    // A short body in four parts 25 ms apart: about 100 ms, well inside the deadline even when
    // timers run late on a loaded machine (a byte a millisecond took 110 timer turns).
    const body = JSON.stringify({ optionId: 'freshdesk', context: { conversationId: `c${++n}`, messages: [{ role: 'user', content: 'Help' }], user: { email: 'a@example.com' } } });
    const { response, afterMs } = await trickle(app.port, body, 25, Math.ceil(Buffer.byteLength(body) / 4));
    expect(afterMs).toBeGreaterThanOrEqual(75);
    expect(response).toMatch(/^HTTP\/1\.1 201 /);
    expect(seen).toHaveLength(1);
  });
});

describe('the default', () => {
  it('is 15 s from the headers, and false turns it off', async () => {
    expect(DEFAULT_BODY_TIMEOUT_MS).toBe(15_000);
    const handler = createEscalationHandler({ registry: serverRegistry(), rateLimit: false, onError: () => undefined });
    const app = await serve(handler, false);
    const seen = freshdeskCreates(msw);
    const body = JSON.stringify({ optionId: 'freshdesk', context: { conversationId: `c${++n}`, messages: [{ role: 'user', content: 'Help' }], user: { email: 'a@example.com' } } });
    // Six parts 120 ms apart: about 720 ms, past the 400 ms the other tests allow, served. (A byte
    // every 15 ms took over a hundred timer turns: on a loaded machine, close to the 5 s guard.)
    const { response, afterMs } = await trickle(app.port, body, 120, Math.ceil(Buffer.byteLength(body) / 6));
    expect(afterMs).toBeGreaterThan(DEADLINE);
    expect(response).toMatch(/^HTTP\/1\.1 201 /);
    expect(seen).toHaveLength(1);
    app.server.closeAllConnections();
    app.server.close();
  });

  it('refuses a deadline that is not a positive integer', () => {
    const handler = createEscalationHandler({ registry: serverRegistry() });
    expect(() => toNodeHandler(handler, { bodyTimeoutMs: 0 })).toThrow(/bodyTimeoutMs/);
    expect(() => toNodeHandler(handler, { bodyTimeoutMs: 1.5 })).toThrow(/bodyTimeoutMs/);
  });
});
