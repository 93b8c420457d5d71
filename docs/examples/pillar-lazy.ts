import { connectPillar, createRegistry, lazyAdapter, type EscalationContext, type PillarLike } from '@pillar/escalation-core';

// The Messenger adapter and Intercom's loader load on first use, in a chunk of their own.
const chat = lazyAdapter({
  kind: 'intercom-messenger',
  runtime: 'browser',
  load: () => import('@pillar/escalation-intercom').then((m) => m.intercomMessenger({ appId: 'abc123' })),
});

export const registry = createRegistry([{ id: 'chat', label: 'Chat with us', icon: 'chat', adapter: chat }]);

export function connect(pillar: PillarLike): () => void {
  // Loads the chunk when the browser is idle or the pointer nears the sidebar; `prefetch: false` waits for the click.
  return connectPillar(pillar, registry);
}

export async function previewChat(context: EscalationContext) {
  // preview is synchronous: load the adapter's code first (escalate loads it itself).
  await registry.prepare('chat');
  return registry.preview('chat', context);
}
