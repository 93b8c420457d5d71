// The demo app's browser code, as an app would write it: at page load only the tabs (their ids,
// labels, icons, order and gates) and the sidebar binding (`@pillar/escalation-core/sidebar`);
// the registry, the adapters, the relay client and the status surface are in ./escalation.ts,
// which loads when the browser is idle, when the pointer nears the sidebar, or at the first
// click. Bundled at startup by the demo server (src/bundle.ts), with code splitting.
import { DEFAULT_SIDEBAR_TABS, Pillar, type SidebarTabConfig } from '@pillar-ai/sdk';
import type { EscalationError, PillarChatExtra } from '@pillar/escalation-core';
import { connectPillarLazily, isWithinBusinessHours, nextOpening, sidebarTabs, type PillarLike, type SidebarTab } from '@pillar/escalation-core/sidebar';
import { SEEDED_MESSAGES } from '../conversation';
import { fromWallTime, SUPPORT_HOURS, SUPPORT_HOURS_LABEL, toWallTime } from '../hours';
import type { DemoPageConfig } from '../page-config';
import { CLOCK_OFFSET_COOKIE, DEMO_USERS, isDemoUserId, parseClockOffset, readCookie, USER_COOKIE, type DemoUserId } from '../users';
import { h } from './dom';
import { EscalationCard } from './log';
import { hasStatusToResume, listLifecycleEvents } from './status';
import { watchTabs } from './tab-watch';
import { DEMO_TABS, labelOf } from './tabs';

const conversation = { conversationId: `demo-${Math.random().toString(36).slice(2, 10)}`, messages: SEEDED_MESSAGES };
const config = JSON.parse(document.getElementById('demo-config')!.textContent!) as DemoPageConfig;

const state: { user: DemoUserId; offsetMs: number | undefined; seeded: boolean } = {
  user: ((value) => (isDemoUserId(value) ? value : 'free'))(readCookie(document.cookie, USER_COOKIE)),
  offsetMs: parseClockOffset(readCookie(document.cookie, CLOCK_OFFSET_COOKIE)),
  seeded: true,
};

// The clock the gates read: the override when set (running on from the time set), else the
// real time. The server reads the same offset from the demo_clock_offset cookie, so both
// sides agree on "now", and the status surface's "time since the click" stays real.
const clock = { now: () => (state.offsetMs === undefined ? new Date() : new Date(Date.now() + state.offsetMs)) };

function setCookie(name: string, value: string | undefined): void {
  document.cookie = value === undefined ? `${name}=; path=/; max-age=0; samesite=strict` : `${name}=${encodeURIComponent(value)}; path=/; samesite=strict`;
}
setCookie(USER_COOKIE, state.user);

/** What the app knows besides the conversation: who is signed in and where they are. */
function appContext(): PillarChatExtra {
  return { user: DEMO_USERS[state.user].user, page: { url: location.href, title: document.title } };
}

/** The tabs this user may see now: the gates of ./tabs.ts, no registry needed. */
function tabsNow(): Promise<SidebarTab[]> {
  return sidebarTabs(DEMO_TABS, { conversationId: null, messages: [], ...appContext() }, clock.now());
}

const log = document.getElementById('log')!;
const status = document.getElementById('status')!;

/**
 * The escalation code could not be loaded (offline, blocked, or deployed away):
 * `PROVIDER_UNAVAILABLE`, shown as every other failure is (a card in "What happened", a line
 * where the status surface would be). The next click tries again; Chromium keeps a failed
 * module fetch for the page's lifetime, so there it takes a reload.
 */
function escalationUnavailable(error: EscalationError, tabId: string): void {
  const card = new EscalationCard(labelOf, tabId, 'sidebar tab');
  log.prepend(card.element);
  card.failed(error);
  status.querySelector('[data-testid="status-unavailable"]')?.remove();
  status.prepend(h('p', { class: 'error', role: 'alert', 'data-testid': 'status-unavailable' }, `Support could not be reached (${error.code}): please try again, or reload the page if it keeps failing.`));
}

// ---- Pillar ----------------------------------------------------------------------------------

let disconnect: (() => void) | undefined;
const tabsList = document.getElementById('tabs-now')!;

/**
 * Offline, Pillar has no backend and so no conversation: `getChatContext()` returns null. The
 * page then hands the seeded conversation to the escalation in its place (shown on the page).
 */
function chatSource(pillar: Pillar): PillarLike {
  return {
    on: (event, callback) => pillar.on(event, callback),
    getChatContext: () => pillar.getChatContext() ?? (state.seeded ? conversation : null),
  };
}

