import type { EscalationContext, EscalationRegistry } from '@pillar/escalation-core';

// Before the redirect: copy first, while this page still has focus, then open Slack.
export async function copyThenOpenSlack(registry: EscalationRegistry, context: EscalationContext): Promise<boolean> {
  const { payload } = registry.preview('slack', context, 'community-redirect');
  // Started synchronously in the click; not awaited, so the new tab opens in the same gesture.
  const copied = payload.transcript === undefined ? Promise.resolve(false) : navigator.clipboard.writeText(payload.transcript).then(() => true, () => false);
  await registry.escalate('slack', context);
  return copied; // false: show the transcript in a dialog to copy by hand
}
