// Loaded on use: the registry with the Intercom Messenger adapter behind the chat tab.
import { connectPillar, createRegistry, type DisconnectPillar, type PillarLike } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { CHAT_TAB } from './page';

/** Connects the registry to Pillar; the page's body says when it ran (the bench's "prefetched"). */
export function connect(pillar: PillarLike): DisconnectPillar {
  const registry = createRegistry([{ ...CHAT_TAB, adapter: intercomMessenger({ appId: 'bench0001' }) }]);
  document.body.dataset.escalation = 'loaded';
  return connectPillar(pillar, registry, { onError: (error) => console.error(error.code, error.message) });
}
