import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { CLOCK, createRegistry, parseContext, toEscalationError, type EscalationError, type EscalationRegistry, type EscalationUser } from '@pillar/escalation-core';
import { createEscalationHandler, toNodeHandler } from '@pillar/escalation-server';
import { CONSOLE_COMMANDS, createAgentConsole, type AgentConsole, type ConsoleCommand } from './agent-console';
import { bundleApp } from './bundle';
import { createInboxStore, type InboxStore } from './inbox-adapter';
import { renderInboxPage } from './inbox-page';
import { renderAppPage } from './page';
import { PLACEHOLDER_INTERCOM_APP_ID, PREVIEW_PATH, type DemoPageConfig } from './page-config';
import { serverOptions, type DemoEnv, type ServerOptionMode } from './server-options';
import { CLOCK_OFFSET_COOKIE, DEMO_USERS, isDemoUserId, parseClockOffset, readCookie, USER_COOKIE } from './users';
import { webhookSecrets, type DemoWebhookSecrets } from './webhook-secrets';

export interface StartDemoOptions {
  /** Port to listen on; `0` picks a free one. @defaultValue 5173 */
  port?: number;
  /** Host to listen on. @defaultValue '127.0.0.1' */
  host?: string;
  /** Where the local inbox keeps its JSON file. @defaultValue `<demo>/.inbox` */
  inboxDir?: string;
  /** The demo package's folder (holds src/ and tsconfig.json). @defaultValue found from the working directory */
  demoRoot?: string;
  /** Provider credentials and settings (see docs/demo.md). @defaultValue `process.env` */
  env?: DemoEnv;
  /** What the relay reports (a refused webhook, a failed delivery). @defaultValue one line on stderr */
  onRelayError?: (error: EscalationError) => void;
}

export interface RunningDemo {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Where each server option delivers: the inbox or a real account. */
  modes: ServerOptionMode[];
  inbox: InboxStore;
  /** The server-side registry (the relay's options). */
  registry: EscalationRegistry;
  /** The inbox's agent console (it sends the providers' signed webhooks to the relay). */
  console: AgentConsole;
  /** Where each provider's webhook secret comes from (the environment, or the demo's own). */
  webhooks: DemoWebhookSecrets['sources'];
  close(): Promise<void>;
}

export const ESCALATION_BASE_PATH = '/api/escalation';

/**
 * Chromium (and Firefox) never connect to port 9 (it is on their list of unsafe ports): the
 * Pillar SDK's requests fail at once, so it runs offline without waiting for timeouts.
 */
const OFFLINE_PILLAR_API = 'http://127.0.0.1:9';

const MAX_PREVIEW_BYTES = 1_048_576;
const MAX_CONSOLE_BYTES = 16_384;

/** Why the console did not send, shown on the inbox page (`/inbox?refused=<code>`). */
const CONSOLE_REFUSALS: Readonly<Record<string, string>> = {
  'empty-reply': 'A reply needs some text: nothing was sent.',
  'long-reply': 'A reply is at most 2,000 characters: nothing was sent.',
  'nothing-sent': 'Nothing was sent for this ticket yet, so there is nothing to send again.',
  'unknown-entry': 'There is no such entry in the inbox.',
  'bad-request': 'The console could not read that request.',
  'foreign-origin': 'The console takes requests from the inbox page only.',
};

/** `POST /inbox/<id>/console`: the console's form (`command`, `text`), or a refusal code. */
async function readConsoleForm(req: IncomingMessage): Promise<{ command: ConsoleCommand; text: string } | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CONSOLE_BYTES) return undefined;
    chunks.push(chunk);
  }
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const command = form.get('command');
  if (!CONSOLE_COMMANDS.includes(command as ConsoleCommand)) return undefined;
  return { command: command as ConsoleCommand, text: form.get('text') ?? '' };
}

