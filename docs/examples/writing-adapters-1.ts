import {
  defineOptions,
  errorFromResponse,
  list,
  postJson,
  renderTranscript,
  secret,
  string,
  titleFromContext,
  type EscalationAdapter,
  type OptionFieldsFor,
} from '@pillar/escalation-core';

/** Options of {@link acmeDesk}. */
export interface AcmeDeskOptions {
  /** Your Acme Desk subdomain: `<subdomain>.acmedesk.example`. */
  subdomain: string;
  /** An API token with the "tickets:write" scope. Server only. */
  token: string;
  /** Tags added to every ticket. @defaultValue `['pillar']` */
  tags?: string[];
}

/** What `toPayload` produces: Acme Desk's ticket, as its API takes it. */
export interface AcmeDeskTicket {
  subject: string;
  html_body: string;
  requester: { name?: string; email?: string };
  tags: string[];
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    'acme-ticket': AcmeDeskTicket;
  }
}

/** The options as declared: each is checked once, and a refused one is `CONFIGURATION` naming it. */
export const ACME_DESK_OPTIONS = defineOptions('acme-ticket', {
  subdomain: string({ required: true, pattern: /^[a-z0-9-]+$/, expects: 'letters, digits and "-" (your Acme Desk subdomain)' }),
  token: secret(),
  tags: list(string({ max: 40 }), { default: ['pillar'] }),
} satisfies OptionFieldsFor<AcmeDeskOptions>);

/** Creates an Acme Desk ticket with the whole conversation. */
export function acmeDesk(options: AcmeDeskOptions): EscalationAdapter<AcmeDeskTicket> {
  // Checked once, at boot: a typo fails on start-up, not on the user's click.
  const { subdomain, token, tags } = ACME_DESK_OPTIONS.check(options);
  return {
    kind: 'acme-ticket',
    runtime: 'server',
    limits: { fields: { subject: 150, html_body: 65_000 } },
    // Pure: the same context gives the same ticket; no clock, no I/O, no randomness.
    toPayload(context) {
      return {
        subject: titleFromContext(context, { maxLength: 150 }),
        html_body: renderTranscript(context, { format: 'html', maxLength: 65_000 }),
        requester: { ...(context.user?.name ? { name: context.user.name } : {}), ...(context.user?.email ? { email: context.user.email } : {}) },
        tags: [...tags],
      };
    },
    // I/O only: send the payload, map every failure to an EscalationError. postJson rejects
    // with ABORTED, TIMEOUT or PROVIDER_UNAVAILABLE; errorFromResponse maps a non-2xx answer.
    async deliver(ticket, { idempotencyKey, signal }) {
      const answer = await postJson(`https://${subdomain}.acmedesk.example/api/tickets`, { ticket }, {
        provider: 'Acme Desk',
        timeoutMs: 15_000,
        safeToRetry: true, // the idempotency key makes a repeat harmless
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey },
        ...(signal ? { signal } : {}),
      });
      if (answer.status < 200 || answer.status >= 300) throw errorFromResponse({ provider: 'Acme Desk', ...answer }, { safeToRetry: true });
      const { id } = answer.body as { id: number };
      return { status: 'created', reference: { id: String(id), url: `https://${subdomain}.acmedesk.example/tickets/${id}` } };
    },
  };
}
