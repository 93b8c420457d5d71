import { calendlyScheduling } from '@pillar/escalation-calendly';

// Browser: Calendly's popup over your app, with the conversation in the first question.
export const bookACall = calendlyScheduling({
  url: 'https://calendly.com/acme/support-call',
  answers: {
    a1: 'summary', // "What do you need help with?" (a multi-line question)
    a2: (context) => context.user?.plan ?? '', // "Which plan are you on?"
  },
  utm: { utmSource: 'pillar', utmMedium: 'copilot' },
  hideDetails: true,
  loadScript: true, // load widget.js on the first escalation; a new tab if it is blocked
});