/** `POST /demo/preview` (see PREVIEW_PATH): the server option's payload for a context, delivering nothing. */
async function serverPreview(registry: EscalationRegistry, req: IncomingMessage, user: EscalationUser): Promise<{ status: number; body: unknown }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PREVIEW_BYTES) return { status: 413, body: { error: { code: 'INVALID_CONTEXT', message: 'The body is over 1 MiB' } } };
    chunks.push(chunk);
  }
  try {
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { optionId?: unknown; context?: unknown };
    if (typeof input?.optionId !== 'string') return { status: 400, body: { error: { code: 'INVALID_CONTEXT', message: 'optionId must be a string' } } };
    const context = parseContext(input.context);
    return { status: 200, body: registry.preview(input.optionId, { ...context, user }) };
  } catch (error) {
    const e = error instanceof SyntaxError ? toEscalationError(error, 'INVALID_CONTEXT', 'The body is not JSON') : toEscalationError(error);
    return { status: e.code === 'UNKNOWN_OPTION' ? 404 : 400, body: { error: { code: e.code, message: e.message } } };
  }
}

/** The demo server's own "now": the page's clock override (the demo_clock_offset cookie) for this request, else the real time. */
const requestNow = new AsyncLocalStorage<Date | undefined>();

function nowFromCookie(header: string | undefined): Date | undefined {
  const offset = parseClockOffset(readCookie(header, CLOCK_OFFSET_COOKIE));
  return offset === undefined ? undefined : new Date(Date.now() + offset);
}

