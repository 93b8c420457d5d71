import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { communityRedirect, slack } from '@pillar/escalation-community-redirect';

export const registry = createRegistry([
  {
    id: 'slack',
    label: 'Ask in our Slack',
    icon: 'chat',
    adapter: communityRedirect({ target: slack({ team: 'T0123ABCD', channel: 'C0456EFGH' }), format: 'text' }),
  },
]);

// After the redirect: Slack opened in a new tab, your page offers the conversation to paste.
export async function openSlack(context: EscalationContext, panel: HTMLElement): Promise<void> {
  const result = await registry.escalate('slack', context);
  const transcript = result.data?.transcript;
  if (typeof transcript !== 'string') return;
  const button = document.createElement('button');
  button.textContent = 'Copy the conversation';
  // A click when the user is back on your page: a fresh gesture on a focused document,
  // which is what navigator.clipboard asks for.
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(transcript).then(
      () => (button.textContent = 'Copied: paste it in Slack'),
      () => (button.textContent = 'Copy failed: select the text below'),
    );
  });
  panel.replaceChildren('Slack opened in a new tab.', button);
}
