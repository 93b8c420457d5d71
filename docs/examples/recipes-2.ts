// Admins only. Run it: npx tsx docs/examples/recipes-2.ts
import { createRegistry, isEscalationError, relay, roles, type EscalationUser } from '@pillar/escalation-core';
import { intercomMessenger } from '@pillar/escalation-intercom';

export const registry = createRegistry([
  { id: 'support', label: 'Talk to Support', icon: 'support', adapter: intercomMessenger({ appId: 'abc123' }) },
  // Workspace owners and admins reach the engineers; the server relay checks the role again.
  { id: 'engineer', label: 'Talk to an engineer', icon: 'tools', adapter: relay({ endpoint: '/api/escalation' }), when: roles(['owner', 'admin']) },
]);

const people: Array<[string, EscalationUser]> = [
  ['Member', { id: 'u1', role: 'member' }],
  ['Admin', { id: 'u2', role: 'admin' }],
  ['Owner', { id: 'u3', role: 'owner' }],
];
for (const [who, user] of people) {
  const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], user });
  console.log(`${who.padEnd(7)} sees: ${tabs.map((tab) => tab.label).join(' | ')}`);
}

// A member who calls escalate anyway (a stale tab, a crafted request) is refused before any delivery.
const member = { conversationId: null, messages: [], user: people[0]![1] };
const refused = await registry.escalate('engineer', member).catch((error: unknown) => (isEscalationError(error) ? error.code : 'unexpected'));
console.log(`Member escalating to the engineers: ${String(refused)}`);
