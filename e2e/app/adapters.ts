/**
 * Small in-page adapters for the end-to-end page, talking to recording fakes of the provider
 * globals (window.Intercom, window.Calendly) and to the test server (tickets). They stand in for
 * the real adapter packages, which the demo wires; what they prove is the Pillar binding.
 */
import { EscalationError, renderTranscript, titleFromContext, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';

type IntercomFunction = ((method: string, ...args: unknown[]) => unknown) & { booted?: boolean };

/** Polls until `read` gives a value or `ms` pass: a bounded wait, so a blocked widget fails fast. */
function waitFor<T>(read: () => T | undefined, ms: number, signal?: AbortSignal): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (signal?.aborted) return reject(new EscalationError('ABORTED', 'The escalation was aborted'));
      const value = read();
      if (value !== undefined || Date.now() >= deadline) return resolve(value);
      setTimeout(tick, 20);
    };
    tick();
  });
}

function who(context: EscalationContext): { name?: string; email?: string } {
  return { ...(context.user?.name ? { name: context.user.name } : {}), ...(context.user?.email ? { email: context.user.email } : {}) };
}

export interface ChatPayload {
  message: string;
  user: { name?: string; email?: string };
}

/** Opens the Intercom Messenger's composer prefilled with the transcript. */
export function intercomChat(options: { loadTimeoutMs: number }): EscalationAdapter<ChatPayload> {
  return {
    kind: 'e2e-intercom-chat',
    runtime: 'browser',
    toPayload: (context) => ({ message: renderTranscript(context, { format: 'text', maxLength: 2_000 }), user: who(context) }),
    async deliver(payload, { signal }) {
      const read = () => {
        const intercom = (window as unknown as { Intercom?: IntercomFunction }).Intercom;
        return intercom?.booted ? intercom : undefined;
      };
      const intercom = await waitFor(read, options.loadTimeoutMs, signal);
      if (!intercom) throw new EscalationError('PROVIDER_UNAVAILABLE', `The Intercom Messenger did not load within ${options.loadTimeoutMs} ms (blocked?)`);
      intercom('update', payload.user);
      intercom('showNewMessage', payload.message);
      return { status: 'opened' };
    },
  };
}

export interface CallPayload {
  url: string;
  prefill: { name?: string; email?: string; customAnswers: { a1: string } };
}

/** Opens the Calendly popup with the user and the transcript as the first answer. */
export function calendlyPopup(url: string): EscalationAdapter<CallPayload> {
  return {
    kind: 'e2e-calendly-popup',
    runtime: 'browser',
    toPayload: (context) => ({ url, prefill: { ...who(context), customAnswers: { a1: renderTranscript(context, { format: 'text', maxLength: 10_000 }) } } }),
    async deliver(payload) {
      const calendly = (window as unknown as { Calendly?: { initPopupWidget(options: unknown): void } }).Calendly;
      if (!calendly) throw new EscalationError('PROVIDER_UNAVAILABLE', 'Calendly did not load');
      calendly.initPopupWidget(payload);
      return { status: 'opened' };
    },
  };
}

export interface TicketPayload {
  subject: string;
  body: string;
  requester: string | null;
  reason: string | null;
  conversationId: string | null;
}

/** POSTs a ticket to the app's endpoint (the test server records it). */
export function ticketPost(endpoint: string): EscalationAdapter<TicketPayload> {
  return {
    kind: 'e2e-ticket',
    runtime: 'browser',
    toPayload: (context) => ({
      subject: titleFromContext(context),
      body: renderTranscript(context, { format: 'text', maxLength: 20_000 }),
      requester: context.user?.email ?? null,
      reason: context.reason ?? null,
      conversationId: context.conversationId,
    }),
    async deliver(payload, { idempotencyKey, signal }) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(payload),
          ...(signal ? { signal } : {}),
        });
      } catch (cause) {
        throw new EscalationError('PROVIDER_UNAVAILABLE', 'The ticket endpoint could not be reached', { cause });
      }
      if (!response.ok) {
        const code = response.status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED';
        throw new EscalationError(code, `The ticket endpoint answered ${response.status}`, { status: response.status });
      }
      const { id } = (await response.json()) as { id: string };
      return { status: 'created', reference: { id } };
    },
  };
}
