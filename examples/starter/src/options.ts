// options.ts: the ways to reach a human, declared once for the browser and the server.
import type { EscalationOption } from '@pillar/escalation-core';
import { plans } from '@pillar/escalation-core/sidebar';

/** Where the server mounts the relay, and where the browser's relay adapters post. */
export const RELAY_ENDPOINT = '/api/escalation';

/** An option without its adapter: the browser relays it, the server delivers it. */
export type SupportOption = Omit<EscalationOption, 'adapter'>;

/**
 * The same ids, labels, icons and gates on both sides: the sidebar shows a user only what the
 * server will accept from them, so a free user never gets a tab that ends in 403.
 */
export const supportOptions: readonly SupportOption[] = [
  { id: 'ticket', label: 'Email support', icon: 'mail' },
  { id: 'priority', label: 'Priority support', icon: 'support', when: plans(['pro', 'enterprise']) },
];
