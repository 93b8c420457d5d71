// server.ts: the relay and the page on plain node:http. The Zendesk credentials live only here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistry, type EscalationError } from '@pillar/escalation-core';
import { createEscalationHandler, toNodeHandler } from '@pillar/escalation-server';
import { zendeskTicket, type ZendeskAuth } from '@pillar/escalation-zendesk/server';
import { RELAY_ENDPOINT, supportOptions } from './options';
import { bundleBrowser, pageHandler, type PillarConfig } from './page';
import { currentUser } from './session';

/** Options of {@link startServer}. */
export interface StarterServerOptions {
  /** The directory holding `src/browser.ts` and `tsconfig.json`. */
  appDir: string;
  /** Your Zendesk account; `baseUrl` points elsewhere (the local fake in dev and tests). */
  zendesk: { subdomain: string; auth: ZendeskAuth; baseUrl?: string };
  /** What the page passes to `Pillar.init`. */
  pillar: PillarConfig;
  /** @defaultValue 3000; 0 for any free port */
  port?: number;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** Every failure the browser sees only a generic message for, in full. @defaultValue `console.error` */
  onError?: (error: EscalationError) => void;
}

/** A running starter server. */
export interface StarterServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Starts the app: the page at `/`, and the relay at `/api/escalation`. */
export async function startServer(options: StarterServerOptions): Promise<StarterServer> {
  // The same options as the browser's, delivered with the real adapter: same ids, same gates.
  const registry = createRegistry(
    supportOptions.map((option) => ({
      ...option,
      adapter: zendeskTicket({ ...options.zendesk, priority: option.id === 'priority' ? 'high' : 'normal' }),
    })),
  );

  const escalationHandler = createEscalationHandler({
    registry,
    basePath: RELAY_ENDPOINT,
    // Who is calling, from your session: the gates check this user, never what the browser claims.
    identify: (request) => currentUser(request.headers.get('cookie')),
    ...(options.onError ? { onError: options.onError } : {}),
  });

  const relay = toNodeHandler(escalationHandler);
  const page = pageHandler(await bundleBrowser(options.appDir), options.pillar);
  // The relay answers its own routes and hands every other request to the page.
  const server = createServer((req, res) => relay(req, res, () => page(req, res)));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
