// Paying customers only. Run it: npx tsx docs/examples/recipes-1.ts
import { createRegistry, plans, type EscalationUser } from '@pillar/escalation-core';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';
import { intercomMessenger } from '@pillar/escalation-intercom';

export const registry = createRegistry([
  // Live chat for every paying plan; a call with a success manager for Enterprise only.
  { id: 'chat', label: 'Chat with Support', icon: 'support', adapter: intercomMessenger({ appId: 'abc123' }), when: plans(['pro', 'enterprise']) },
  { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: calendlyScheduling({ url: 'https://calendly.com/acme/success' }), when: plans(['enterprise']) },
  // Everybody, signed in or not, can ask the community.
  { id: 'forum', label: 'Ask the community', icon: 'help', adapter: communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) }) },
]);

const people: Array<[string, EscalationUser | undefined]> = [
  ['Signed out', undefined],
  ['Free plan', { id: 'u1', plan: 'free' }],
  ['Pro plan', { id: 'u2', plan: 'pro' }],
  ['Enterprise plan', { id: 'u3', plan: 'enterprise' }],
];
for (const [who, user] of people) {
  const tabs = await registry.sidebarTabs({ conversationId: null, messages: [], ...(user ? { user } : {}) });
  console.log(`${who.padEnd(16)} sees: ${tabs.map((tab) => tab.label).join(' | ')}`);
}
