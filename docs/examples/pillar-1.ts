// Boot: the tabs this user may use, Pillar with those tabs, and the registry wired to the clicks.
import 'reflect-metadata';
import { Pillar } from '@pillar-ai/sdk';
import { connectPillar, createRegistry, plans, relay, type EscalationUser } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { calendlyScheduling } from '@pillar/escalation-calendly';

export const registry = createRegistry([
  { id: 'support', label: 'Talk to Support', icon: 'support', adapter: intercomMessenger({ appId: 'abc123' }), fallback: ['ticket'] },
  { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: calendlyScheduling({ url: 'https://calendly.com/acme/support' }), when: plans(['pro', 'enterprise']) },
  { id: 'ticket', label: 'Email support', icon: 'mail', adapter: relay({ endpoint: '/api/escalation' }) },
]);

export async function boot(user: EscalationUser) {
  const pillar = await Pillar.init({
    productKey: 'your-product-key',
    // Gates applied, in order: a free user gets no "Schedule a call" tab.
    sidebarTabs: await registry.sidebarTabs({ conversationId: null, messages: [], user }),
  });

  const disconnect = connectPillar(pillar, registry, {
    // Called at every escalation: always the current user and page.
    getContext: () => ({ user, page: { url: location.href, title: document.title } }),
    onEscalated: (result) => console.info(`Handed to ${result.optionId}`, result.reference),
    onError: (error, source) => console.warn(`Escalation from the ${source.via} failed: ${error.code}`, error.message),
  });
  return { pillar, disconnect };
}
