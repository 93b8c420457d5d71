import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { EscalationError } from '@pillar/escalation-core';
import { startFakeZendesk, type FakeZendesk } from '../src/fake-zendesk';
import { startServer, type StarterServer } from '../src/server';

/** The starter's directory (holds src/browser.ts and tsconfig.json). */
export const APP_DIR = join(__dirname, '..');

/** Debian's chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium as root on a small machine (see TOOLCHAIN.md). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A port nothing listens on: Pillar's API calls fail at once, as offline. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The starter as `pnpm start` runs it in dev: the fake Zendesk, and the app pointed at it. */
export interface RunningStarter {
  app: StarterServer;
  zendesk: FakeZendesk;
  /** What the server logged: every failure the browser saw only a generic message for. */
  errors: EscalationError[];
  close(): Promise<void>;
}

export async function startStarter(): Promise<RunningStarter> {
  const zendesk = await startFakeZendesk();
  const errors: EscalationError[] = [];
  try {
    const app = await startServer({
      appDir: APP_DIR,
      zendesk: { subdomain: 'acme', auth: { email: 'agent@example.com', apiToken: 'test-token' }, baseUrl: zendesk.baseUrl },
      pillar: { productKey: 'starter-test', apiBaseUrl: `http://127.0.0.1:${await closedPort()}` },
      port: 0,
      onError: (error) => void errors.push(error),
    });
    return { app, zendesk, errors, close: async () => void (await Promise.all([app.close(), zendesk.close()])) };
  } catch (error) {
    await zendesk.close();
    throw error;
  }
}

/** A fresh headless Chromium with its own profile; fails (never skips) when Chromium is missing. */
export async function openChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The starter's browser test needs Chromium at ${CHROMIUM_PATH}, and it is not there. ` +
        'Install it with `apt-get install -y chromium` (or run `pnpm setup:test`), or set CHROMIUM_PATH to a Chromium binary. This test never skips.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'starter-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
