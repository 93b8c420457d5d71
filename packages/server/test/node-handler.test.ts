import { once } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
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
  ])('keeps delivering when the client goes away, and its retry gets that delivery (%s)', async (_name, wrapped) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const calls: Array<AbortSignal | undefined> = [];
    const slow: EscalationAdapter = {
      kind: 'slow',
      runtime: 'server',
      toPayload: () => ({}),
      deliver: async (_payload, options) => {
        calls.push(options.signal);
        await held;
        return { status: 'created', reference: { id: 'ticket-1' } };
      },
    };
    const handler = createEscalationHandler({ registry: createRegistry([{ id: 'form', label: 'Form', adapter: slow }]), rateLimit: false, onError: () => undefined });
    const origin = await serve(toNodeHandler(wrapped ? (request) => handler(request) : handler));
    const client = rawPost(origin, escalation);
    for (let i = 0; i < 200 && calls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(calls).toHaveLength(1);
    // The provider may already hold the escalation: the client leaving must not abort the
    // delivery. Its only signal is the relay's own time budget (RELAY_SERVER_BUDGET_MS).
    client.socket.destroy();
    await client.response;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls[0]?.aborted ?? false).toBe(false);
    release();
    const retry = await fetch(`${origin}/api/escalation/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: escalation });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toMatchObject({ status: 'created', reference: { id: 'ticket-1' } });
    expect(calls).toHaveLength(1);
  });

  describe.each([
    ['served directly', false],
    ['behind a wrapper', true],
  ])('reading the body (%s)', (_name, wrapped) => {
    /** A relay whose adapter records the contexts it is given. */
    async function recordingRelay() {
      const delivered: string[] = [];
      const recording: EscalationAdapter = {
        kind: 'recording',
        runtime: 'server',
        toPayload: (context) => ({ first: context.messages[0]?.content }),
        deliver: async (payload) => {
          delivered.push((payload as { first: string }).first);
          return { status: 'created', reference: { id: 'r1' } };
        },
      };
      const handler = createEscalationHandler({ registry: createRegistry([{ id: 'form', label: 'Form', adapter: recording }]), rateLimit: false, onError: () => undefined });
      const origin = await serve(toNodeHandler(wrapped ? (request) => handler(request) : handler));
      return { origin, delivered };
    }

    /** A raw POST: the head, then each part of the body in its own write, a little apart. */
    async function postInParts(origin: string, parts: Buffer[], length = parts.reduce((n, part) => n + part.length, 0)) {
      const { hostname, port } = new URL(origin);
      const socket = connect(Number(port), hostname);
      const response = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
      });
      socket.write(`POST /api/escalation/escalations HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`);
      for (const part of parts) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        socket.write(part);
      }
      return { socket, response };
    }

    it('joins a body that arrives in several chunks, even one cut inside a character', async () => {
      const { origin, delivered } = await recordingRelay();
      const text = 'Ça ne marche pas 😀 après ça';
      const bytes = Buffer.from(JSON.stringify({ optionId: 'form', context: { conversationId: 'c1', messages: [{ role: 'user', content: text }] } }));
      const emoji = bytes.indexOf(Buffer.from('😀'));
      const client = await postInParts(origin, [bytes.subarray(0, 10), bytes.subarray(10, emoji + 2), bytes.subarray(emoji + 2)]);
      const response = await client.response;
      expect(response).toMatch(/^HTTP\/1\.1 201 /);
      expect(delivered).toEqual([text]);
    });

    it('answers 400 to a body that is not UTF-8, even when only a later chunk is invalid', async () => {
      const { origin, delivered } = await recordingRelay();
      const bytes = Buffer.from(JSON.stringify({ optionId: 'form', context: { conversationId: 'c1', messages: [{ role: 'user', content: 'ab' }] } }));
      const at = bytes.indexOf(Buffer.from('ab'));
      bytes[at] = 0xff;
      const client = await postInParts(origin, [bytes.subarray(0, at), bytes.subarray(at)]);
      const response = await client.response;
      expect(response).toMatch(/^HTTP\/1\.1 400 /);
      expect(response).toContain('"code":"INVALID_CONTEXT"');
      expect(response).toContain('not UTF-8');
      expect(delivered).toEqual([]);
    });

    it('delivers nothing when the client goes away before the body ends, and keeps serving', async () => {
      const { origin, delivered } = await recordingRelay();
      const client = await postInParts(origin, [Buffer.from(escalation.slice(0, 20))], Buffer.byteLength(escalation));
      await new Promise((resolve) => setTimeout(resolve, 20));
      client.socket.destroy();
      await client.response;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(delivered).toEqual([]);
      const next = await fetch(`${origin}/api/escalation/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: escalation });
      expect(next.status).toBe(201);
      expect(delivered).toEqual(['hi']);
    });
  });

  it('refuses a non-function handler', () => {
    expect(() => toNodeHandler('nope' as never)).toThrow(TypeError);
  });
});
