// The sample in packages/core/README.md (compiled by the type check; check:docs keeps them equal).
import { connectPillar, createRegistry, plans, relay } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';

const registry = createRegistry([
  { id: 'chat', label: 'Talk to Support', icon: 'support', adapter: intercomMessenger({ appId: 'abc12def' }) },
  // A ticket needs a secret: your server delivers it (see @pillar/escalation-server), gated the same way there.
  { id: 'ticket', label: 'Email support', icon: 'mail', when: plans(['pro']), adapter: relay({ endpoint: '/api/escalations' }) },
]);

// `pillar` is your Pillar SDK instance: the sidebar shows the tabs this user may use.
declare const pillar: Parameters<typeof connectPillar>[0];
connectPillar(pillar, registry);
