import { createRegistry, plans, type EscalationContext } from '@pillar/escalation-core';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';

export const registry = createRegistry([
  {
    id: 'call', // also the sidebar tab id
    label: 'Schedule a call',
    icon: 'calendar',
    order: 1,
    adapter: calendlyScheduling({ url: 'https://calendly.com/acme/support' }),
    when: plans(['pro', 'enterprise']), // a gate: who may use it, and when
    fallback: ['forum'], // tried when the call option is down, rate limited or times out
  },
  {
    id: 'forum',
    label: 'Ask the community',
    icon: 'help',
    order: 2,
    adapter: communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) }),
  },
]);

registry.on('escalation:fallback', ({ from, to, error }) => {
  console.info(`${from} failed with ${error.code}; trying ${to}`);
});

export async function escalate(context: EscalationContext): Promise<void> {
  const options = await registry.available(context); // the options this user may use now, in order
  const tabs = await registry.sidebarTabs(context); // the same, as Pillar's sidebarTabs config
  const preview = registry.preview('forum', context); // the payload it would send; nothing is sent
  console.log(options.map((o) => o.id), tabs, preview.payload);

  const result = await registry.escalate('call', context);
  console.log(`delivered through ${result.optionId}`, result.status, result.reference, result.attempts);
}
