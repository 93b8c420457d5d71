// Keep the tabs in step with the user and the hours: re-initialise Pillar when they change.
import { Pillar } from '@pillar-ai/sdk';
import { connectPillar, watchSidebarTabs, type DisconnectPillar, type EscalationRegistry, type EscalationUser, type SidebarTab } from '@pillar/escalation-core';

let user: EscalationUser = { id: 'u_42', plan: 'free' };
let disconnect: DisconnectPillar = () => {};

// Pillar reads sidebarTabs only in init: connect a fresh instance with the new tabs.
async function start(registry: EscalationRegistry, tabs: readonly SidebarTab[]): Promise<void> {
  const pillar = await Pillar.init({ productKey: 'your-product-key', sidebarTabs: [...tabs] });
  disconnect = connectPillar(pillar, registry, { getContext: () => ({ user, page: { url: location.href, title: document.title } }) });
}

export async function boot(registry: EscalationRegistry) {
  const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], user });
  await start(registry, tabs);
  const watch = watchSidebarTabs(registry, {
    initial: tabs,
    getContext: () => ({ user }),
    // Called only when this user's tabs really differ (a login, a logout, an upgrade).
    onChange: async (next) => {
      disconnect();
      Pillar.destroy();
      await start(registry, next);
    },
    // No timer (the default): gate by time with one stable tab instead (pillar-4.ts).
  });
  return {
    /** Call after login, logout or a plan change. */
    async userChanged(next: EscalationUser) {
      user = next;
      await watch.refresh();
    },
    stop: () => watch.stop(),
  };
}
