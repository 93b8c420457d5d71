import { join } from 'node:path';
import { closedPort, launchChromium, type ChromiumSession } from '../../../scripts/test-support/chromium';
import type { EscalationError } from '@pillar/escalation-core';
import { startFakeZendesk, type FakeZendesk } from '../src/fake-zendesk';
import { startServer, type StarterServer } from '../src/server';

/** The starter's directory (holds src/browser.ts and tsconfig.json). */
export const APP_DIR = join(__dirname, '..');

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
export function openChromium(): Promise<ChromiumSession> {
  return launchChromium("The starter's browser test");
}
