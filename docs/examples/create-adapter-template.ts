import {
  baseUrl,
  defineOptions,
  errorFromResponse,
  int,
  postJson,
  renderTranscript,
  secret,
  titleFromContext,
  type EscalationAdapter,
  type OptionFieldsFor,
} from '@pillar/escalation-core';

/** The adapter's kind, as `registry.preview()` and the app's analytics see it. Never change it. */
export const ACME_DESK_KIND = 'acme-desk-ticket';

/** Options of {@link acmeDesk}. */
export interface AcmeDeskOptions {
  /**
   * The API endpoint that creates a ticket, e.g. `https://acme.example/api/tickets`. It receives
   * the token, so it is https (plain http only to localhost, 127.0.0.0/8 or [::1], for tests and
   * local proxies).
   */
  url: string;
  /** The API token, sent as `Authorization: Bearer <token>`. Keep it on a server. */
  token: string;
  /** The longest subject, in UTF-16 units. @defaultValue `150` */
  subjectMaxLength?: number;
  /** The longest transcript, in UTF-16 units. @defaultValue `50000` */
  descriptionMaxLength?: number;
  /** How long to wait for the API, reading its answer included, in whole milliseconds. @defaultValue `15000` */
  timeoutMs?: number;
}

/**
 * The options of {@link acmeDesk}, declared with core's option kit: each wrong value is a
 * `CONFIGURATION` error naming the option in `details.path`, and the testkit's
 * `describeOptionChecks` tries them all. `satisfies` keeps it in step with the interface.
 */
export const ACME_DESK_OPTIONS = defineOptions(ACME_DESK_KIND, {
  url: baseUrl({ required: true }),
  token: secret(),
  subjectMaxLength: int({ default: 150 }),
  descriptionMaxLength: int({ default: 50_000 }),
  timeoutMs: int({ max: 120_000, default: 15_000 }),
} satisfies OptionFieldsFor<AcmeDeskOptions>);

/** What `toPayload` produces: the ticket as the API takes it. */
export interface AcmeDeskPayload {
  /** One line from the user's first question. */
  subject: string;
  /** The conversation as plain text, redacted by the registry and cut to `descriptionMaxLength`. */
  body: string;
  /** The user's email, when known. */
  email: string | null;
  /** The Pillar conversation id, to find the conversation again. */
  conversationId: string | null;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    'acme-desk-ticket': AcmeDeskPayload;
  }
}

/**
 * Creates a ticket in Acme Desk with the whole conversation (server: it holds the API token).
 *
 * @example
 * ```ts
 * acmeDesk({ url: 'https://acme.example/api/tickets', token: process.env.ACME_DESK_TOKEN ?? '' })
 * ```
 */
export function acmeDesk(options: AcmeDeskOptions): EscalationAdapter<AcmeDeskPayload> {
  // Options are checked once, when the app starts: a typo fails at boot, not on the user's click.
  const config = ACME_DESK_OPTIONS.check(options);
  return {
    kind: ACME_DESK_KIND,
    runtime: 'server',
    limits: { fields: { subject: config.subjectMaxLength, body: config.descriptionMaxLength } },
    // Pure: the same context gives the same ticket (no clock, no I/O, no randomness).
    toPayload(context) {
      return {
        subject: titleFromContext(context, { maxLength: config.subjectMaxLength }),
        body: renderTranscript(context, { format: 'text', maxLength: config.descriptionMaxLength }),
        email: context.user?.email ?? null,
        conversationId: context.conversationId,
      };
    },
    // I/O only. postJson rejects with ABORTED, TIMEOUT or PROVIDER_UNAVAILABLE (ambiguous when the
    // API may have the ticket); errorFromResponse maps a non-2xx answer (401 CONFIGURATION, 429
    // RATE_LIMITED with retryAfterMs, 5xx PROVIDER_UNAVAILABLE, ...).
    async deliver(payload, { idempotencyKey, signal }) {
      const answer = await postJson(config.url, payload, {
        provider: 'Acme Desk',
        timeoutMs: config.timeoutMs,
        // The API takes an idempotency key, so a repeat cannot create a second ticket.
        safeToRetry: true,
        headers: { Authorization: `Bearer ${config.token}`, 'Idempotency-Key': idempotencyKey },
        ...(signal ? { signal } : {}),
      });
      if (answer.status < 200 || answer.status >= 300) {
        throw errorFromResponse({ provider: 'Acme Desk', ...answer }, { safeToRetry: true, describeAuthFailure: 'check the API token' });
      }
      const id = (answer.body as { id?: unknown } | undefined)?.id;
      return { status: 'created', ...(typeof id === 'string' || typeof id === 'number' ? { reference: { id: String(id) } } : {}) };
    },
  };
}
