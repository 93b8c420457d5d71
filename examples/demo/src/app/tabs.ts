// The demo's sidebar tabs: what the page needs before the first click (ids, labels, icons, order
// and gates). The adapters behind them are in ./options.ts, loaded with ./escalation.ts on use.
import { businessHours, not, plans, type SidebarOption } from '@pillar/escalation-core/sidebar';
import { SUPPORT_HOURS } from '../hours';

const inHours = businessHours(SUPPORT_HOURS);

/** A tab of the demo: an option without its adapter. */
export type DemoTab = SidebarOption & { id: DemoTabId };

/** The demo's option ids. */
export type DemoTabId = 'support' | 'message' | 'ticket' | 'call' | 'community';

/** The tabs, gated: "Talk to Support" in hours, "Leave a message" out of hours, "Schedule a call" for paying plans. */
export const DEMO_TABS: readonly DemoTab[] = [
  { id: 'support', label: 'Talk to Support', icon: 'support', order: 1, when: inHours },
  { id: 'message', label: 'Leave a message', icon: 'mail', order: 2, when: not(inHours) },
  { id: 'ticket', label: 'Open a ticket', icon: 'feedback', order: 3 },
  { id: 'call', label: 'Schedule a call', icon: 'calendar', order: 4, when: plans(['pro', 'enterprise']) },
  { id: 'community', label: 'Ask the community', icon: 'help', order: 5 },
];

/** An option's label, for sentences (its id when there is no such option). */
export function labelOf(optionId: string): string {
  return DEMO_TABS.find((tab) => tab.id === optionId)?.label ?? optionId;
}
