import {
  EscalationError,
  errorFromResponse,
  postJson,
  renderTranscript,
  titleFromContext,
  type EscalationAdapter,
} from '@pillar/escalation-core';

/** The adapter's kind, as `registry.preview()` and the app's analytics see it. Never change it. */
export const ACME_DESK_KIND = 'acme-desk-ticket';

/** Options of {@link acmeDesk}. */
export interface AcmeDeskOptions {
  /** The API endpoint that creates a ticket, e.g. `https://acme.example/api/tickets`. Must be https. */
  url: string;
  /** The API token, sent as `Authorization: Bearer <token>`. Keep it on a server. */
  token: string;
  /** The longest subject, in UTF-16 units. @defaultValue `150` */
  maxSubjectLength?: number;
  /** The longest transcript, in UTF-16 units. @defaultValue `50000` */
  maxBodyLength?: number;
  /** How long to wait for the API, reading its answer included, in milliseconds. @defaultValue `15000` */
  timeoutMs?: number;
}

/** What `toPayload` produces: the ticket as the API takes it. */
export interface AcmeDeskPayload {
  /** One line from the user's first question. */
  subject: string;
  /** The conversation as plain text, redacted by the registry and cut to `maxBodyLength`. */
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
  const config = validate(options);
  return {
    kind: ACME_DESK_KIND,
    runtime: 'server',
    limits: { fields: { subject: config.maxSubjectLength, body: config.maxBodyLength } },
    // Pure: the same context gives the same ticket (no clock, no I/O, no randomness).
    toPayload(context) {
      return {
        subject: titleFromContext(context, { maxLength: config.maxSubjectLength }),
        body: renderTranscript(context, { format: 'text', maxLength: config.maxBodyLength }),
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

function validate(options: AcmeDeskOptions): Required<AcmeDeskOptions> {
  const fail = (message: string) => new EscalationError('CONFIGURATION', `acmeDesk: ${message}`);
  if (options === null || typeof options !== 'object') throw fail('options must be an object');
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw fail('url must be an absolute https URL');
  }
  if (url.protocol !== 'https:') throw fail('url must be https');
  if (typeof options.token !== 'string' || options.token.trim() === '') throw fail('token must be a non-empty string');
  const config = {
    url: url.href,
    token: options.token,
    maxSubjectLength: options.maxSubjectLength ?? 150,
    maxBodyLength: options.maxBodyLength ?? 50_000,
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  for (const key of ['maxSubjectLength', 'maxBodyLength', 'timeoutMs'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw fail(`${key} must be a positive integer, got ${String(config[key])}`);
  }
  return config;
}
