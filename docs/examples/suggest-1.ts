// Nudge the user toward a human when the conversation calls for one.
import type { Pillar } from '@pillar-ai/sdk';
import type { EscalationRegistry, EscalationUser } from '@pillar/escalation-core';
import { suggestEscalation } from '@pillar/escalation-core/suggest';

const WHY = {
  human_requested: 'You asked for a person.',
  billing: 'Billing disputes are best handled by our billing team.',
  account: 'Our team can sort out account access for you.',
  bug: 'This looks like a bug our engineers should see.',
  complex: 'It looks like the assistant could not solve this one.',
} as const;

export function watchForEscalation(pillar: Pillar, registry: EscalationRegistry, user: EscalationUser, showNudge: (text: string, escalate: () => void) => void) {
  // Pillar emits chat:message when the user sends one; read the whole conversation then.
  return pillar.on('chat:message', () => {
    const chat = pillar.getChatContext();
    if (!chat) return;
    const hint = suggestEscalation(chat);
    if (!hint.suggest || !hint.reason) return;
    showNudge(`${WHY[hint.reason]} Talk to Support?`, () => {
      void registry.escalate('support', { ...chat, user, reason: hint.reason }).catch((error) => console.warn(error));
    });
  });
}
