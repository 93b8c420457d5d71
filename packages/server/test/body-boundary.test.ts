// The body limit at its edge: exactly maxBodyBytes is read and delivered, one byte more is 413,
// on the fetch path (a web Request, declared or streamed) and on the Node path (toNodeHandler,
// declared Content-Length or chunked). A `>` turned into `>=` anywhere fails here.
import { setupProviderServer } from '@pillar/escalation-testkit/msw';
import { createEscalationHandler } from '@pillar/escalation-server';
import { browserContext, freshdeskCreates, listen, loopback, serverRegistry, type Loopback } from './support';

const msw = setupProviderServer(loopback);
const LIMIT = 8 * 1024;
let n = 0;

/** A valid escalation body of exactly `bytes` bytes (JSON allows trailing whitespace). */
function bodyOf(bytes: number): string {
  const json = JSON.stringify({ optionId: 'freshdesk', context: browserContext(undefined, `conv_edge_${++n}`) });
  const size = Buffer.byteLength(json);
  if (size > bytes) throw new Error(`the base body is already ${size} bytes`);
  return json + ' '.repeat(bytes - size);
}

/** The body as a stream of 1,000-byte chunks, with no Content-Length. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 1000));
      offset += 1000;
    },
  });
}

const handler = createEscalationHandler({ registry: serverRegistry(), limits: { maxBodyBytes: LIMIT }, rateLimit: false, onError: () => undefined });
const URL_ = 'https://app.example.com/api/escalation/escalations';

type Send = (body: string) => Promise<Response>;

const fetchPath: Array<[string, Send]> = [
  ['the fetch path, Content-Length declared', (body) => handler(new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body }))],
  [
    'the fetch path, streamed',
    (body) => handler(new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json' }, body: streamOf(body), duplex: 'half' } as RequestInit & { duplex: 'half' })),
  ],
];

describe.each(fetchPath)('%s', (_name, send) => {
  it('delivers a body of exactly maxBodyBytes', async () => {
    const seen = freshdeskCreates(msw);
    const response = await send(bodyOf(LIMIT));
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(1);
  });

  it('answers 413 to one byte more, without delivering', async () => {
    const seen = freshdeskCreates(msw);
    const response = await send(bodyOf(LIMIT + 1));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: 'INVALID_CONTEXT', details: { limit: 'maxBodyBytes', max: LIMIT } });
    expect(seen).toHaveLength(0);
  });
});

describe.each([
  ['the Node path (toNodeHandler)', false],
  ['the Node path behind a wrapper (a web Request with a streamed body)', true],
])('%s', (_name, wrapped) => {
  let app: Loopback;
  beforeAll(async () => {
    app = await listen(handler, { wrapped });
  });
  afterAll(() => app.close());

  const sends: Array<[string, (body: string) => Promise<Response>]> = [
    ['Content-Length declared', (body) => fetch(`${app.origin}/api/escalation/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })],
    [
      'chunked',
      (body) =>
        fetch(`${app.origin}/api/escalation/escalations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: streamOf(body), duplex: 'half' } as RequestInit & { duplex: 'half' }),
    ],
  ];

  it.each(sends)('delivers a body of exactly maxBodyBytes (%s)', async (_how, send) => {
    const seen = freshdeskCreates(msw);
    const response = await send(bodyOf(LIMIT));
    expect(response.status).toBe(201);
    expect(seen).toHaveLength(1);
  });

  it.each(sends)('answers 413 to one byte more (%s), without delivering', async (_how, send) => {
    const seen = freshdeskCreates(msw);
    const response = await send(bodyOf(LIMIT + 1));
    expect(response.status).toBe(413);
    expect(seen).toHaveLength(0);
  });
});
