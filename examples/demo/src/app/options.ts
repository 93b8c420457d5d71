// Loaded on use, with ./escalation.ts: the adapter behind each of the demo's tabs (./tabs.ts).
import { relay, type EscalationAdapter, type EscalationOption } from '@pillar/escalation-core';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';
import { intercomMessenger } from '@pillar/escalation-intercom';
import type { DemoPageConfig } from '../page-config';
import { DEMO_TABS, type DemoTabId } from './tabs';

/**
 * The browser's options: the tabs of ./tabs.ts with their adapters, the registry an app would
 * configure. Secrets never appear here: "Open a ticket" and "Leave a message" go through the
 * relay to the demo server, which holds the credentials (or delivers to the local inbox).
 */
export function browserOptions(config: DemoPageConfig): EscalationOption[] {
  const adapters: Record<DemoTabId, EscalationAdapter> = {
    // Blocked or offline, the Messenger is PROVIDER_UNAVAILABLE after widgetTimeoutMs (or at once
    // when its script fails), and the same context goes on to "Open a ticket".
    support: intercomMessenger({ appId: config.intercom.appId, region: config.intercom.region, widgetTimeoutMs: config.intercom.widgetTimeoutMs }),
    message: relay({ endpoint: config.escalationEndpoint, optionId: 'message' }),
    ticket: relay({ endpoint: config.escalationEndpoint, optionId: 'ticket' }),
    call: calendlyScheduling({
      url: config.calendly.url,
      answers: { a1: 'summary' },
      utm: { utmSource: 'pillar', utmMedium: 'copilot' },
      // Loads Calendly's widget.js on the first click; when it cannot load (offline, an ad
      // blocker), the adapter opens the prefilled booking link in a new tab instead.
      loadScript: true,
      widgetTimeoutMs: config.calendly.widgetTimeoutMs,
    }),
    community: communityRedirect({ target: discourse({ baseUrl: config.community.baseUrl, category: config.community.category }) }),
  };
  const fallbacks: Partial<Record<DemoTabId, string[]>> = { support: ['ticket'] };
  return DEMO_TABS.map((tab) => ({ ...tab, adapter: adapters[tab.id], ...(fallbacks[tab.id] ? { fallback: fallbacks[tab.id] } : {}) }));
}
