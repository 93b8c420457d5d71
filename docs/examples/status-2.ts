// The surface without connectPillar, with analytics and your own names and texts.
import { showEscalationStatus } from '@pillar/escalation-core/status';
import type { EscalationRegistry } from '@pillar/escalation-core';

declare const analytics: { track(name: string, properties: Record<string, unknown>): void };

export function statusFor(registry: EscalationRegistry) {
  const status = showEscalationStatus(registry, {
    follow: { endpoint: '/api/escalation', credentials: 'same-origin' },
    providerNames: { 'zendesk-ticket': 'Acme Help' },
    strings: { en: { heading: 'Acme support' } },
    onLifecycle: (event) => analytics.track('escalation_lifecycle', { ...event }),
    onResolved: (event) => analytics.track('escalation_resolved', { ...event }),
  });
  // status.detach() removes it (e.g. at sign-out).
  return status;
}
