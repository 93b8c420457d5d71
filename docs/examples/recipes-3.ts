// Different options in and out of business hours. Run it: npx tsx docs/examples/recipes-3.ts
import { allOf, businessHours, createRegistry, nextOpening, not, plans, relay } from '@pillar/escalation-core';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { intercomMessenger } from '@pillar/escalation-intercom';

const weekday = [['09:00', '18:00']] as const;
export const supportHours = businessHours({
  timeZone: 'Europe/Berlin',
  weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
  holidays: ['2026-12-24', '2026-12-25'],
});

export const registry = createRegistry([
  // In hours: live chat for everybody, and a call for paying customers.
  { id: 'chat', label: 'Chat with us', icon: 'chat', adapter: intercomMessenger({ appId: 'abc123' }), when: supportHours },
  { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: calendlyScheduling({ url: 'https://calendly.com/acme/support' }), when: allOf(plans(['pro']), supportHours) },
  // Out of hours: a ticket the team answers in the morning.
  { id: 'message', label: 'Leave a message', icon: 'mail', adapter: relay({ endpoint: '/api/escalation' }), when: not(supportHours) },
]);

const user = { id: 'u2', plan: 'pro' };
const moments: Array<[string, string]> = [
  ['Tuesday 10:00 Berlin', '2026-06-02T08:00:00Z'],
  ['Tuesday 19:30 Berlin', '2026-06-02T17:30:00Z'],
  ['Saturday 11:00 Berlin', '2026-06-06T09:00:00Z'],
  ['Christmas Eve 10:00', '2026-12-24T09:00:00Z'],
];
for (const [when, iso] of moments) {
  const at = new Date(iso);
  const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], user }, at);
  const opens = nextOpening(supportHours, at)!;
  const note = opens.getTime() === at.getTime() ? 'open now' : `opens ${opens.toISOString()}`;
  console.log(`${when.padEnd(22)} sees: ${tabs.map((tab) => tab.label).join(' | ').padEnd(32)} (${note})`);
}
