import {
  EscalationError,
  baseUrl,
  custom,
  defineOptions,
  int,
  postJson,
  retry,
  renderTranscript,
  titleFromContext,
  withRetry,
  type EscalationAdapter,
  type EscalationContext,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  type RetryOptions,
} from '@pillar/escalation-core';
import { DEFAULT_COMMENT_MAX_LENGTH, DEFAULT_HTTP_TIMEOUT_MS, DEFAULT_SUBJECT_LENGTH, ZENDESK_COMMENT_MAX, ZENDESK_SUBJECT_MAX } from './limits';
import { subdomainField } from './option-fields';
import { zendeskErrorFromResponse, type ZendeskErrorContext } from './errors';
import { requireEmail, userName } from './mapping';
import type { ZendeskRequestPayload } from './payloads';


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
  /** Longest subject (the user's first question, cut at a word), at most 255. @defaultValue 150 */
  subjectMaxLength?: number;
  /** Longest comment (the plain-text transcript), in UTF-16 units, at most 65,000. @defaultValue 60000 */
  descriptionMaxLength?: number;
  /**
   * Longest comment.
   * @deprecated Renamed `descriptionMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
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

const NAME = 'zendesk-request';

const OPTIONS = defineOptions(
  NAME,
  {
    subdomain: subdomainField,
    // No secret rides along, but the user's email and transcript do: https (or loopback) all the same.
    baseUrl: baseUrl(),
    subjectMaxLength: int({ max: ZENDESK_SUBJECT_MAX, default: DEFAULT_SUBJECT_LENGTH }),
    descriptionMaxLength: int({ max: ZENDESK_COMMENT_MAX, default: DEFAULT_COMMENT_MAX_LENGTH }),
    timeoutMs: int({ max: 120_000, default: DEFAULT_HTTP_TIMEOUT_MS }),
    retry: retry(),
    fetch: custom({ expects: 'a function (fetch)', invalid: ['fetch'], check: (v) => (typeof v === 'function' ? (v as typeof fetch) : undefined) }),
  } satisfies OptionFieldsFor<Omit<ZendeskRequestOptions, 'commentMaxLength'>>,
  { renamed: { commentMaxLength: 'descriptionMaxLength' } },
);

/** The declared options of {@link zendeskRequest}. */
export const ZENDESK_REQUEST_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * An anonymous request through Zendesk's Requests API (`POST /api/v2/requests`), from the browser
 * or a server, with no secret: for accounts that let anybody submit tickets. The user's email is
 * required; the transcript is the comment (plain text).
 */
export function zendeskRequest(options: ZendeskRequestOptions): EscalationAdapter<ZendeskRequestPayload> {
  const o = OPTIONS.check(options);
  const subdomain = o.subdomain.toLowerCase();
  const url = `${o.baseUrl ?? `https://${subdomain}.zendesk.com`}/api/v2/requests`;
  const { subjectMaxLength, descriptionMaxLength: commentMaxLength, timeoutMs } = o;
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
      if (!o.fetch && typeof globalThis.fetch !== 'function') throw new EscalationError('CONFIGURATION', `${NAME}: there is no fetch here; pass options.fetch`);
      const fetchImpl = o.fetch ?? globalThis.fetch.bind(globalThis);
      const once = async () => {
        // Anonymous (credentials omitted): a Zendesk session cookie of the user must not ride along.
        // No idempotency key on this path, so nothing that may have been received is repeated.
        const answer = await postJson(url, payload, { fetch: fetchImpl, timeoutMs, ...(signal ? { signal } : {}), provider: 'Zendesk', safeToRetry: false });
        if (answer.status >= 200 && answer.status < 300) return answer;
        throw zendeskErrorFromResponse(answer, errorContext, false);
      };
      const answer = o.retry === false ? await once() : await withRetry(once, { ...o.retry, signal });
      const id = (answer.body as { request?: { id?: unknown } } | undefined)?.request?.id;
      return { status: 'created', ...(typeof id === 'number' || typeof id === 'string' ? { reference: { id: String(id) } } : {}) };
    },
  };
}
