// One server for the relay bench, in its own process so it does not share an event loop with
// the load generator. `relay`: @pillar/escalation-server with a no-op adapter; `bare`: node:http
// that parses the same JSON and answers the same bytes. Prints {"port": n} when listening.
import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRegistry, type EscalationAdapter } from '@pillar/escalation-core';
import { createEscalationHandler, toNodeHandler } from '@pillar/escalation-server';

const kind = process.argv[2];
const delivered = Promise.resolve({ status: 'created' as const, reference: { id: 'noop-1' } });
const noop: EscalationAdapter<{ messages: number }> = {
  kind: 'noop',
  runtime: 'universal',
  toPayload: (context) => ({ messages: context.messages.length }),
  deliver: () => delivered,
};

/** The relay's headers, so both servers write answers of the same size. */
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Reads the body, parses the JSON, checks two fields and answers what the relay answers (an `EscalationResult`). */
function bare(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 201;
    let body: unknown;
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { optionId?: unknown; idempotencyKey?: unknown; context?: { messages?: unknown } };
      if (typeof input.optionId !== 'string' || !Array.isArray(input.context?.messages)) throw new Error('bad input');
      body = {
        optionId: input.optionId,
        requestedOptionId: input.optionId,
        kind: 'noop',
        status: 'created',
        reference: { id: 'noop-1' },
        idempotencyKey: input.idempotencyKey,
        attempts: [{ optionId: input.optionId, kind: 'noop', outcome: 'delivered', durationMs: 0 }],
      };
    } catch {
      status = 400;
      body = { error: { code: 'INVALID_CONTEXT', message: 'bad input', retryable: false } };
    }
    const text = JSON.stringify(body);
    // Framed like the relay's answers: Content-Length, not chunked.
    res.writeHead(status, { ...HEADERS, 'content-length': String(Buffer.byteLength(text)) }).end(text);
  });
}

function relay(): (req: IncomingMessage, res: ServerResponse) => void {
  const registry = createRegistry([{ id: 'human', label: 'Talk to a human', adapter: noop }]);
  return toNodeHandler(createEscalationHandler({ registry, basePath: '', rateLimit: false }));
}

const http = createServer(kind === 'relay' ? relay() : bare);
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
