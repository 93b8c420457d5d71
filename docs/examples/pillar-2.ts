// The co-pilot can offer a human itself: a Pillar tool, routed by reason, that knows the hours.
import { Pillar } from '@pillar-ai/sdk';
import { businessHours, connectPillar, escalationTool, type EscalationRegistry, type EscalationUser } from '@pillar/escalation-core';

export const supportHours = businessHours({
  timeZone: 'America/New_York',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
});

export async function bootWithTool(registry: EscalationRegistry, user: EscalationUser) {
  const pillar = await Pillar.init({
    productKey: 'your-product-key',
    sidebarTabs: await registry.sidebarTabs({ conversationId: null, messages: [], user }),
  });
  return connectPillar(pillar, registry, {
    getContext: () => ({ user, page: { url: location.href, title: document.title } }),
    // Created with escalationTool(): apps that do not import it do not bundle the tool's code.
    tool: escalationTool({
      // Best first; the first one this user may use now wins. Unrouted reasons take any open option.
      routes: { billing: ['priority', 'ticket'], account: ['ticket'], bug: ['priority', 'ticket'], human_requested: ['priority', 'ticket'] },
      // For "no human channel is open right now; the next opening is ..." when the gates hide the hours.
      hours: supportHours,
    }),
  });
}
