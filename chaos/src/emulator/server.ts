import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultPlan } from '../faults';
import type { EmulatedAnswer, EmulatedProvider, EmulatedRequest, Route } from './exchange';
import { emulatedFreshdesk } from './freshdesk';
import { emulatedIntercom } from './intercom';
import { Truth, type ProviderName } from './truth';
import { emulatedZendesk } from './zendesk';

/** The `Authorization` headers the emulated accounts accept. */
export interface EmulatorCredentials {
  zendesk: string;
  freshdesk: string;
  intercom: string;
}

/** Options of {@link startProviderEmulator}. */
export interface ProviderEmulatorOptions {
  /** Which faults each request gets. */
  faults: FaultPlan;
  /** How late a `slow` answer comes (keep it past the adapters' timeout), in ms. */
  slowMs: number;
  /** The credentials the accounts accept. */
  credentials: EmulatorCredentials;
  /** Freshdesk search index lag. @defaultValue 120000 */
  freshdeskSearchLagMs?: number;
}

/** A running emulator of the three providers on a loopback port. */
export interface ProviderEmulator {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Each provider's API base: `<url>/zendesk`, `<url>/freshdesk`, `<url>/intercom`. */
  baseUrls: Record<ProviderName, string>;
  /** Every record made: the run's truth. */
  truth: Truth;
  /** Requests that matched no endpoint (a wrong path in an adapter shows up here). */
  unmatched(): string[];
  /** Stops listening and drops every connection (slow answers included). */
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;

/**
 * Starts one node:http server on 127.0.0.1 that plays Zendesk, Freshdesk and Intercom (their
 * ticket and lookup endpoints, see each `emulated…`), and injects the plan's faults into every
 * request: 429 with the provider's wait header, 500 (half of the creates done first), 503,
 * an answer after `slowMs` (the work done when the delay ends), a reset after the work, and a
 * reset before it.
 */
export async function startProviderEmulator(options: ProviderEmulatorOptions): Promise<ProviderEmulator> {
  const truth = new Truth();
  const providers: Record<ProviderName, EmulatedProvider> = {
    zendesk: emulatedZendesk(truth, options.credentials.zendesk),
    freshdesk: emulatedFreshdesk(truth, { authorization: options.credentials.freshdesk, ...(options.freshdeskSearchLagMs === undefined ? {} : { searchLagMs: options.freshdeskSearchLagMs }) }),
    intercom: emulatedIntercom(truth, { authorization: options.credentials.intercom }),
  };
  const unmatched: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const [, prefix = '', ...rest] = url.pathname.split('/');
    const provider = providers[prefix as ProviderName];
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const request: EmulatedRequest = { method: req.method ?? 'GET', path: `/${rest.join('/')}`, query: url.searchParams, headers: req.headers, body };
    const route = provider?.route(request);
    if (!route) {
      unmatched.push(`${request.method} ${url.pathname}`);
      return answer(res, { status: 404, body: { error: 'NotFound' } });
    }
    await faulted(route, req, res);
  };

  const faulted = async (route: Route, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const fault = options.faults.draw(route.role);
    switch (fault) {
      case undefined:
        return answer(res, route.run());
      case 'rate-limited':
        return answer(res, route.rateLimited());
      case 'unavailable':
        return answer(res, route.failed(503));
      case 'server-error':
        if (route.role !== 'lookup' && options.faults.createsBeforeError()) route.run();
        return answer(res, route.failed(500));
      case 'slow':
        // Still in flight at the provider when the caller gives up: done when the delay ends.
        await later(options.slowMs);
        if (closing) return;
        return answer(res, route.run());
      case 'reset-after':
        route.run();
        req.socket.destroy();
        return;
      case 'reset-before':
        req.socket.destroy();
        return;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) answer(res, { status: 500, body: { error: String(error) } });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrls: { zendesk: `${url}/zendesk`, freshdesk: `${url}/freshdesk`, intercom: `${url}/intercom` },
    truth,
    unmatched: () => unmatched.slice(),
    async close() {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, reply: EmulatedAnswer): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...reply.headers });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.destroy();
        reject(new Error('body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
