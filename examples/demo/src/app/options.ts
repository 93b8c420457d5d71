import { businessHours, not, plans, relay, type EscalationOption } from '@pillar/escalation-core';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';
import { intercomMessenger } from '@pillar/escalation-intercom';
import { SUPPORT_HOURS } from '../hours';
import type { DemoPageConfig } from '../page-config';

/**
 * The browser's options: the same registry an app would configure at boot. Secrets never
 * appear here: "Open a ticket" and "Leave a message" go through the relay to the demo server,
 * which holds the credentials (or delivers to the local inbox).
 */
export function browserOptions(config: DemoPageConfig): EscalationOption[] {
  const inHours = businessHours(SUPPORT_HOURS);
  return [
    {
      id: 'support',
      label: 'Talk to Support',
      icon: 'support',
      order: 1,
      when: inHours,
      // Blocked or offline, the Messenger is PROVIDER_UNAVAILABLE after widgetTimeoutMs (or at once
      // when its script fails), and the same context goes on to "Open a ticket".
      adapter: intercomMessenger({ appId: config.intercom.appId, region: config.intercom.region, widgetTimeoutMs: config.intercom.widgetTimeoutMs }),
      fallback: ['ticket'],
    },
    {
      id: 'message',
      label: 'Leave a message',
      icon: 'mail',
      order: 2,
      when: not(inHours),
      adapter: relay({ endpoint: config.escalationEndpoint, optionId: 'message' }),
    },
    {
      id: 'ticket',
      label: 'Open a ticket',
      icon: 'feedback',
      order: 3,
      adapter: relay({ endpoint: config.escalationEndpoint, optionId: 'ticket' }),
    },
    {
      id: 'call',
      label: 'Schedule a call',
      icon: 'calendar',
      order: 4,
      when: plans(['pro', 'enterprise']),
      adapter: calendlyScheduling({
        url: config.calendly.url,
        answers: { a1: 'summary' },
        utm: { utmSource: 'pillar', utmMedium: 'copilot' },
        // Loads Calendly's widget.js on the first click; when it cannot load (offline, an ad
        // blocker), the adapter opens the prefilled booking link in a new tab instead.
        loadScript: true,
        widgetTimeoutMs: config.calendly.widgetTimeoutMs,
      }),
    },
    {
      id: 'community',
      label: 'Ask the community',
      icon: 'help',
      order: 5,
      adapter: communityRedirect({ target: discourse({ baseUrl: config.community.baseUrl, category: config.community.category }) }),
    },
  ];
}
