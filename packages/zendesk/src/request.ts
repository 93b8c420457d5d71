import {
  EscalationError,
  postJson,
  renderTranscript,
  titleFromContext,
  withRetry,
  type EscalationAdapter,
  type EscalationContext,
  type RetryOptions,
} from '@pillar/escalation-core';
import { apiBase, checkSubdomain, positiveInt } from './config';
import { zendeskErrorFromResponse, type ZendeskErrorContext } from './errors';
import { requireEmail, userName } from './mapping';
import type { ZendeskRequestPayload } from './payloads';

/**
 * Default bound of the request's comment, in UTF-16 units: Zendesk holds about 65,000
 * characters in a comment, and the margin covers multi-byte text.
 */
export const DEFAULT_COMMENT_MAX_LENGTH = 60_000;
/** Default bound of a subject. */
export const DEFAULT_TICKET_SUBJECT_LENGTH = 150;
/** Default per-try timeout of the HTTP adapters. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/** Options of {@link zendeskRequest}. */
export interface ZendeskRequestOptions {
  /** The account name: `acme` for `acme.zendesk.com`. */
  subdomain: string;
  /**
   * Where to send the request instead of `https://{subdomain}.zendesk.com` (a proxy, or a local
   * server in tests). https, or http for localhost only.
   * @defaultValue `https://{subdomain}.zendesk.com`
   */
  baseUrl?: string;
  /** Longest subject (the user's first question, cut at a word). @defaultValue 150 */
  subjectMaxLength?: number;
  /** Longest comment (the plain-text transcript), in UTF-16 units. @defaultValue 60000 */
  commentMaxLength?: number;
  /** Per-try timeout, in ms. @defaultValue 10000 */
  timeoutMs?: number;
  /**
   * Retry policy (`withRetry` options), or `false` for one try. Only failures that prove the
   * request was not taken (429, 503, connection refused) are retried: the Requests API takes no
   * idempotency key.
   * @defaultValue the `withRetry` defaults (3 tries within 15 s)
   */
  retry?: RetryOptions | false;
  /** The `fetch` to use. @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
}

const NAME = 'zendeskRequest';

/**
 * An anonymous request through Zendesk's Requests API (`POST /api/v2/requests`), from the browser
 * or a server, with no secret: for accounts that let anybody submit tickets. The user's email is
 * required; the transcript is the comment (plain text).
 */
export function zendeskRequest(options: ZendeskRequestOptions): EscalationAdapter<ZendeskRequestPayload> {
  if (typeof options !== 'object' || options === null) throw new EscalationError('CONFIGURATION', `${NAME}: options with a subdomain are required`);
  const subdomain = checkSubdomain(options.subdomain, NAME);
  const url = `${apiBase(subdomain, options.baseUrl, NAME)}/api/v2/requests`;
  const subjectMaxLength = positiveInt(options.subjectMaxLength, DEFAULT_TICKET_SUBJECT_LENGTH, 'subjectMaxLength', NAME, 255);
  const commentMaxLength = positiveInt(options.commentMaxLength, DEFAULT_COMMENT_MAX_LENGTH, 'commentMaxLength', NAME, 65_000);
  const timeoutMs = positiveInt(options.timeoutMs, DEFAULT_HTTP_TIMEOUT_MS, 'timeoutMs', NAME, 120_000);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new EscalationError('CONFIGURATION', `${NAME}: fetch must be a function`);
  const errorContext: ZendeskErrorContext = {
    api: 'requests',
    subdomain,
    describeAuthFailure: `Zendesk takes anonymous requests only when the account lets anybody submit tickets (Admin Center > People > Configuration > End users); also check subdomain "${subdomain}"`,
  };

  return {
    kind: 'zendesk-request',
    runtime: 'universal',
    limits: { fields: { 'request.subject': subjectMaxLength, 'request.comment.body': commentMaxLength } },
    toPayload(context: EscalationContext): ZendeskRequestPayload {
      const email = requireEmail(context, NAME, 'an anonymous Zendesk request is answered by email');
      return {
        request: {
          subject: titleFromContext(context, { maxLength: subjectMaxLength }),
          comment: { body: renderTranscript(context, { format: 'text', maxLength: commentMaxLength }) },
          // Zendesk wants a name for a new end user: fall back to the address's local part.
          requester: { name: userName(context) ?? email.slice(0, email.indexOf('@')), email },
        },
      };
    },
    async deliver(payload, { signal }) {
      // Read at call time, so a fetch patched after construction (polyfill, msw) is used.
      if (!options.fetch && typeof globalThis.fetch !== 'function') throw new EscalationError('CONFIGURATION', `${NAME}: there is no fetch here; pass options.fetch`);
      const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
      const once = async () => {
        // Anonymous (credentials omitted): a Zendesk session cookie of the user must not ride along.
        // No idempotency key on this path, so nothing that may have been received is repeated.
        const answer = await postJson(url, payload, { fetch: fetchImpl, timeoutMs, ...(signal ? { signal } : {}), provider: 'Zendesk', safeToRetry: false });
        if (answer.status >= 200 && answer.status < 300) return answer;
        throw zendeskErrorFromResponse(answer, errorContext, false);
      };
      const answer = options.retry === false ? await once() : await withRetry(once, { ...options.retry, signal });
      const id = (answer.body as { request?: { id?: unknown } } | undefined)?.request?.id;
      return { status: 'created', ...(typeof id === 'number' || typeof id === 'string' ? { reference: { id: String(id) } } : {}) };
    },
  };
}
