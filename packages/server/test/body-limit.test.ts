import { connect } from 'node:net';
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler } from '@pillar/escalation-server';
import { browserContext, freshdeskCreates, listen, loopback, post, serverRegistry, type Loopback } from './support';

const msw = setupProviderServer(loopback);
const LIMIT = 64 * 1024;
let n = 0;

describe.each([
  ['the handler served directly', false],
  ['the handler behind a wrapper (a web Request with a streamed body)', true],
])('%s', (_name, wrapped) => {
  let app: Loopback;

  beforeAll(async () => {
    app = await listen(createEscalationHandler({ registry: serverRegistry(), limits: { maxBodyBytes: LIMIT }, rateLimit: false, onError: () => undefined }), { wrapped });
  });
  afterAll(() => app.close());

  /** Opens a raw connection, sends the head, and then body chunks for as long as the server reads them. */
  function sendEndlessBody(head: string): Promise<{ response: string; written: number; closed: boolean }> {
    const { hostname, port } = new URL(app.origin);
    const socket = connect(Number(port), hostname);
    const chunk = Buffer.from(`4000\r\n${'x'.repeat(0x4000)}\r\n`);
    const CAP = 256 * 1024 * 1024;
    return new Promise((resolve) => {
      let response = '';
      let written = 0;
      let stopped = false;
      const finish = (closed: boolean) => {
        if (stopped) return;
        stopped = true;
        clearTimeout(timer);
        socket.destroy();
        resolve({ response, written, closed });
      };
      // Fails the test (closed: false) instead of hanging when the server never answers.
      const timer = setTimeout(() => finish(false), 10_000);
      const pump = () => {
        while (!stopped && written < CAP) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      socket.on('data', (data) => (response += data.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => finish(true));
      socket.write(head, pump);
    });
  }

  const chunkedHead = [
    'POST /api/escalation/escalations HTTP/1.1',
    `Host: 127.0.0.1`,
    'Content-Type: application/json',
    'Transfer-Encoding: chunked',
    '',
    '',
  ].join('\r\n');

  describe('a body over the limit', () => {
    it('answers 413 to an endless streamed body, stops reading at the limit and closes the connection', async () => {
      const { response, written, closed } = await sendEndlessBody(chunkedHead);
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      expect(response.toLowerCase()).toContain('connection: close');
      expect(response).toContain('"code":"INVALID_CONTEXT"');
      expect(response).toContain(`"max":${LIMIT}`);
      expect(closed).toBe(true);
      // The server read the limit and no more: what the client managed to write is what the
      // socket buffers took, far from the 256 MiB it would have sent to a server that kept reading.
      expect(written).toBeLessThan(32 * 1024 * 1024);
      await expectStillServing();
    });

    it('answers 413 from a declared Content-Length alone, before any of the body is sent', async () => {
      const { hostname, port } = new URL(app.origin);
      const socket = connect(Number(port), hostname);
      const response = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (data) => (text += data.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
        socket.write(['POST /api/escalation/escalations HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 10737418240', '', ''].join('\r\n'));
      });
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      expect(response.toLowerCase()).toContain('connection: close');
      await expectStillServing();
    });

    it('closes only that connection: later answers of the same kind keep theirs open', async () => {
      const { hostname, port } = new URL(app.origin);
      const exchange = (head: string, until: (text: string) => boolean) => {
        const socket = connect(Number(port), hostname);
        return new Promise<string>((resolve) => {
          let text = '';
          const done = () => {
            socket.destroy();
            resolve(text);
          };
          const timer = setTimeout(done, 2_000);
          socket.on('data', (data) => {
            text += data.toString('latin1');
            if (until(text)) {
              clearTimeout(timer);
              done();
            }
          });
          socket.on('close', () => {
            clearTimeout(timer);
            resolve(text);
          });
          socket.on('error', () => undefined);
          socket.write(head);
        });
      };
      const tooLarge = await exchange(['POST /api/escalation/escalations HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 10737418240', '', ''].join('\r\n'), () => false);
      expect(tooLarge).toMatch(/^HTTP\/1\.1 413 /);
      expect(tooLarge.toLowerCase()).toContain('connection: close');
      // Two requests with complete (invalid) bodies on one connection: both answered 400 on it, neither closes it.
      const invalid = ['POST /api/escalation/escalations HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 4', '', 'nope'].join('\r\n');
      const both = await exchange(invalid + invalid, (text) => text.split('"code":"INVALID_CONTEXT"').length === 3);
      expect(both.split('HTTP/1.1 400 ')).toHaveLength(3);
      expect(both.toLowerCase()).not.toContain('connection: close');
      expect(both).toContain('"code":"INVALID_CONTEXT"');
      // Framed by Content-Length (head and body in one write), not chunked.
      expect(both.toLowerCase()).not.toContain('transfer-encoding');
      expect(both.match(/content-length: (\d+)/i)?.[1]).toBe(String(Buffer.byteLength(both.slice(both.indexOf('{'), both.indexOf('}}') + 2))));
    });

    it('accepts a body just under the limit', async () => {
      const seen = freshdeskCreates(msw);
      const context = browserContext();
      context.messages.push({ role: 'user', content: 'y'.repeat(LIMIT - 2_000) });
      const response = await post(app.origin, { optionId: 'freshdesk', context });
      expect(response.status).toBe(201);
      expect(seen).toHaveLength(1);
    });
  });

  async function expectStillServing(): Promise<void> {
    const seen = freshdeskCreates(msw);
    const response = await post(app.origin, { optionId: 'freshdesk', context: browserContext(undefined, `conv_limit_${++n}`) });
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(1);
  }
});
