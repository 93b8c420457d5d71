import { Pillar } from '@pillar-ai/sdk';
import { connectPillar, createRegistry, plans, relay, type EscalationUser } from '@pillar/escalation-core';

// Eager: a static import, so the registry, the relay client and the rest of core load with the page.
const registry = createRegistry([
  { id: 'ticket', label: 'Email support', icon: 'mail', adapter: relay({ endpoint: '/api/escalation' }) },
  { id: 'priority', label: 'Priority support', icon: 'support', when: plans(['pro', 'enterprise']), adapter: relay({ endpoint: '/api/escalation' }) },
]);

export async function boot(user: EscalationUser): Promise<void> {
  const pillar = await Pillar.init({
    productKey: 'your-product-key',
    sidebarTabs: await registry.sidebarTabs({ conversationId: null, messages: [], user }),
  });
  // Nothing to load at the click: the first click escalates at once, and preview works from boot.
  connectPillar(pillar, registry, { getContext: () => ({ user, page: { url: location.href, title: document.title } }) });
}
