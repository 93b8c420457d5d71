import { once } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistry, type EscalationAdapter } from '@pillar/escalation-core';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler, toNodeHandler } from '@pillar/escalation-server';
import { loopback, rawPost } from './support';

setupProviderServer(loopback);

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const adapter: EscalationAdapter = { kind: 'ok', runtime: 'server', toPayload: () => ({}), deliver: async () => ({ status: 'created', reference: { id: 'x1' } }) };
const relayHandler = () => createEscalationHandler({ registry: createRegistry([{ id: 'form', label: 'Form', adapter }]), rateLimit: false });
const escalation = JSON.stringify({ optionId: 'form', context: { conversationId: 'c1', messages: [{ role: 'user', content: 'hi' }] } });

describe('toNodeHandler', () => {
  it('works as Express-style middleware: its routes are answered, other paths go to next() with the body unread', async () => {
    const middleware = toNodeHandler(relayHandler());
    const origin = await serve((req, res) => {
      middleware(req, res, () => {
        // The next handler can still read the whole body.
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => res.end(`next saw ${req.method} ${req.url} with ${body.length} bytes`));
      });
    });
    const ours = await fetch(`${origin}/api/escalation/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: escalation });
    expect(ours.status).toBe(201);
    const theirs = await fetch(`${origin}/other/route`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(await theirs.text()).toBe('next saw POST /other/route with 100000 bytes');
  });

  it('routes by originalUrl when Express strips the mount path from req.url', async () => {
    const middleware = toNodeHandler(relayHandler());
    const origin = await serve((req, res) => {
      // What `app.use('/api/escalation', middleware)` does to the request.
      const mounted = req as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = req.url;
      req.url = req.url!.replace(/^\/api\/escalation/, '') || '/';
      middleware(req, res);
    });
    const response = await fetch(`${origin}/api/escalation/options`);
    expect(await response.json()).toEqual({ options: [{ id: 'form', label: 'Form', order: 0 }] });
  });

  it('uses the body a JSON body parser already read', async () => {
    const middleware = toNodeHandler(relayHandler());
    const origin = await serve((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
        middleware(req, res);
      });
    });
    const response = await fetch(`${origin}/api/escalation/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: escalation });
    expect(response.status).toBe(201);
  });

  it('writes any fetch Response: status, headers, several cookies and a streamed body', async () => {
    const origin = await serve(
      toNodeHandler(async (request) => {
        const headers = new Headers({ 'content-type': 'text/plain', 'x-path': new URL(request.url).pathname });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of ['one ', 'two ', 'three']) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        });
        return new Response(body, { status: 207, headers });
      }),
    );
    const response = await fetch(`${origin}/some/where?x=1`);
    expect(response.status).toBe(207);
    expect(response.headers.get('x-path')).toBe('/some/where');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('one two three');
  });

  it('answers 500 when the handler rejects, and keeps serving', async () => {
    let calls = 0;
    const origin = await serve(
      toNodeHandler(async () => {
        calls += 1;
        if (calls === 1) throw new Error('bug');
        return new Response('fine');
      }),
    );
    const failed = await fetch(`${origin}/x`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: { code: 'CONFIGURATION', message: 'The escalation relay failed unexpectedly', retryable: false } });
    expect(await (await fetch(`${origin}/x`)).text()).toBe('fine');
  });

  it('passes a usable URL even when the Host header is odd', async () => {
    let seen = '';
    const origin = await serve(
      toNodeHandler(async (request) => {
        seen = request.url;
        return new Response('ok');
      }),
    );
    const { port } = new URL(origin);
    const { connect } = await import('node:net');
    const socket = connect(Number(port), '127.0.0.1');
    socket.resume();
    socket.write('GET /a?b=1 HTTP/1.1\r\nHost: evil.example/<script>\r\nConnection: close\r\n\r\n');
    await once(socket, 'close');
    expect(seen).toBe('http://localhost/a?b=1');
  });

  it.each([
    ['served directly', false],
    ['behind a wrapper', true],
  ])('aborts the delivery when the client goes away (%s)', async (_name, wrapped) => {
    let signal: AbortSignal | undefined;
    const slow: EscalationAdapter = {
      kind: 'slow',
      runtime: 'server',
      toPayload: () => ({}),
      deliver: (_payload, options) =>
        new Promise((_resolve, reject) => {
          signal = options.signal;
          options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    const handler = createEscalationHandler({ registry: createRegistry([{ id: 'form', label: 'Form', adapter: slow }]), rateLimit: false, onError: () => undefined });
    const origin = await serve(toNodeHandler(wrapped ? (request) => handler(request) : handler));
    const client = rawPost(origin, escalation);
    for (let i = 0; i < 200 && !signal; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signal?.aborted).toBe(false);
    client.socket.destroy();
    for (let i = 0; i < 200 && !signal!.aborted; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signal!.aborted).toBe(true);
  });

  it('refuses a non-function handler', () => {
    expect(() => toNodeHandler('nope' as never)).toThrow(TypeError);
  });
});
