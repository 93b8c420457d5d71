import type { ServerOptionMode } from './server-options';

/** What the server tells the page (inlined as JSON into `/`). */
export interface DemoPageConfig {
  /** Where the Pillar SDK would reach its backend: a port nothing answers on, so it runs offline. */
  pillarApiBaseUrl: string;
  /** The relay endpoint of `@pillar/escalation-server`. */
  escalationEndpoint: string;
  intercom: {
    appId: string;
    /** `true` when INTERCOM_APP_ID names a real workspace. */
    real: boolean;
    widgetTimeoutMs: number;
    region: 'us' | 'eu' | 'au';
  };
  calendly: { url: string; widgetTimeoutMs: number };
  community: { baseUrl: string; category: string };
  /** Where each relay option delivers on the server. */
  serverModes: ServerOptionMode[];
}

/** Placeholder workspace id: the Messenger cannot boot with it, so "Talk to Support" shows its fallback. */
export const PLACEHOLDER_INTERCOM_APP_ID = 'demo0000';

/**
 * Demo only: what the server's option would send for a context (`registry.preview` on the
 * server, with the user as the server identifies them), so the page can show the provider's
 * payload behind a relay option. It delivers nothing.
 */
export const PREVIEW_PATH = '/demo/preview';
