// The status surface through connectPillar: one import, one option.
import '@pillar/escalation-core/status';
import { Pillar } from '@pillar-ai/sdk';
import { connectPillar, type EscalationRegistry, type EscalationUser } from '@pillar/escalation-core';

export async function bootWithStatus(registry: EscalationRegistry, user: EscalationUser) {
  const pillar = await Pillar.init({
    productKey: 'your-product-key',
    sidebarTabs: await registry.sidebarTabs({ conversationId: null, messages: [], user }),
  });
  return connectPillar(pillar, registry, {
    getContext: () => ({ user, page: { url: location.href, title: document.title } }),
    // Shows what happened after the click; follows relayed tickets until they are solved.
    status: { follow: '/api/escalation' },
  });
}
