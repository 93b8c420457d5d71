// One stable tab across business hours: nothing to re-initialise, so the conversation stays open.
import { Pillar } from '@pillar-ai/sdk';
import { businessHours, connectPillar, createRegistry, not, relay, type EscalationUser } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';

const weekday = [['09:00', '18:00']] as const;
const hours = businessHours({ timeZone: 'Europe/Berlin', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } });

export const registry = createRegistry([
  { id: 'chat', label: 'Chat with us', icon: 'chat', adapter: intercomMessenger({ appId: 'abc123' }), when: hours },
  { id: 'message', label: 'Leave a message', icon: 'mail', adapter: relay({ endpoint: '/api/escalation' }), when: not(hours) },
]);

export async function boot(user: EscalationUser) {
  const pillar = await Pillar.init({
    productKey: 'your-product-key',
    // Your own tab, always shown: the click picks whichever option is open at that moment.
    sidebarTabs: [{ id: 'talk', label: 'Talk to us', enabled: true, order: 1, icon: 'support' }],
  });
  return connectPillar(pillar, registry, { tabs: { talk: ['chat', 'message'] }, getContext: () => ({ user }) });
}
