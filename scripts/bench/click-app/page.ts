// The bench's click apps (scripts/bench/click.ts): one tab, on the lazy path as the starter is.
// The page loads the tab and `connectPillarLazily`; the registry and the adapter are in
// ./escalation-<provider>.ts, a chunk loaded on use. The provider's global is an in-page stub.
import { Pillar } from '@pillar-ai/sdk';
import { connectPillarLazily, sidebarTabs, type LoadEscalation, type SidebarOption } from '@pillar/escalation-core/sidebar';

/** The one tab of each click app. */
export const CHAT_TAB: SidebarOption = { id: 'chat', label: 'Chat with us', icon: 'chat' };

/** Boots Pillar (offline: `apiBaseUrl` from the page's config) with the tab, and connects it lazily. */
export async function boot(load: LoadEscalation): Promise<void> {
  const config = JSON.parse(document.getElementById('pillar-config')!.textContent!) as { productKey: string; apiBaseUrl: string };
  const pillar = await Pillar.init({
    ...config,
    sidebarTabs: await sidebarTabs([CHAT_TAB], { conversationId: null, messages: [], user: { id: 'u_1', name: 'Sam Rivera', email: 'sam@example.com' } }),
  });
  connectPillarLazily(pillar, { tabs: [CHAT_TAB.id], load });
  document.body.dataset.ready = 'true';
}
