/**
 * The status-surface page: core, the status entry and in-page adapters for every outcome, plus
 * the real relay adapter against the test server's relay (which streams the lifecycle as
 * `@pillar/escalation-server` does). The test drives it through `window.statusE2E`.
 */
// This page imports tsyringe itself (for a fixed clock), so it loads a Reflect polyfill first, as such an app would.
import 'reflect-metadata';
import { container } from 'tsyringe';
import { businessHours, CLOCK, createRegistry, EscalationError, relay, type Delivery, type EscalationAdapter, type EscalationOption, type EscalationRegistry } from '@pillar/escalation-core';
import { showEscalationStatus, type EscalationStatusHandle, type StatusLifecycleEvent, type StatusResolvedEvent } from '@pillar/escalation-core/status';

/** What the page records for the test. */
export interface StatusE2EState {
  lifecycle: StatusLifecycleEvent[];
  resolved: StatusResolvedEvent[];
  pillarOpened: unknown[];
  unhandled: string[];
}

/** The test's handle on the page. */
export interface StatusE2EApi {
  /** Mounts the surface (after a reload too: it resumes what sessionStorage kept). */
  mount(options?: { locale?: string; showReplies?: boolean; inline?: boolean }): void;
  /** Escalates to one option of the page (see `options` in status.ts). */
  run(optionId: string, user?: { email?: string; locale?: string; timeZone?: string }): void;
  /** Lets the pending "slow" delivery finish. */
  release(): void;
  /** What Calendly's embed posts when the invitee booked. */
  booked(): void;
  state: StatusE2EState;
}

declare global {
  interface Window {
    statusE2E: StatusE2EApi;
  }
}

const state: StatusE2EState = { lifecycle: [], resolved: [], pillarOpened: [], unhandled: [] };
window.addEventListener('unhandledrejection', (event) => state.unhandled.push(`unhandledrejection: ${String(event.reason)}`));
window.addEventListener('error', (event) => state.unhandled.push(`error: ${event.message}`));

/** An in-page adapter whose delivery is `deliver`. */
function local(kind: string, deliver: () => Promise<Delivery> | Delivery): EscalationAdapter {
  return { kind, runtime: 'browser', toPayload: (context) => ({ conversationId: context.conversationId }), deliver: async () => deliver() };
}

let release: () => void = () => undefined;
const weekdays = [['09:00', '17:00']] as const;
const hours = businessHours({ timeZone: 'America/New_York', weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } });

const options: EscalationOption[] = [
  { id: 'chat', label: 'Live chat', adapter: local('intercom-messenger', () => ({ status: 'opened' })) },
  { id: 'ticket', label: 'Email support', adapter: relay({ endpoint: '/api/escalation', optionId: 'ticket' }) },
  {
    id: 'blocked-chat',
    label: 'Live chat (blocked)',
    adapter: local('intercom-messenger', () => {
      throw new EscalationError('PROVIDER_UNAVAILABLE', 'the Messenger did not load within 800 ms (blocked?)');
    }),
    fallback: ['ticket'],
  },
  {
    id: 'refused',
    label: 'Priority ticket',
    adapter: local('zendesk-ticket', () => {
      throw new EscalationError('PROVIDER_REJECTED', 'Zendesk refused the requester');
    }),
  },
  { id: 'after-hours', label: 'Phone support', adapter: local('acme-phone', () => ({ status: 'opened' })), when: hours },
  {
    id: 'lost',
    label: 'Account ticket',
    adapter: local('zendesk-ticket', () => {
      throw new EscalationError('TIMEOUT', 'no answer within 15 s', { details: { ambiguous: true } });
    }),
  },
  { id: 'call', label: 'Schedule a call', adapter: local('calendly-scheduling', () => ({ status: 'opened' })) },
  { id: 'forum', label: 'Community forum', adapter: local('community-redirect', () => ({ status: 'redirected', reference: { url: 'https://forum.example.com/new-topic' } })) },
  { id: 'slow', label: 'Live chat (slow)', adapter: local('intercom-messenger', () => new Promise<Delivery>((resolve) => (release = () => resolve({ status: 'opened' })))) },
];

// Saturday 10:00 in New York: "Phone support" is closed until Monday 09:00.
const child = container.createChildContainer();
child.register(CLOCK, { useValue: { now: () => new Date('2026-12-12T15:00:00Z') } });
const registry: EscalationRegistry = createRegistry({ container: child, options });

let handle: EscalationStatusHandle | undefined;
let runs = 0;

window.statusE2E = {
  state,
  mount(mountOptions = {}) {
    handle?.detach();
    handle = showEscalationStatus(registry, {
      follow: '/api/escalation',
      timeZone: 'America/New_York',
      pillar: { open: (o) => state.pillarOpened.push(o) },
      onLifecycle: (event) => state.lifecycle.push(event),
      onResolved: (event) => state.resolved.push(event),
      ...mountOptions,
    });
  },
  run(optionId, user = {}) {
    runs += 1;
    const context = {
      conversationId: `conv-${crypto.randomUUID()}-${runs}`,
      messages: [
        { role: 'user' as const, content: 'I was charged twice for order 4411' },
        { role: 'assistant' as const, content: 'I cannot issue refunds; a person on the billing team can.' },
      ],
      user: { id: 'u-ada', email: 'ada@example.com', locale: 'en', ...user },
    };
    registry.escalate(optionId, context).catch(() => undefined);
  },
  release: () => release(),
  booked() {
    // Calendly's embed posts this from https://calendly.com; a synthetic event carries that origin.
    window.dispatchEvent(new MessageEvent('message', { origin: 'https://calendly.com', data: { event: 'calendly.event_scheduled', payload: {} } }));
  },
};
