import { baseUrl, defineOptions, int, retry, secret, type EscalationAdapter, type OptionFieldsFor, type RetryOptions } from '@pillar/escalation-core';

/** Options of {@link acmeTicket}. */
export interface AcmeTicketOptions {
  /** The Acme API key. */
  apiKey: string;
  /** Where requests go. @defaultValue `'https://api.acme.example'` */
  baseUrl?: string;
  /** Per-request timeout, in ms. @defaultValue 10_000 */
  timeoutMs?: number;
  /** Retries, or `false`. @defaultValue the `withRetry` defaults */
  retry?: RetryOptions | false;
}

export const ACME_TICKET_OPTIONS = defineOptions('acme-ticket', {
  apiKey: secret(),
  baseUrl: baseUrl({ default: 'https://api.acme.example' }),
  timeoutMs: int({ max: 60_000, default: 10_000 }),
  retry: retry(),
} satisfies OptionFieldsFor<AcmeTicketOptions>);

export function acmeTicket(options: AcmeTicketOptions): EscalationAdapter<{ title: string }> {
  const o = ACME_TICKET_OPTIONS.check(options);
  return {
    kind: 'acme-ticket',
    runtime: 'server',
    toPayload: () => ({ title: `to ${o.baseUrl} within ${o.timeoutMs} ms` }),
    deliver: async () => ({ status: 'created' }),
  };
}
