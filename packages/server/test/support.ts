import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import axios from 'axios';
import { http, HttpResponse, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';
import { createRegistry, plans, type EscalationContext, type EscalationRegistry, type EscalationUser } from '@pillar/escalation-core';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { zendeskTicket } from '@pillar/escalation-zendesk/server';
import { toNodeHandler, type EscalationHandler } from '@pillar/escalation-server';

export const ZENDESK_TICKETS = 'https://acme.zendesk.com/api/v2/tickets';
export const FRESHDESK_TICKETS = 'https://acme.freshdesk.com/api/v2/tickets';

/** Lets the tests' own requests to the loopback server through msw; provider hosts still fail closed. */
export const loopback = http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough());

/** A real node:http server on 127.0.0.1 and a free port. */
export interface Loopback {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `handler` through `toNodeHandler`. With `wrapped`, the handler is hidden behind a plain
 * function, so toNodeHandler takes its generic path (a web Request with a streamed body, a web
 * Response) instead of the fast path it uses for a handler of createEscalationHandler.
 */
export async function listen(handler: EscalationHandler, options: { wrapped?: boolean } = {}): Promise<Loopback> {
  const server = createServer(toNodeHandler(options.wrapped ? (request) => handler(request) : handler));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sessions the test `identify` knows, by bearer token. */
export const SESSIONS: Record<string, EscalationUser> = {
  'tok-free': { id: 'u_free', email: 'fran@example.com', name: 'Fran Free', plan: 'free', role: 'member' },
  'tok-pro': { id: 'u_pro', email: 'pat@example.com', name: 'Pat Pro', plan: 'pro', role: 'admin' },
  'tok-pro-2': { id: 'u_pro2', email: 'quinn@example.com', plan: 'pro' },
  'tok-enterprise': { id: 'u_ent', email: 'erin@example.com', plan: 'enterprise', role: 'admin', attributes: { seats: 250 } },
};

/** `Authorization: Bearer <token>` against {@link SESSIONS}; no header: anonymous. */
export function identifyByToken(request: Request): EscalationUser | null {
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  return token ? (SESSIONS[token] ?? null) : null;
}

/** A conversation as the browser would send it, claiming whatever user it likes. */
export function browserContext(user: EscalationUser = { email: 'visitor@example.com', name: 'Visitor' }, conversationId = 'conv_1'): EscalationContext {
  return {
    conversationId,
    messages: [
      { role: 'user', content: 'My invoices page shows the wrong VAT number.' },
      { role: 'assistant', content: 'You can change it under Billing → Company details.' },
      { role: 'user', content: 'I did, and it still shows the <b>old</b> one. I need a human.' },
    ],
    user,
    page: { url: 'https://app.example.com/billing', title: 'Billing' },
    reason: 'billing',
  };
}

/**
 * The server registry of the tests, with the real adapters: a Zendesk ticket for pro and
 * enterprise plans (falling back to nothing), a Freshdesk ticket for everybody, and an
 * enterprise-only line.
 */
export function serverRegistry(extra: { zendeskTimeoutMs?: number } = {}): EscalationRegistry {
  const zendesk = () =>
    zendeskTicket({
      subdomain: 'acme',
      auth: { email: 'agent@acme.test', apiToken: 'zd-secret-token-123' },
      http: axios.create(),
      retry: false,
      // One look when reconciling: the emulated list below is never behind.
      find: { waitMs: 0 },
      ...(extra.zendeskTimeoutMs ? { timeoutMs: extra.zendeskTimeoutMs } : {}),
    });
  return createRegistry([
    { id: 'ticket', label: 'Open a ticket', icon: 'mail', order: 1, adapter: zendesk(), when: plans(['pro', 'enterprise']) },
    { id: 'freshdesk', label: 'Email support', icon: 'support', order: 2, adapter: freshdeskTicket({ domain: 'acme', apiKey: 'fd-secret-key-456', http: axios.create(), retry: false, find: { waitMs: 0 } }) },
    { id: 'enterprise-line', label: 'Enterprise line', order: 3, adapter: zendesk(), when: plans(['enterprise']) },
  ]);
}

/**
 * Answers Zendesk ticket creation with increasing ids, recording each request's key and body,
 * and the `external_id` list filter (`find`) with the tickets whose create answered 201.
 */
export function zendeskCreates(server: SetupServer, answer?: (request: Request, n: number) => Response | Promise<Response>): Array<{ key: string | null; body: any }> {
  const seen: Array<{ key: string | null; body: any }> = [];
  const created: Array<{ id: number; external_id: string; created_at: string }> = [];
  server.use(
    http.post(ZENDESK_TICKETS, async ({ request }) => {
      const body = (await request.clone().json()) as any;
      seen.push({ key: request.headers.get('idempotency-key'), body });
      const response = answer ? await answer(request, seen.length) : HttpResponse.json({ ticket: { id: 1000 + seen.length } }, { status: 201, headers: { 'x-idempotency-lookup': 'miss' } });
      if (response.status === 201) {
        const { ticket } = (await response.clone().json()) as { ticket: { id: number } };
        created.push({ id: ticket.id, external_id: body.ticket?.external_id, created_at: new Date().toISOString() });
      }
      return response;
    }),
    http.get(ZENDESK_TICKETS, ({ request }) => {
      const key = new URL(request.url).searchParams.get('external_id');
      return HttpResponse.json({ tickets: created.filter((t) => t.external_id === key), meta: { has_more: false }, links: {} });
    }),
  );
  return seen;
}

/** A header on an emulated failure: the provider created the ticket all the same (a 500 after its commit). */
export const CREATED_ANYWAY = 'x-test-created-anyway';

/**
 * Answers Freshdesk ticket creation, recording each request's body, and the requester's ticket
 * list (`find`) with the tickets whose create answered 201.
 */
export function freshdeskCreates(server: SetupServer, answer?: (request: Request, n: number) => Response | Promise<Response>): Array<{ body: any }> {
  const seen: Array<{ body: any }> = [];
  const created: Array<{ id: number; email: string; tags: string[]; created_at: string }> = [];
  server.use(
    http.post(FRESHDESK_TICKETS, async ({ request }) => {
      const body = (await request.clone().json()) as any;
      seen.push({ body });
      const response = answer ? await answer(request, seen.length) : HttpResponse.json({ id: 2000 + seen.length }, { status: 201 });
      if (response.status === 201 || response.headers.has(CREATED_ANYWAY)) {
        const id = response.status === 201 ? ((await response.clone().json()) as { id: number }).id : 2000 + seen.length;
        created.unshift({ id, email: body.email, tags: body.tags ?? [], created_at: new Date().toISOString() });
      }
      return response;
    }),
    http.get(FRESHDESK_TICKETS, ({ request }) => {
      const email = new URL(request.url).searchParams.get('email');
      return HttpResponse.json(created.filter((t) => t.email === email));
    }),
  );
  return seen;
}

/** POST an escalation as a browser would. */
export function post(origin: string, body: unknown, init: { token?: string; headers?: Record<string, string>; signal?: AbortSignal; path?: string } = {}): Promise<Response> {
  return fetch(`${origin}${init.path ?? '/api/escalation/escalations'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

/** Reads a JSON error answer. */
export async function errorOf(response: Response): Promise<{ code: string; message: string; retryable: boolean; retryAfterMs?: number; details?: Record<string, unknown> }> {
  const body = (await response.json()) as { error: { code: string; message: string; retryable: boolean } };
  return body.error;
}

/**
 * A POST over a raw TCP socket (msw does not intercept `net`, so this is a real client whose
 * disconnect the server sees). `response` resolves with everything the server wrote.
 */
export function rawPost(origin: string, body: string, headers: Record<string, string> = {}): { socket: Socket; response: Promise<string> } {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  const head = [
    'POST /api/escalation/escalations HTTP/1.1',
    `Host: ${hostname}:${port}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  socket.write(head + body);
  const response = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
  return { socket, response };
}
