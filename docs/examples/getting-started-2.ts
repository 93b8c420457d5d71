// Wire the Pillar sidebar by hand: tabs from the registry, clicks to escalate.
import { Pillar } from '@pillar-ai/sdk';
import { fromPillarChat, isEscalationError } from '@pillar/escalation-core';
import { registry, context } from './getting-started-1';

export async function boot(): Promise<void> {
  const user = context.user!;
  const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], user });
  const pillar = await Pillar.init({ productKey: 'your-product-key', sidebarTabs: tabs });

  pillar.on('sidebar:click', async ({ tabId }) => {
    if (!registry.get(tabId)) return; // the assistant tab, or a tab of your own
    const escalation = fromPillarChat(pillar.getChatContext(), { user, page: { url: location.href, title: document.title } });
    try {
      const result = await registry.escalate(tabId, escalation);
      console.log(`Sent through ${result.optionId}`, result.reference);
    } catch (error) {
      if (isEscalationError(error)) console.warn(error.code, error.message);
    }
  });
}
