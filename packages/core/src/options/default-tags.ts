import type { EscalationContext } from '../context/types';

/**
 * The one default tag scheme of every adapter that tags what it creates: `pillar-escalation`,
 * and `reason-<reason>` when the context has a reason. Compose with it to add your own:
 * `tags: (context) => [...defaultTags(context), 'vip']`.
 */
export function defaultTags(context: EscalationContext): string[] {
  return context.reason ? ['pillar-escalation', `reason-${context.reason}`] : ['pillar-escalation'];
}
