// The sample in packages/calendly/README.md (compiled by the type check; check:docs keeps them equal).
import { calendlyScheduling } from '@pillar/escalation-calendly';

export const bookACall = calendlyScheduling({
  url: 'https://calendly.com/acme/support-call',
  answers: { a1: 'summary' },
  loadScript: true,
});
