import {
  EscalationError,
  renderTranscript,
  titleFromContext,
  toEscalationError,
  type EscalationAdapter,
  type Scalar,
} from '@pillar/escalation-core';

/** What Acme Desk's `POST /api/tickets` takes. */
export interface AcmeTicket {
  subject: string;
  html_body: string;
  tags: string[];
  requester?: { email: string; name?: string };
  custom_fields: Record<string, Scalar>;
}

export interface AcmeDeskOptions {
  /** Your Acme Desk subdomain: `https://<subdomain>.acmedesk.example`. */
  subdomain: string;
  /** API token; this adapter runs on a server only. */
  token: string;
}

/** Creates an Acme Desk ticket with the whole conversation. */
export function acmeDesk(options: AcmeDeskOptions): EscalationAdapter<AcmeTicket> {
  const base = `https://${encodeURIComponent(options.subdomain)}.acmedesk.example`;
  return {
    kind: 'acme-ticket',
    runtime: 'server',
    limits: { fields: { subject: 150, html_body: 65_000, tags: 10, 'tags[]': 40 } },
    toPayload(context) {
      const ticket: AcmeTicket = {
        subject: titleFromContext(context, { maxLength: 150 }),
        html_body: renderTranscript(context, { format: 'html', maxLength: 65_000 }),
        tags: ['pillar', ...(context.reason ? [context.reason] : [])],
        custom_fields: { ...context.metadata, conversation_id: context.conversationId },
      };
      const user = context.user;
      if (user?.email) ticket.requester = user.name ? { email: user.email, name: user.name } : { email: user.email };
      return ticket;
    },
    async deliver(ticket, { idempotencyKey, signal }) {
      if (signal?.aborted) throw new EscalationError('ABORTED', 'The escalation was aborted');
      let response: Response;
      try {
        response = await fetch(`${base}/api/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify({ ticket }),
          signal,
        });
      } catch (error) {
        throw toEscalationError(error, 'PROVIDER_UNAVAILABLE', 'Acme Desk could not be reached');
      }
      if (!response.ok) {
        const code = response.status === 429 ? 'RATE_LIMITED' : response.status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED';
        throw new EscalationError(code, `Acme Desk answered ${response.status}`, { status: response.status });
      }
      const { id } = (await response.json()) as { id: number };
      return { status: 'created', reference: { id: String(id), url: `${base}/tickets/${id}` } };
    },
    // Reconciliation after a lost answer: Acme Desk lists tickets by the key they were created with.
    async find(idempotencyKey, _context, findOptions) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/tickets?idempotency_key=${encodeURIComponent(idempotencyKey)}`, {
          headers: { authorization: `Bearer ${options.token}` },
          ...(findOptions?.signal ? { signal: findOptions.signal } : {}),
        });
      } catch (error) {
        throw toEscalationError(error, 'PROVIDER_UNAVAILABLE', 'Acme Desk could not be reached');
      }
      if (!response.ok) throw new EscalationError('PROVIDER_UNAVAILABLE', `Acme Desk answered ${response.status}`, { status: response.status, details: { ambiguous: true } });
      const [first] = (await response.json()) as Array<{ id: number }>;
      return first ? { status: 'created', reference: { id: String(first.id), url: `${base}/tickets/${first.id}` } } : null;
    },
  };
}
