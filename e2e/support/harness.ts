/**
 * Node side of the end-to-end test: builds the page bundle with esbuild, serves it next to the
 * real @pillar-ai/sdk ESM file from a tiny node:http server on 127.0.0.1, records the tickets the
 * page POSTs, and launches Debian's Chromium through playwright-core with a fresh profile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, closedPort, launchChromium } from '../../scripts/test-support/chromium';

const root = join(__dirname, '..', '..');

/** Fails loudly (never skips) when Chromium is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The end-to-end test needs Chromium at ${CHROMIUM_PATH}, and it is not there. Install it with \`sudo apt-get install -y chromium\` (or run \`pnpm setup:test\`), or set CHROMIUM_PATH. This test never skips.`);
  }
}

/** Bundles the page (core, connectPillar, fakes, adapters); the SDK stays external and loads through the import map. */
export async function buildApp(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'app', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    external: ['@pillar-ai/sdk'],
    tsconfig: join(root, 'tsconfig.json'),
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export { closedPort };

export interface Ticket {
  idempotencyKey: string | undefined;
  body: { subject: string; body: string; requester: string | null; reason: string | null; conversationId: string | null };
}

export interface AppServer {
  /** The page URL, with Pillar's API pointing at a closed loopback port. */
  url: string;
  tickets: Ticket[];
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Billing</title>
    <script type="importmap">{ "imports": { "@pillar-ai/sdk": "/vendor/pillar.esm.js" } }</script>
    <script type="module" src="/app.js"></script>
  </head>
  <body><main><h1>Acme: billing</h1></main></body>
</html>`;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

export async function startAppServer(bundle: string): Promise<AppServer> {
  const sdk = readFileSync(join(root, 'node_modules', '@pillar-ai', 'sdk', 'dist', 'pillar.esm.js'));
  const tickets: Ticket[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method === 'GET' && path === '/app') return send(200, 'text/html; charset=utf-8', PAGE);
    if (request.method === 'GET' && path === '/app.js') return send(200, 'text/javascript; charset=utf-8', bundle);
    if (request.method === 'GET' && path === '/vendor/pillar.esm.js') return send(200, 'text/javascript; charset=utf-8', sdk);
    if (request.method === 'POST' && path === '/tickets') {
      readBody(request).then(
        (text) => {
          tickets.push({ idempotencyKey: request.headers['idempotency-key'] as string | undefined, body: JSON.parse(text) as Ticket['body'] });
          send(201, 'application/json', JSON.stringify({ id: `T-${tickets.length}` }));
        },
        () => send(400, 'text/plain', 'bad body'),
      );
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api = `http://127.0.0.1:${await closedPort()}`;
  return {
    url: `http://127.0.0.1:${port}/app?api=${encodeURIComponent(api)}`,
    tickets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BrowserSession {
  page: Page;
  /** Console errors and page errors, for the failure message when something goes wrong. */
  logs: string[];
  close(): Promise<void>;
}

/** A fresh Chromium with its own new profile directory (so no test sees another's storage). */
export async function openBrowser(): Promise<BrowserSession> {
  const chromium = await launchChromium('The end-to-end test');
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  page.setDefaultTimeout(15_000);
  const logs: string[] = [];
  page.on('pageerror', (error) => logs.push(`pageerror: ${error.message}`));
  return { page, logs, close: chromium.close };
}
