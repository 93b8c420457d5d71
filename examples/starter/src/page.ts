// page.ts: the app's own routes: the page, its bundle (built once by esbuild), who is signed in.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { currentUser, sessionCookie, USERS } from './session';

/** What the page passes to `Pillar.init`. */
export interface PillarConfig {
  /** Your Pillar product key. */
  productKey: string;
  /** Pillar's API, when not its default (tests point it at a closed loopback port to stay offline). */
  apiBaseUrl?: string;
}

/** The page's scripts by URL path: `/app.js`, and the chunks it loads on use. */
export type BrowserBundle = ReadonlyMap<string, string>;

/** Bundles `src/browser.ts` with the Pillar SDK: `/app.js`, and what it imports on use split into `/chunks/*.js`. */
export async function bundleBrowser(appDir: string): Promise<BrowserBundle> {
  const outdir = join(appDir, 'dist-browser');
  const result = await build({
    entryPoints: { app: join(appDir, 'src', 'browser.ts') },
    tsconfig: join(appDir, 'tsconfig.json'),
    bundle: true,
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [`/${relative(outdir, file.path).split(sep).join('/')}`, file.text]));
}

function html(config: PillarConfig): string {
  // JSON inside <script>: `<` escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const accounts = Object.values(USERS)
    .map((user) => `<a href="/sign-in?user=${user.id}">${user.name} (${user.plan} plan)</a>`)
    .join(' · ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Acme: billing</title>
    <script type="application/json" id="pillar-config">${json}</script>
    <script type="module" src="/app.js"></script>
  </head>
  <body>
    <main>
      <h1>Acme: billing</h1>
      <p>Sign in as ${accounts}, then open Pillar's sidebar and pick a way to reach support.</p>
      <p id="support-status" role="status" aria-live="polite"></p>
    </main>
  </body>
</html>`;
}

/** A node:http handler for the page, its scripts, `/api/me` and `/sign-in?user=`. */
export function pageHandler(bundle: BrowserBundle, config: PillarConfig): (req: IncomingMessage, res: ServerResponse) => void {
  const page = html(config);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'Method not allowed', { allow: 'GET' });
    if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', page);
    const script = bundle.get(url.pathname);
    if (script !== undefined) return send(200, 'text/javascript; charset=utf-8', script);
    if (url.pathname === '/api/me') {
      const user = currentUser(req.headers.cookie);
      return user ? send(200, 'application/json', JSON.stringify(user)) : send(401, 'application/json', '{"error":"not signed in"}');
    }
    const id = url.searchParams.get('user');
    if (url.pathname === '/sign-in' && id !== null && Object.hasOwn(USERS, id)) {
      return send(303, 'text/plain', 'Signed in', { location: '/', 'set-cookie': sessionCookie(id) });
    }
    send(404, 'text/plain', 'Not found');
  };
}
