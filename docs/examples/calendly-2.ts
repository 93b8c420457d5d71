import { calendlyScheduling } from '@pillar/escalation-calendly';

// The booking page inside your own panel: <div id="booking" style="min-width:320px;height:700px"></div>
export const bookInline = calendlyScheduling({
  url: 'https://calendly.com/acme/onboarding',
  mode: 'inline',
  parentElement: '#booking', // resolved when delivering, so it may render later than the registry boots
  answers: { a1: 'question', a2: 'summary' },
  loadScript: true,
  widgetTimeoutMs: 5_000,
});
