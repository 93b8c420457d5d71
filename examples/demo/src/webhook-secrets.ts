import type { WebhookOptions } from '@pillar/escalation-server';
import type { DemoEnv } from './server-options';

/**
 * The secrets the relay checks provider webhooks with. Zendesk and Freshdesk always have one:
 * the real one from the environment, else a demo secret the agent console signs with (it
 * plays the provider for the local inbox). Intercom and Calendly have a route only when their
 * secret is set: the console never sends their webhooks.
 */
export interface DemoWebhookSecrets {
  /** What `createEscalationHandler({ webhooks })` gets. */
  webhooks: WebhookOptions & { zendesk: { secret: string }; freshdesk: { token: string } };
  /** Per provider: `env` (from the named variable) or `demo` (the demo's own secret). */
  sources: { provider: 'zendesk' | 'freshdesk' | 'intercom' | 'calendly'; variable: string; source: 'env' | 'demo' }[];
}

/** The variables a real provider's webhook secret comes from (docs/demo.md, docs/webhooks.md). */
export const WEBHOOK_SECRET_VARS = {
  zendesk: 'ZENDESK_WEBHOOK_SECRET',
  freshdesk: 'FRESHDESK_WEBHOOK_TOKEN',
  intercom: 'INTERCOM_CLIENT_SECRET',
  calendly: 'CALENDLY_SIGNING_KEY',
} as const;

/** Public on purpose: it signs only what the demo's own console sends to a loopback relay. */
export const DEMO_ZENDESK_WEBHOOK_SECRET = 'demo-zendesk-webhook-signing-secret';
/** Freshdesk signs nothing: its shared token (at least 32 characters). Public on purpose, as above. */
export const DEMO_FRESHDESK_WEBHOOK_TOKEN = 'demo-freshdesk-webhook-token-0123456789abcdef';

/** The relay's webhook secrets: the environment's where set, else the demo's for Zendesk and Freshdesk. */
export function webhookSecrets(env: DemoEnv): DemoWebhookSecrets {
  const read = (name: string) => env[name]?.trim() || undefined;
  const zendesk = read(WEBHOOK_SECRET_VARS.zendesk);
  const freshdesk = read(WEBHOOK_SECRET_VARS.freshdesk);
  const intercom = read(WEBHOOK_SECRET_VARS.intercom);
  const calendly = read(WEBHOOK_SECRET_VARS.calendly);
  const webhooks: DemoWebhookSecrets['webhooks'] = {
    zendesk: { secret: zendesk ?? DEMO_ZENDESK_WEBHOOK_SECRET },
    freshdesk: { token: freshdesk ?? DEMO_FRESHDESK_WEBHOOK_TOKEN },
    ...(intercom ? { intercom: { clientSecret: intercom } } : {}),
    ...(calendly ? { calendly: { signingKey: calendly } } : {}),
  };
  const sources: DemoWebhookSecrets['sources'] = [
    { provider: 'zendesk', variable: WEBHOOK_SECRET_VARS.zendesk, source: zendesk ? 'env' : 'demo' },
    { provider: 'freshdesk', variable: WEBHOOK_SECRET_VARS.freshdesk, source: freshdesk ? 'env' : 'demo' },
    ...(intercom ? [{ provider: 'intercom' as const, variable: WEBHOOK_SECRET_VARS.intercom, source: 'env' as const }] : []),
    ...(calendly ? [{ provider: 'calendly' as const, variable: WEBHOOK_SECRET_VARS.calendly, source: 'env' as const }] : []),
  ];
  return { webhooks, sources };
}
