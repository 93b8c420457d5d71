/**
 * The end-to-end page: the real Pillar SDK (loaded through an import map, not bundled), core,
 * connectPillar and the recording provider fakes. The test drives it through `window.e2e`.
 */
import 'reflect-metadata';
import { Pillar } from '@pillar-ai/sdk';
import {
  connectPillar,
  createRegistry,
  escalationTool,
  plans,
  watchSidebarTabs,
  type DisconnectPillar,
  type EscalationRegistry,
  type EscalationUser,
  type SidebarTab,
  type SidebarTabsWatch,
} from '@pillar/escalation-core';
import { installCalendlyFake, installIntercomFake, type CalendlyFake, type IntercomFake } from '@pillar/escalation-testkit/fakes';
import { calendlyPopup, intercomChat, ticketPost } from './adapters';
import type { BootOptions, E2EApi, E2EState } from './types';

const apiBaseUrl = new URLSearchParams(location.search).get('api');
if (!apiBaseUrl) throw new Error('the page needs ?api=<closed loopback URL>');

const state: E2EState = { results: [], errors: [], events: [], unhandled: [], inits: 0 };
window.addEventListener('unhandledrejection', (event) => state.unhandled.push(`unhandledrejection: ${String(event.reason)}`));
window.addEventListener('error', (event) => state.unhandled.push(`error: ${event.message}`));

let user: EscalationUser = {};
let pillar: Pillar | undefined;
let registry: EscalationRegistry | undefined;
let disconnect: DisconnectPillar | undefined;
let watch: SidebarTabsWatch | undefined;
let intercom: IntercomFake | undefined;
let calendly: CalendlyFake | undefined;

const appContext = () => ({ user, page: { url: location.href, title: document.title } });

function buildRegistry(): EscalationRegistry {
  const built = createRegistry([
    { id: 'support', label: 'Talk to Support', icon: 'support', order: 1, adapter: intercomChat({ loadTimeoutMs: 800 }), fallback: ['ticket'] },
    { id: 'call', label: 'Schedule a call', icon: 'calendar', order: 2, adapter: calendlyPopup('https://calendly.com/acme/support'), when: plans(['pro', 'enterprise']) },
    { id: 'ticket', label: 'Email support', icon: 'mail', order: 3, adapter: ticketPost('/tickets') },
  ]);
  built.on('escalation:start', (e) => state.events.push({ type: 'start', optionId: e.optionId }));
  built.on('escalation:fallback', (e) => state.events.push({ type: 'fallback', from: e.from, to: e.to, code: e.error.code }));
  built.on('escalation:failure', (e) => state.events.push({ type: 'failure', optionId: e.optionId, code: e.error.code }));
  return built;
}

// One tool for every Pillar instance the page creates (re-initialised at sign-in).
const tool = escalationTool({ routes: { billing: ['ticket'], bug: ['support'] } });

/** Pillar reads sidebarTabs only at init: (re)initialise it with these tabs and connect the registry. */
async function start(tabs: readonly SidebarTab[]): Promise<void> {
  pillar = await Pillar.init({ productKey: 'e2e', apiBaseUrl: apiBaseUrl!, sidebarTabs: [...tabs], panel: { initialOpen: true } });
  state.inits += 1;
  disconnect = connectPillar(pillar, registry!, {
    getContext: appContext,
    tool,
    onEscalated: (result) => state.results.push(result),
    onError: (error, source) => state.errors.push({ code: error.code, message: error.message, via: source.via }),
  });
}

const api: E2EApi = {
  async boot(bootUser, options: BootOptions = {}) {
    user = bootUser;
    intercom = options.intercom === 'blocked' ? installIntercomFake({ mode: 'blocked' }) : installIntercomFake({ state: 'booted', bootSettings: { app_id: 'e2e' } });
    calendly = installCalendlyFake();
    registry = buildRegistry();
    const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], user });
    watch = watchSidebarTabs(registry, {
      initial: tabs,
      getContext: () => ({ user }),
      intervalMs: 0,
      onChange: async (next) => {
        disconnect?.();
        Pillar.destroy();
        await start(next);
      },
      onError: (error) => state.errors.push({ code: error.code, message: error.message, via: 'watch' }),
    });
    await start(tabs);
    return tabs.map((tab) => tab.id);
  },
  async signIn(nextUser) {
    user = nextUser;
    return ((await watch!.refresh()) ?? []).map((tab) => tab.id);
  },
  state,
  chat: () => pillar?.getChatContext() ?? null,
  callTool: async (name, input) => {
    const handler = pillar?.getHandler(name);
    if (!handler) throw new Error(`Pillar has no handler for tool "${name}"`);
    return handler(input as Record<string, unknown>);
  },
  intercomComposer: () => intercom?.composer,
  intercomMethods: () => intercom?.methods() ?? [],
  calendlyPopup: () => calendly?.lastPopup(),
};
window.e2e = api;
