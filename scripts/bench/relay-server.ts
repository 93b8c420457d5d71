// One server for the relay bench, in its own process so it does not share an event loop with
// the load generator. `relay`: @pillar/escalation-server with a no-op adapter; `bare`: node:http
// that parses the same JSON and answers. Prints {"port": n} when listening.
import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRegistry, type EscalationAdapter } from '@pillar/escalation-core';

const kind = process.argv[2];
const delivered = Promise.resolve({ status: 'created' as const, reference: { id: 'noop-1' } });
const noop: EscalationAdapter<{ messages: number }> = {
  kind: 'noop',
  runtime: 'universal',
  toPayload: (context) => ({ messages: context.messages.length }),
  deliver: () => delivered,
};

/** The documented API of @pillar/escalation-server (typed here so the bench compiles before it lands). */
interface ServerModule {
  createEscalationHandler(options: { registry: unknown; basePath?: string; rateLimit?: false }): (request: Request) => Promise<Response>;
  toNodeHandler(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void;
}

function bare(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 201;
    let body: unknown;
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { optionId?: unknown; idempotencyKey?: unknown; context?: { messages?: unknown } };
      if (typeof input.optionId !== 'string' || !Array.isArray(input.context?.messages)) throw new Error('bad input');
      body = { optionId: input.optionId, kind: 'noop', status: 'created', reference: { id: 'noop-1' }, idempotencyKey: input.idempotencyKey, attempts: [] };
    } catch {
      status = 400;
      body = { error: { code: 'INVALID_CONTEXT', message: 'bad input', retryable: false } };
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

async function main(): Promise<void> {
  let listener: (req: IncomingMessage, res: ServerResponse) => void = bare;
  if (kind === 'relay') {
    const server = (await import('@pillar/escalation-server')) as unknown as Partial<ServerModule>;
    if (typeof server.createEscalationHandler !== 'function' || typeof server.toNodeHandler !== 'function') {
      process.stdout.write(`${JSON.stringify({ error: '@pillar/escalation-server does not export createEscalationHandler and toNodeHandler yet' })}\n`);
      process.exit(0);
    }
    const registry = createRegistry([{ id: 'human', label: 'Talk to a human', adapter: noop }]);
    listener = server.toNodeHandler(server.createEscalationHandler({ registry, basePath: '', rateLimit: false }));
  }
  const http = createServer(listener);
  http.listen(0, '127.0.0.1', () => {
    const address = http.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
}

void main();
