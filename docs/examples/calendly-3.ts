import { calendlyScheduling } from '@pillar/escalation-calendly';

// A plain new tab: no script, no iframe, the smallest footprint. A longer URL fits here,
// since no widget adds its own parameters.
export const bookInNewTab = calendlyScheduling({
  url: 'https://calendly.com/acme/enterprise-review',
  mode: 'link',
  answers: { a1: 'summary' },
  maxUrlLength: 4000,
  prefillUser: false, // the user types their own name and email
});
