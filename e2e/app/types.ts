import type { EscalationResult, EscalationUser, PillarChatContext } from '@pillar/escalation-core';

/** How the in-page Intercom fake behaves: it loads and boots, or never loads (an ad blocker). */
export type IntercomMode = 'normal' | 'blocked';

export interface BootOptions {
  intercom?: IntercomMode;
}

/** What the page records, for the test to read. */
export interface E2EState {
  results: EscalationResult[];
  errors: Array<{ code: string; message: string; via: string }>;
  events: Array<{ type: string; optionId?: string; from?: string; to?: string; code?: string }>;
  /** Unhandled rejections and uncaught errors on the page. */
  unhandled: string[];
  /** How many times Pillar was initialised (re-initialised when the tabs change). */
  inits: number;
}

/** The test drives the page through `window.e2e`. */
export interface E2EApi {
  /** Installs the provider fakes, builds the registry, inits Pillar with its tabs and connects them; resolves with the tab ids. */
  boot(user: EscalationUser, options?: BootOptions): Promise<string[]>;
  /** The user changed (e.g. upgraded): re-check the tabs and re-initialise Pillar when they differ. */
  signIn(user: EscalationUser): Promise<string[]>;
  state: E2EState;
  /** Pillar's own view of the conversation. */
  chat(): PillarChatContext | null;
  /** Calls a co-pilot tool through the SDK (`pillar.getHandler(name)`, the handler the SDK runs for the agent). */
  callTool(name: string, input: unknown): Promise<unknown>;
  /** The text the Intercom fake's new-message composer was opened with. */
  intercomComposer(): string | undefined;
  /** Method names the Intercom fake received. */
  intercomMethods(): string[];
  /** The last Calendly popup the fake opened. */
  calendlyPopup(): { url: string; prefill?: Record<string, unknown> } | undefined;
}

declare global {
  interface Window {
    e2e: E2EApi;
  }
}