async function findDemoRoot(): Promise<string> {
  for (const candidate of [process.cwd(), join(process.cwd(), 'examples/demo')]) {
    try {
      const manifest = JSON.parse(await readFile(join(candidate, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === '@pillar/example-demo') return candidate;
    } catch {
      // Not here; try the next one.
    }
  }
  throw new Error('Cannot find examples/demo: run from the repository root or examples/demo, or pass demoRoot');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Starts the demo: bundles the browser app from the packages' sources, and serves it with the
 * Pillar SDK, the server relay at /api/escalation, and the local inbox at /inbox.
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const env = options.env ?? process.env;
  const host = options.host ?? '127.0.0.1';
  const demoRoot = options.demoRoot ?? (await findDemoRoot());
  const inbox = createInboxStore(options.inboxDir ?? join(demoRoot, '.inbox'));
  let origin = '';

  // Server side: the options behind the relay, delivering to real accounts or the inbox.
  const { options: relayOptions, modes } = serverOptions(env, inbox, () => `${origin}/inbox`);
  const scope = container.createChildContainer();
  scope.register(CLOCK, { useValue: { now: () => requestNow.getStore() ?? new Date() } });
  const registry = createRegistry({ options: relayOptions, container: scope });
  // The demo's "session": the user the page switched to. A real app reads its own session here;
  // the gates then see what the server knows, never what the browser claims.
  const identify = (cookie: string | null | undefined): EscalationUser => {
    const id = readCookie(cookie, USER_COOKIE);
    return DEMO_USERS[isDemoUserId(id) ? id : 'free'].user;
  };
  // Hearing back: the providers' signed webhooks, one lifecycle, and its SSE stream for the page.
  const secrets = webhookSecrets(env);
  const handler = createEscalationHandler({
    registry,
    basePath: ESCALATION_BASE_PATH,
    identify: (request: Request) => identify(request.headers.get('cookie')),
    webhooks: secrets.webhooks,
    // The page shows the agent's public reply (the status surface's showReplies): the demo's
    // users have example.com addresses, so the page is the only place they could read it.
    lifecycle: { replyText: true },
    // One line per report: a forged webhook reads "NOT_ALLOWED: zendesk webhook refused: signature mismatch".
    onError: options.onRelayError ?? ((error) => console.error(`[relay] ${error.code}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`)),
  });
  const relayNode = toNodeHandler(handler);
  const agentConsole = createAgentConsole({ secrets: secrets.webhooks, relayUrl: () => `${origin}${ESCALATION_BASE_PATH}` });

  const sdkFile = join(demoRoot, 'node_modules/@pillar-ai/sdk/dist/pillar.esm.js');
  const [app, sdkJs] = await Promise.all([bundleApp(demoRoot), readFile(sdkFile)]);
  const intercomAppId = env.INTERCOM_APP_ID?.trim();
  const pageConfig = (): DemoPageConfig => ({
    pillarApiBaseUrl: OFFLINE_PILLAR_API,
    escalationEndpoint: ESCALATION_BASE_PATH,
    intercom: {
      appId: intercomAppId || PLACEHOLDER_INTERCOM_APP_ID,
      real: Boolean(intercomAppId),
      widgetTimeoutMs: intercomAppId ? 4_000 : 1_500,
      region: (['us', 'eu', 'au'] as const).find((r) => r === env.INTERCOM_REGION?.trim()) ?? 'us',
    },
    calendly: { url: env.CALENDLY_URL?.trim() || 'https://calendly.com/acme-demo/support-call', widgetTimeoutMs: 3_000 },
    community: { baseUrl: env.DISCOURSE_URL?.trim() || 'https://community.example.com', category: 'support' },
    serverModes: modes,
  });
  const appHtml = renderAppPage(pageConfig());

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
    if (path === ESCALATION_BASE_PATH || path.startsWith(`${ESCALATION_BASE_PATH}/`)) {
      await requestNow.run(nowFromCookie(req.headers.cookie), () => relayNode(req, res));
      return;
    }
    const consolePath = /^\/inbox\/([^/]+)\/console$/.exec(path);
    if (consolePath) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
      const back = (id: string, refused?: string) => {
        res.writeHead(303, { Location: `/inbox${refused ? `?refused=${refused}` : ''}#${encodeURIComponent(id)}`, 'Cache-Control': 'no-store' });
        res.end();
      };
      let id: string;
      try {
        id = decodeURIComponent(consolePath[1]!);
      } catch {
        return send(res, 400, 'text/plain; charset=utf-8', 'Bad entry id\n');
      }
      // A form on another site cannot drive the console: browsers send Origin with every POST.
      const from = req.headers.origin;
      if (from !== undefined && from !== origin) return back(id, 'foreign-origin');
      const form = await readConsoleForm(req);
      if (!form) return back(id, 'bad-request');
      const entry = (await inbox.list()).find((e) => e.id === id);
      if (!entry) return back(id, 'unknown-entry');
      const outcome = await agentConsole.send(entry, form.command, form.text);
      if ('refused' in outcome) return back(id, outcome.refused);
      return back(id);
    }
    if (path === PREVIEW_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
      const answer = await serverPreview(registry, req, identify(req.headers.cookie));
      return send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    // The page's scripts: /app.js, and the chunks it loads on use (/chunks/escalation-*.js).
    const script = app.files.get(path);
    if (script !== undefined) return send(res, 200, 'text/javascript; charset=utf-8', script);
    switch (path) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', appHtml);
      case '/vendor/pillar-sdk.js':
        return send(res, 200, 'text/javascript; charset=utf-8', sdkJs);
      case '/inbox': {
        const refused = new URL(req.url ?? '/', 'http://demo.invalid').searchParams.get('refused');
        const view = (entry: Parameters<AgentConsole['providerOf']>[0]) => ({ provider: agentConsole.providerOf(entry), ticket: agentConsole.ticket(entry.id) });
        return send(res, 200, 'text/html; charset=utf-8', renderInboxPage(await inbox.list(), inbox.file, view, refused ? CONSOLE_REFUSALS[refused] : undefined));
      }
      case '/inbox.json':
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await inbox.list(), null, 2));
      case '/favicon.ico':
        res.writeHead(204).end();
        return;
      default:
        return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // Errors are shown as they are, and the server keeps serving.
      console.error('[demo]', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Demo server error: ${(error as Error).message}\n`);
      else res.destroy();
    });
  });
  await listen(server, options.port ?? 5173, host);
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;

  return {
    url: origin,
    port,
    modes,
    inbox,
    registry,
    console: agentConsole,
    webhooks: secrets.sources,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
