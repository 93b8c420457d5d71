/**
 * Node side of the status-surface test: builds e2e/app/status.ts, serves it, and plays the
 * relay: `POST /api/escalation/escalations` creates ticket 1001, `GET .../escalations/<key>`
 * answers the state and `GET .../escalations/<key>/events` streams it as
 * `@pillar/escalation-server` does (`retry:`, then `id: <seq>` / `event: lifecycle` /
 * `data: <json>`, resuming after `Last-Event-ID` or `?lastEventId=`). `push` adds a lifecycle
 * entry, as a verified webhook would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..');

export async function buildStatusApp(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'app', 'status.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    tsconfig: join(root, 'tsconfig.json'),
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

interface Entry {
  seq: number;
  state: string;
  at: string;
  text?: string;
}

export interface StatusServer {
  url: string;
  /** Keys the relay was asked to deliver, in order. */
  posted: string[];
  /** Adds a lifecycle entry for `key` and streams it to every open stream. */
  push(key: string, state: string, text?: string): void;
  /** How many event streams were opened for `key`, with the resume point each asked for. */
  streams(key: string): string[];
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Billing</title><script type="module" src="/status.js"></script></head>
  <body style="margin:0;font-family:system-ui;background:#f6f8fa"><main style="padding:24px"><h1>Acme: billing</h1><button>Talk to Support</button></main></body>
</html>`;

export async function startStatusServer(bundle: string): Promise<StatusServer> {
  const entries = new Map<string, Entry[]>();
  const open = new Map<string, Set<ServerResponse>>();
  const resumes = new Map<string, string[]>();
  const posted: string[] = [];
  const format = (key: string, e: Entry) =>
    `id: ${e.seq}\nevent: lifecycle\ndata: ${JSON.stringify({ key, seq: e.seq, state: e.state, at: e.at, provider: 'zendesk', optionId: 'ticket', kind: 'zendesk-ticket', sinceCreatedMs: 0, ...(e.text ? { text: e.text } : {}) })}\n\n`;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method === 'GET' && url.pathname === '/app') return send(200, 'text/html; charset=utf-8', PAGE);
    if (request.method === 'GET' && url.pathname === '/status.js') return send(200, 'text/javascript; charset=utf-8', bundle);
    if (request.method === 'POST' && url.pathname === '/api/escalation/escalations') {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (text += chunk));
      request.on('end', () => {
        const { idempotencyKey } = JSON.parse(text) as { idempotencyKey: string };
        posted.push(idempotencyKey);
        if (!entries.has(idempotencyKey)) entries.set(idempotencyKey, [{ seq: 1, state: 'created', at: new Date().toISOString() }]);
        send(201, 'application/json', JSON.stringify({ optionId: 'ticket', requestedOptionId: 'ticket', kind: 'zendesk-ticket', status: 'created', reference: { id: '1001' }, idempotencyKey, attempts: [] }));
      });
      return;
    }
    const match = /^\/api\/escalation\/escalations\/([^/]+)(\/events)?$/.exec(url.pathname);
    if (request.method === 'GET' && match) {
      const key = decodeURIComponent(match[1]!);
      const list = entries.get(key);
      if (!list) return send(404, 'application/json', JSON.stringify({ error: { code: 'UNKNOWN_OPTION', message: 'no such escalation', retryable: false } }));
      if (!match[2]) {
        const current = list[list.length - 1]!;
        return send(200, 'application/json', JSON.stringify({ key, optionId: 'ticket', kind: 'zendesk-ticket', state: current.state, seq: current.seq, events: list.map((e) => JSON.parse(format(key, e).split('data: ')[1]!)) }));
      }
      const after = Number(request.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? 0) || 0;
      resumes.set(key, [...(resumes.get(key) ?? []), String(after)]);
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      response.write('retry: 500\n\n');
      for (const e of list) if (e.seq > after) response.write(format(key, e));
      const set = open.get(key) ?? new Set();
      open.set(key, set.add(response));
      request.on('close', () => set.delete(response));
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/app`,
    posted,
    push(key, state, text) {
      const list = entries.get(key);
      if (!list) throw new Error(`no escalation ${key}`);
      const entry: Entry = { seq: list.length + 1, state, at: new Date().toISOString(), ...(text ? { text } : {}) };
      list.push(entry);
      for (const response of open.get(key) ?? []) response.write(format(key, entry));
    },
    streams: (key) => resumes.get(key) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
