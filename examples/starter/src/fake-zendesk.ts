// fake-zendesk.ts: a local stand-in for Zendesk's tickets API, on loopback, for dev and tests.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One ticket the fake made, with what the adapter sent. */
export interface FakeTicket {
  id: number;
  /** The `Authorization` header (the adapter's credentials). */
  authorization: string | undefined;
  /** The `Idempotency-Key` header. */
  idempotencyKey: string | undefined;
  /** The request body's `ticket`. */
  ticket: {
    subject?: string;
    comment?: { html_body?: string; public?: boolean };
    requester?: { name?: string; email?: string };
    priority?: string;
    external_id?: string;
    tags?: string[];
  };
}

/** A running fake Zendesk. */
export interface FakeZendesk {
  /** Pass as `zendeskTicket({ baseUrl })`: `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** The tickets made, oldest first. */
  tickets: FakeTicket[];
  /** Answer the next create with this HTTP status instead of a ticket (to try the failure path). */
  failNext(status: number): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

/**
 * Starts the fake on a free loopback port. `POST /api/v2/tickets` makes ticket 1001, 1002, …
 * (a repeated `Idempotency-Key` gets the first ticket back, as Zendesk does), and
 * `GET /api/v2/tickets?external_id=` lists them, which `zendeskTicket` uses after a lost answer.
 */
export async function startFakeZendesk(firstId = 1001): Promise<FakeZendesk> {
  const tickets: FakeTicket[] = [];
  const failures: number[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (url.pathname !== '/api/v2/tickets') return json(404, { error: 'InvalidEndpoint' });
    if (!request.headers.authorization) return json(401, { error: "Couldn't authenticate you" });
    if (request.method === 'GET') {
      const key = url.searchParams.get('external_id');
      const listed = tickets.filter((t) => t.ticket.external_id === key).map((t) => ({ id: t.id, external_id: t.ticket.external_id }));
      return json(200, { tickets: listed });
    }
    if (request.method !== 'POST') return json(405, { error: 'MethodNotAllowed' });
    readBody(request).then((text) => {
      const failure = failures.shift();
      if (failure !== undefined) return json(failure, { error: 'FakeFailure', description: `failNext(${failure})` });
      let body: { ticket?: FakeTicket['ticket'] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return json(400, { error: 'InvalidJSON' });
      }
      if (!body.ticket?.comment?.html_body || !body.ticket.requester?.email) {
        return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'comment and requester are required' }] } });
      }
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      const earlier = idempotencyKey === undefined ? undefined : tickets.find((t) => t.idempotencyKey === idempotencyKey);
      if (earlier) return json(201, { ticket: { id: earlier.id } }, { 'x-idempotency-lookup': 'hit' });
      const made: FakeTicket = { id: firstId + tickets.length, authorization: request.headers.authorization, idempotencyKey, ticket: body.ticket };
      tickets.push(made);
      json(201, { ticket: { id: made.id, subject: made.ticket.subject } }, { location: `/api/v2/tickets/${made.id}.json` });
    }, () => json(400, { error: 'InvalidBody' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tickets,
    failNext: (status) => void failures.push(status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