/** Pillar reads `sidebarTabs` only at init: (re)initialise it with the tabs this user may see now. */
async function mountPillar(tabs: readonly SidebarTab[]): Promise<void> {
  disconnect?.();
  disconnect = undefined;
  if (Pillar.getInstance()) Pillar.destroy();
  const assistant = DEFAULT_SIDEBAR_TABS;
  const after = Math.max(0, ...assistant.map((tab) => tab.order)) + 1;
  const configured: SidebarTabConfig[] = [...assistant, ...tabs.map((tab) => ({ ...tab, order: after + tab.order }))];
  const pillar = await Pillar.init({
    productKey: 'pillar-escalation-demo',
    apiBaseUrl: config.pillarApiBaseUrl,
    sidebarTabs: configured,
    suggestions: { enabled: false },
    textSelection: { enabled: false },
  });
  disconnect = connectPillarLazily(chatSource(pillar), {
    tabs: DEMO_TABS.map((tab) => tab.id),
    load: (sdk) =>
      import('./escalation').then((escalation) => {
        const off = escalation.connect(sdk, { config, clock, appContext, log, pillar });
        status.querySelector('[data-testid="status-unavailable"]')?.remove();
        return off;
      }),
    // A reload while the surface follows an escalation: load at once, so it shows again without waiting for an idle moment.
    prefetch: hasStatusToResume() ? { idleTimeoutMs: 1 } : true,
    onError: (error, source) => escalationUnavailable(error, source.tabId),
  });
  tabsList.replaceChildren(...tabs.map((tab) => h('li', { 'data-tab': tab.id }, tab.label)));
  document.body.dataset.tabs = tabs.map((tab) => tab.id).join(' ');
}

// ---- Controls --------------------------------------------------------------------------------

const hoursStatus = document.getElementById('hours-status')!;
const nowInput = document.getElementById('now-input') as HTMLInputElement;

function renderHours(): void {
  const at = clock.now();
  const open = isWithinBusinessHours(SUPPORT_HOURS, at);
  const next = open ? undefined : nextOpening(SUPPORT_HOURS, at);
  const wall = toWallTime(at, SUPPORT_HOURS.timeZone).replace('T', ' ');
  hoursStatus.dataset.open = String(open);
  hoursStatus.textContent = `${state.offsetMs !== undefined ? 'Clock override' : 'Real time'}: ${wall} in New York. Support hours are ${SUPPORT_HOURS_LABEL}: ${
    open ? 'open, so “Talk to Support” is offered.' : `closed, so “Leave a message” is offered instead${next ? ` (opens ${toWallTime(next, SUPPORT_HOURS.timeZone).replace('T', ' ')})` : ''}.`
  }`;
  if (document.activeElement !== nowInput) nowInput.value = toWallTime(at, SUPPORT_HOURS.timeZone);
}

function renderConversation(): void {
  const list = document.getElementById('conversation')!;
  list.replaceChildren(
    ...(state.seeded
      ? conversation.messages.map((message) => h('li', { class: message.role }, h('strong', {}, message.role === 'user' ? 'User' : 'Assistant'), ' ', message.content))
      : [h('li', { class: 'none' }, 'No conversation: the escalation carries only who the user is and the page.')]),
  );
}

let watch: ReturnType<typeof watchTabs> | undefined;

async function changed(): Promise<void> {
  setCookie(USER_COOKIE, state.user);
  setCookie(CLOCK_OFFSET_COOKIE, state.offsetMs?.toString());
  renderHours();
  await watch?.refresh();
}

for (const input of document.querySelectorAll<HTMLInputElement>('input[name="user"]')) {
  input.checked = input.value === state.user;
  input.addEventListener('change', () => {
    if (input.checked && isDemoUserId(input.value)) {
      state.user = input.value;
      void changed();
    }
  });
}

nowInput.addEventListener('change', () => {
  const at = fromWallTime(nowInput.value, SUPPORT_HOURS.timeZone);
  if (!at) return;
  state.offsetMs = at.getTime() - Date.now();
  void changed();
});
document.getElementById('now-real')!.addEventListener('click', () => {
  state.offsetMs = undefined;
  nowInput.blur();
  void changed();
});
const seeded = document.getElementById('seeded') as HTMLInputElement;
seeded.addEventListener('change', () => {
  state.seeded = seeded.checked;
  renderConversation();
});

// ---- Boot ------------------------------------------------------------------------------------

async function boot(): Promise<void> {
  listLifecycleEvents(document.getElementById('lifecycle-log')!);
  renderHours();
  renderConversation();
  setCookie(CLOCK_OFFSET_COOKIE, state.offsetMs?.toString());
  const initial = await tabsNow();
  await mountPillar(initial);
  watch = watchTabs({
    tabs: tabsNow,
    initial,
    // Re-check every minute so real time crossing 09:00 or 17:00 shows. A re-init clears Pillar's
    // own conversation; offline there is none (the page supplies the seeded one), so the demo can.
    intervalMs: 60_000,
    onChange: mountPillar,
    onError: (error) => log.prepend(h('p', { class: 'error' }, `Could not refresh the sidebar tabs: ${describe(error)}`)),
  });
  // Real time moves on: keep the hours line current.
  setInterval(renderHours, 30_000);
  document.body.dataset.ready = 'true';
}

/** An error as "CODE: message" (an EscalationError's code, when it has one). */
function describe(error: unknown): string {
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'ERROR';
  return `${code}: ${error instanceof Error ? error.message : String(error)}`;
}

boot().catch((error: unknown) => {
  document.body.dataset.ready = 'error';
  log.prepend(h('p', { class: 'error', 'data-testid': 'boot-error' }, `The demo could not start: ${describe(error)}`));
});
