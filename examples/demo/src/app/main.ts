// The demo app's browser code: one registry, the real Pillar sidebar, and panels that show
// what each escalation did. Bundled at startup by the demo server (src/bundle.ts).
import 'reflect-metadata';
import { DEFAULT_SIDEBAR_TABS, Pillar, type SidebarTabConfig } from '@pillar-ai/sdk';
import { container } from 'tsyringe';
import {
  CLOCK,
  connectPillar,
  createRegistry,
  fromPillarChat,
  isWithinBusinessHours,
  nextOpening,
  toEscalationError,
  watchSidebarTabs,
  type DisconnectPillar,
  type EscalationContext,
  type EscalationError,
  type EscalationPreview,
  type EscalationResult,
  type EscalationSource,
  type PillarChatExtra,
  type PillarLike,
  type RelayPayload,
  type SidebarTab,
} from '@pillar/escalation-core';
import { SEEDED_MESSAGES } from '../conversation';
import { fromWallTime, SUPPORT_HOURS, SUPPORT_HOURS_LABEL, toWallTime } from '../hours';
import { PREVIEW_PATH, type DemoPageConfig } from '../page-config';
import { CLOCK_OFFSET_COOKIE, DEMO_USERS, isDemoUserId, parseClockOffset, readCookie, USER_COOKIE, type DemoUserId } from '../users';
import { h } from './dom';
import { EscalationCard } from './log';
import { browserOptions } from './options';
import { demoStatusOptions, listLifecycleEvents } from './status';

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
const scope = container.createChildContainer();
scope.register(CLOCK, { useValue: clock });
const registry = createRegistry({ options: browserOptions(config), container: scope });
const labelOf = (optionId: string) => registry.get(optionId)?.label ?? optionId;

function setCookie(name: string, value: string | undefined): void {
  document.cookie = value === undefined ? `${name}=; path=/; max-age=0; samesite=strict` : `${name}=${encodeURIComponent(value)}; path=/; samesite=strict`;
}
setCookie(USER_COOKIE, state.user);

/** What the app knows besides the conversation: who is signed in and where they are. */
function appContext(): PillarChatExtra {
  return { user: DEMO_USERS[state.user].user, page: { url: location.href, title: document.title } };
}

// ---- The "What happened" panel -------------------------------------------------------------

const log = document.getElementById('log')!;
let card: EscalationCard | undefined;

function previewInto(target: EscalationCard, optionId: string, context: EscalationContext): void {
  try {
    const preview = registry.preview(optionId, context);
    target.preview(preview);
    if (preview.kind === 'relay') void serverPreviewInto(target, preview.payload as RelayPayload);
  } catch (error) {
    const e = toEscalationError(error);
    target.preview({ optionId, error: `${e.code}: ${e.message}` });
  }
}

/** Behind a relay option: what the server's adapter would send for the same context (the demo server's /demo/preview). */
async function serverPreviewInto(target: EscalationCard, payload: RelayPayload): Promise<void> {
  const optionId = payload.optionId ?? '?';
  try {
    const response = await fetch(PREVIEW_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    const body = (await response.json()) as EscalationPreview | { error: { code: string; message: string } };
    if ('error' in body) target.preview({ optionId, error: `${body.error.code}: ${body.error.message}` }, 'server');
    else target.preview(body, 'server');
  } catch (error) {
    target.preview({ optionId, error: `The server preview failed: ${(error as Error).message}` }, 'server');
  }
}

let lastContext: EscalationContext | undefined;

registry.on('escalation:start', ({ optionId, context, idempotencyKey }) => {
  lastContext = context;
  card = new EscalationCard(labelOf, optionId, `sidebar tab · key ${idempotencyKey}`);
  log.prepend(card.element);
  card.event(
    context.messages.length
      ? `Context: ${context.messages.length} messages of conversation ${context.conversationId ?? '(none)'}, user ${context.user?.name ?? '?'} (${context.user?.plan ?? 'no plan'}).`
      : `Context: no conversation (Pillar's getChatContext() gave none), user ${context.user?.name ?? '?'}.`,
  );
  previewInto(card, optionId, context);
});

registry.on('escalation:fallback', ({ from, to, error }) => {
  if (!card) return;
  card.event(`“${labelOf(from)}” failed with ${error.code}: ${error.message}`, 'error');
  card.event(`Falling back to “${labelOf(to)}” with the same context.`, 'warn');
  // The fallback's payload, built from the same context.
  if (lastContext) previewInto(card, to, lastContext);
});

function onEscalated(result: EscalationResult): void {
  card?.delivered(result);
  card = undefined;
}

function onError(error: EscalationError, source: EscalationSource): void {
  // A failure before the registry started (e.g. no option for the tab) has no card yet.
  const target = card ?? new EscalationCard(labelOf, source.optionId ?? source.tabId ?? '?', 'sidebar tab');
  if (!card) log.prepend(target.element);
  target.failed(error);
  card = undefined;
}

// ---- Pillar ----------------------------------------------------------------------------------

let disconnect: DisconnectPillar | undefined;
const tabsNow = document.getElementById('tabs-now')!;

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
  const sidebarTabs: SidebarTabConfig[] = [...assistant, ...tabs.map((tab) => ({ ...tab, order: after + tab.order }))];
  const pillar = await Pillar.init({
    productKey: 'pillar-escalation-demo',
    apiBaseUrl: config.pillarApiBaseUrl,
    sidebarTabs,
    suggestions: { enabled: false },
    textSelection: { enabled: false },
  });
  // `status`: the surface the user sees after the click, following the relay's lifecycle (SSE).
  disconnect = connectPillar(chatSource(pillar), registry, { getContext: appContext, clock, onEscalated, onError, status: demoStatusOptions(config.escalationEndpoint, pillar) });
  tabsNow.replaceChildren(...tabs.map((tab) => h('li', { 'data-tab': tab.id }, tab.label)));
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

let watch: ReturnType<typeof watchSidebarTabs> | undefined;

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
  const initial = await registry.sidebarTabs(fromPillarChat(null, appContext()), clock.now());
  await mountPillar(initial);
  watch = watchSidebarTabs(registry, {
    getContext: appContext,
    initial,
    clock,
    // Re-check every minute so real time crossing 09:00 or 17:00 shows. A re-init clears Pillar's
    // own conversation; offline there is none (the page supplies the seeded one), so the demo can.
    intervalMs: 60_000,
    onChange: mountPillar,
    onError: (error) => log.prepend(h('p', { class: 'error' }, `Could not refresh the sidebar tabs: ${error.code}: ${error.message}`)),
  });
  // Real time moves on: keep the hours line current.
  setInterval(renderHours, 30_000);
  document.body.dataset.ready = 'true';
}

boot().catch((error: unknown) => {
  const e = toEscalationError(error);
  document.body.dataset.ready = 'error';
  log.prepend(h('p', { class: 'error', 'data-testid': 'boot-error' }, `The demo could not start: ${e.code}: ${e.message}`));
});
