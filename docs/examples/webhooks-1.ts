// server/escalation.ts: the relay with provider webhooks, the lifecycle and analytics.
import { createRegistry, type EscalationUser } from '@pillar/escalation-core';
import { createEscalationHandler } from '@pillar/escalation-server';

declare const registry: ReturnType<typeof createRegistry>;
declare function currentUser(request: Request): Promise<EscalationUser | null>;
declare const analytics: { track(name: string, properties: Record<string, unknown>): void };

export const escalationHandler = createEscalationHandler({
  registry,
  // Required for the lifecycle: only the user who escalated may read it.
  identify: (request) => currentUser(request),
  // A provider's route exists only when its secret is set.
  webhooks: {
    ...(process.env.ZENDESK_WEBHOOK_SECRET ? { zendesk: { secret: process.env.ZENDESK_WEBHOOK_SECRET } } : {}),
    ...(process.env.INTERCOM_CLIENT_SECRET ? { intercom: { clientSecret: process.env.INTERCOM_CLIENT_SECRET } } : {}),
    ...(process.env.FRESHDESK_WEBHOOK_TOKEN ? { freshdesk: { token: process.env.FRESHDESK_WEBHOOK_TOKEN } } : {}),
    ...(process.env.CALENDLY_SIGNING_KEY ? { calendly: { signingKey: process.env.CALENDLY_SIGNING_KEY } } : {}),
  },
  lifecycle: {
    // Show the agent's public reply on the page, not only by email (off by default).
    replyText: { maxLength: 2_000 },
    stream: { keepAliveMs: 15_000, maxDurationMs: 280_000 },
  },
  onLifecycle(event) {
    analytics.track('escalation lifecycle', { option: event.optionId, kind: event.kind, state: event.state, sinceCreatedMs: event.sinceCreatedMs });
  },
});
