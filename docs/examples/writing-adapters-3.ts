import type { EscalationAdapter } from '@pillar/escalation-core';
import { resolveHttpClient, sendJson } from '@pillar/escalation-core/http';
import type { AcmeDeskTicket } from './writing-adapters-1';

// src/server.ts of your package: the half that holds the token, never imported by src/index.ts.
export function acmeDeskServer(options: { subdomain: string; token: string }, toPayload: EscalationAdapter<AcmeDeskTicket>['toPayload']): EscalationAdapter<AcmeDeskTicket> {
  return {
    kind: 'acme-ticket',
    runtime: 'server',
    toPayload,
    async deliver(ticket, { idempotencyKey, signal, container }) {
      // The app's axios instance (HTTP_CLIENT) when it registered one, else a default one.
      const http = resolveHttpClient(container ? { container } : {});
      const { data } = await sendJson<{ id: number }>(
        {
          method: 'POST',
          url: `https://${options.subdomain}.acmedesk.example/api/tickets`,
          headers: { authorization: `Bearer ${options.token}`, 'idempotency-key': idempotencyKey },
          data: { ticket },
        },
        { http, provider: 'Acme Desk', safeToRetry: true, ...(signal ? { signal } : {}) },
      );
      return { status: 'created', reference: { id: String(data.id) } };
    },
  };
}
