import {
  EscalationError,
  baseUrl,
  bool,
  custom,
  defineOptions,
  int,
  oneOf,
  resolveOption,
  retry,
  callOption,
  group,
  OptionProblem,
  renderTranscript,
  valueOrFn,
  titleFromContext,
  toEscalationError,
  withRetry,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
  type FindOptions,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  type RetryOptions,
} from '@pillar/escalation-core';
import { resolveHttpClient, sendJson } from '@pillar/escalation-core/http';
import type { AxiosInstance } from 'axios';
import { refineZendeskError, zendeskResponseErrorOptions, type ZendeskErrorContext } from './errors';
import { mapFields, requireEmail, resolveTags, userName, type ZendeskFieldMap, type ZendeskTags } from './mapping';
import type { ZendeskPriority, ZendeskTicketPayload, ZendeskTicketType } from './payloads';
import { findWaitField, lookUntil, type FindWaitOptions } from '@pillar/escalation-core/http';
import { DEFAULT_COMMENT_MAX_LENGTH, DEFAULT_HTTP_TIMEOUT_MS, DEFAULT_SUBJECT_LENGTH, ZENDESK_COMMENT_MAX, ZENDESK_KEY_MAX_LENGTH, ZENDESK_SUBJECT_MAX } from './limits';
import { externalIdField, FIELD_MAP, fieldIdField, subdomainField, tagsField } from './option-fields';

/** How the server authenticates: an agent's API token, or an OAuth access token. */
export type ZendeskAuth =
  | {
      /** The email of the agent who owns the token (sent as `{email}/token`). */
      email: string;
      /** An API token (Admin Center > Apps and integrations > Zendesk API). */
      apiToken: string;
    }
  | {
      /** An OAuth access token allowed to write tickets. */
      oauthToken: string;
    };

/**
 * What of the escalation goes where on the ticket.
 * @deprecated Its members are options of their own now (`fields`, `tags`, `externalId`). Removed in the next minor version.
 */
export interface ZendeskTicketMapping {
  /** Custom ticket fields that receive the conversation id, reason, plan, page URL and metadata. @defaultValue none */
  fields?: ZendeskFieldMap;
  /**
   * Ticket tags.
   * @defaultValue `defaultZendeskTags`: `['pillar-escalation', 'reason-<reason>']`
   */
  tags?: ZendeskTags;
  /**
   * The ticket's `external_id`. By default `deliver` sets it to the escalation's idempotency key,
   * so `find` can look the ticket up after a lost answer (`GET /api/v2/tickets?external_id=`).
   * A function puts your own id there instead, and `false` none: either way the adapter then has
   * no `find`, and only Zendesk's `Idempotency-Key` (about 2 hours) guards a re-send. To keep
   * the conversation id on the ticket, map it to a custom field (`fields.conversationId`).
   * @defaultValue the escalation key, set by `deliver`
   */
  externalId?: false | ((context: EscalationContext) => string | undefined);
}

/** Options of {@link zendeskTicket}. */
export interface ZendeskTicketOptions {
  /** The account name: `acme` for `acme.zendesk.com`. */
  subdomain: string;
  /** Credentials; keep them on the server (environment variables, a secret store). */
  auth: ZendeskAuth;
  /**
   * Where to send the request instead of `https://{subdomain}.zendesk.com` (a proxy, or a local
   * server in tests). https, or http for localhost only. Ticket links still point at the subdomain.
   * @defaultValue `https://{subdomain}.zendesk.com`
   */
  baseUrl?: string;
  /** Custom ticket fields that receive the conversation id, reason, plan, page URL and metadata. @defaultValue none */
  fields?: ZendeskFieldMap;
  /**
   * Ticket tags, fixed or from the context.
   * @defaultValue core's `defaultTags`: `['pillar-escalation', 'reason-<reason>']`
   */
  tags?: ZendeskTags;
  /**
   * The ticket's `external_id`. By default `deliver` sets it to the escalation's idempotency key,
   * so `find` can look the ticket up after a lost answer (`GET /api/v2/tickets?external_id=`).
   * A function puts your own id there instead, and `false` none: either way the adapter then has
   * no `find`, and only Zendesk's `Idempotency-Key` (about 2 hours) guards a re-send. To keep
   * the conversation id on the ticket, map it to a custom field (`fields.conversationId`).
   * @defaultValue the escalation key, set by `deliver`
   */
  externalId?: false | ((context: EscalationContext) => string | undefined);
  /**
   * Custom fields, tags and external id.
   * @deprecated Give `fields`, `tags` and `externalId` as options of their own. Removed in the next minor version.
   */
  mapping?: ZendeskTicketMapping;
  /** Ticket priority, fixed or from the context (e.g. by plan). @defaultValue not set (the account's default) */
  priority?: ZendeskPriority | ((context: EscalationContext) => ZendeskPriority | undefined);
  /** Ticket type. @defaultValue not set */
  type?: ZendeskTicketType;
  /** Ticket form id. @defaultValue not set (the default form) */
  ticketFormId?: number;
  /** Brand id. @defaultValue not set (the default brand) */
  brandId?: number;
  /**
   * Make the transcript a public comment. By default it is an internal note: agents see it, the
   * requester's notification emails do not quote the co-pilot conversation back, and the ticket
   * shows in the requester's Help Center list once an agent replies publicly.
   * @defaultValue false
   */
  publicComment?: boolean;
  /** Longest subject (the user's first question, cut at a word), at most 255. @defaultValue 150 */
  subjectMaxLength?: number;
  /** Longest `html_body` (the escaped HTML transcript), in UTF-16 units, at most 65,000. @defaultValue 60000 */
  descriptionMaxLength?: number;
  /**
   * Longest `html_body`.
   * @deprecated Renamed `descriptionMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
  commentMaxLength?: number;
  /** Per-try timeout, in ms. @defaultValue 10000 */
  timeoutMs?: number;
  /**
   * Retry policy (`withRetry` options), or `false` for one try. Every try carries the same
   * `Idempotency-Key`, so Zendesk never makes two tickets for one escalation.
   * @defaultValue the `withRetry` defaults (3 tries within 15 s)
   */
  retry?: RetryOptions | false;
  /** The axios instance. @defaultValue the container's `HTTP_CLIENT`, else a default instance */
  http?: AxiosInstance;
  /**
   * How long `find` keeps looking for a ticket with the key before it answers that none exists
   * (a create whose answer was lost may still be in flight at Zendesk). The list filter reads
   * tickets, not the search index; how fast it sees a new ticket is unconfirmed, and a re-send
   * within about 2 hours carries the same `Idempotency-Key` anyway.
   * @defaultValue `{ waitMs: 2_000, intervalMs: 1_000 }` (three looks)
   */
  find?: FindWaitOptions;
}

const NAME = 'zendesk-ticket';
const PRIORITIES: readonly ZendeskPriority[] = ['urgent', 'high', 'normal', 'low'];
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const MAX_KEY_LENGTH = ZENDESK_KEY_MAX_LENGTH;
/** Default `find` wait of {@link zendeskTicket}. */
export const ZENDESK_FIND_WAIT: Readonly<Required<FindWaitOptions>> = { waitMs: 2_000, intervalMs: 1_000 };

const priorityField = oneOf(PRIORITIES);

const OPTIONS = defineOptions(
  NAME,
  {
    subdomain: subdomainField,
    auth: custom({ expects: '{ email, apiToken } or { oauthToken }', required: true as const, invalid: [null, {}, { oauthToken: 'has space' }, { email: 'agent@acme.test' }], check: checkAuth }),
    baseUrl: baseUrl(),
    fields: group(FIELD_MAP),
    tags: tagsField,
    externalId: externalIdField,
    priority: valueOrFn(priorityField),
    type: oneOf<ZendeskTicketType>(['problem', 'incident', 'question', 'task']),
    ticketFormId: fieldIdField,
    brandId: fieldIdField,
    publicComment: bool({ default: false }),
    subjectMaxLength: int({ max: ZENDESK_SUBJECT_MAX, default: DEFAULT_SUBJECT_LENGTH }),
    descriptionMaxLength: int({ max: ZENDESK_COMMENT_MAX, default: DEFAULT_COMMENT_MAX_LENGTH }),
    timeoutMs: int({ max: 120_000, default: DEFAULT_HTTP_TIMEOUT_MS }),
    retry: retry(),
    http: custom({ expects: 'an axios instance', invalid: ['axios', 42], check: (v) => (typeof v === 'function' ? (v as AxiosInstance) : undefined) }),
    find: findWaitField(ZENDESK_FIND_WAIT),
  } satisfies OptionFieldsFor<Omit<ZendeskTicketOptions, 'mapping' | 'commentMaxLength'>>,
  { renamed: { commentMaxLength: 'descriptionMaxLength', 'mapping.fields': 'fields', 'mapping.tags': 'tags', 'mapping.externalId': 'externalId' } },
);

/** The declared options of {@link zendeskTicket}: what the testkit checks, what the factory runs. */
export const ZENDESK_TICKET_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Creates a Zendesk ticket on the server (`POST /api/v2/tickets`): the user's first question as
 * the subject, the escaped HTML transcript as the first comment, the user as requester, tags and
 * custom fields from the mapping, and the escalation's `Idempotency-Key` on every try.
 */
export function zendeskTicket(options: ZendeskTicketOptions): EscalationAdapter<ZendeskTicketPayload> {
  const o = OPTIONS.check(options);
  const subdomain = o.subdomain.toLowerCase();
  const url = `${o.baseUrl ?? `https://${subdomain}.zendesk.com`}/api/v2/tickets`;
  const authorization = authHeader(o.auth);
  const { subjectMaxLength, descriptionMaxLength, timeoutMs, ticketFormId, brandId } = o;
  const errorContext: ZendeskErrorContext = { api: 'tickets', subdomain, describeAuthFailure: describeAuthFailure(o.auth, subdomain) };
  const wait = o.find;
  // The key goes in external_id unless the app claims that field for its own id.
  const stampKey = o.externalId === undefined;
  const ticketLink = (id: string) => `https://${subdomain}.zendesk.com/agent/tickets/${id}`;

  const find = async (idempotencyKey: string, _context: EscalationContext, findOptions: FindOptions = {}): Promise<Delivery | null> => {
    checkKey(idempotencyKey);
    const { signal, container } = findOptions;
    const http = resolveHttpClient({ http: o.http, container });
    const lookup = new URL(url);
    lookup.searchParams.set('external_id', idempotencyKey);
    lookup.searchParams.set('sort_by', 'created_at');
    lookup.searchParams.set('sort_order', 'asc');
    const look = async (): Promise<TicketListed[] | undefined> => {
      const answer = await sendJson<unknown>(
        { method: 'GET', url: lookup.href, headers: { Authorization: authorization } },
        { http, provider: 'Zendesk', timeoutMs, signal, retry: false, ...zendeskResponseErrorOptions(errorContext, true) },
      ).catch((error: unknown) => {
        throw refineZendeskError(toEscalationError(error), errorContext);
      });
      const tickets = listedTickets(answer.data, idempotencyKey);
      return tickets.length > 0 ? tickets : undefined;
    };
    const found = await lookUntil(look, wait, signal, 'Zendesk');
    if (found === undefined) return null;
    // External ids need not be unique: the first ticket made with the key is the escalation's.
    const [first, ...others] = found.sort((a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id)) as [TicketListed, ...TicketListed[]];
    return {
      status: 'created',
      reference: { id: first.id, url: ticketLink(first.id) },
      data: { found: 'external_id', ...(others.length ? { duplicates: others.map((t) => t.id) } : {}) },
    };
  };

  return {
    kind: 'zendesk-ticket',
    runtime: 'server',
    limits: { fields: { 'ticket.subject': subjectMaxLength, 'ticket.comment.html_body': descriptionMaxLength } },
    toPayload(context: EscalationContext): ZendeskTicketPayload {
      const email = requireEmail(context, NAME, 'Zendesk makes the requester from it (without one the ticket would belong to the API user)');
      const name = userName(context);
      const locale = context.user?.locale?.trim();
      const ticket: ZendeskTicketPayload['ticket'] = {
        subject: titleFromContext(context, { maxLength: subjectMaxLength }),
        comment: { html_body: renderTranscript(context, { format: 'html', maxLength: descriptionMaxLength }), public: o.publicComment },
        requester: { ...(name ? { name } : {}), email, ...(locale ? { locale } : {}) },
        tags: resolveTags(NAME, o.tags, context),
      };
      const customFields = mapFields(o.fields, context).map((field) => ({ id: Number(field.id), value: field.value }));
      if (customFields.length) ticket.custom_fields = customFields;
      const externalId = typeof o.externalId === 'function' ? callOption(NAME, 'externalId', o.externalId, context) : undefined;
      if (externalId) ticket.external_id = externalId;
      const priority = o.priority === undefined ? undefined : resolveOption(NAME, 'priority', o.priority, context, priorityField);
      if (priority !== undefined) ticket.priority = priority;
      if (o.type) ticket.type = o.type;
      if (ticketFormId !== undefined) ticket.ticket_form_id = ticketFormId;
      if (brandId !== undefined) ticket.brand_id = brandId;
      return { ticket };
    },
    async deliver(payload, { idempotencyKey, signal, container }) {
      checkKey(idempotencyKey);
      const http = resolveHttpClient({ http: o.http, container });
      // The key rides in external_id too, so `find` can tell whether a lost create landed.
      const body: ZendeskTicketPayload = stampKey ? { ticket: { ...payload.ticket, external_id: idempotencyKey } } : payload;
      let landed = false;
      const once = async () => {
        try {
          return await sendJson<{ ticket?: { id?: unknown } } | undefined>(
            { method: 'POST', url, headers: { Authorization: authorization, 'Idempotency-Key': idempotencyKey }, data: body },
            { http, provider: 'Zendesk', timeoutMs, signal, retry: false, ...zendeskResponseErrorOptions(errorContext, true) },
          );
        } catch (error) {
          const e = refineZendeskError(toEscalationError(error), errorContext);
          landed ||= mayHaveLanded(e);
          throw e;
        }
      };
      let answer: { status: number; data: { ticket?: { id?: unknown } } | undefined; headers: Record<string, string> };
      try {
        answer = o.retry === false ? await once() : await withRetry(once, { ...o.retry, ...(signal ? { signal } : {}) });
      } catch (error) {
        // Safe to try Zendesk again with the same key, but not proof that no ticket exists.
        throw landed ? markMayExist(toEscalationError(error)) : error;
      }
      const id = ticketId(answer.data, answer.headers.location);
      const lookup = answer.headers['x-idempotency-lookup'];
      return {
        status: 'created',
        ...(id ? { reference: { id, url: ticketLink(id) } } : {}),
        // `hit`: Zendesk answered from an earlier try with the same key; no second ticket was made.
        ...(lookup ? { data: { idempotencyLookup: lookup } } : {}),
      };
    },
    ...(stampKey ? { find } : {}),
  };
}

/** One ticket the `external_id` filter listed. */
interface TicketListed {
  id: string;
  /** Creation time in ms (0 when Zendesk gave none). */
  createdAt: number;
}

/** The tickets of a `GET /api/v2/tickets` answer that carry exactly this key. */
function listedTickets(data: unknown, key: string): TicketListed[] {
  const tickets = typeof data === 'object' && data !== null ? (data as { tickets?: unknown }).tickets : undefined;
  if (!Array.isArray(tickets)) {
    throw new EscalationError('PROVIDER_UNAVAILABLE', 'Zendesk answered the ticket lookup without a tickets list', { retryable: true });
  }
  const out: TicketListed[] = [];
  for (const t of tickets as Array<{ id?: unknown; external_id?: unknown; created_at?: unknown }>) {
    const id = ticketId({ ticket: t }, undefined);
    // The filter is Zendesk's; checking the id again keeps a loose match from passing for ours.
    if (id === undefined || t.external_id !== key) continue;
    const createdAt = typeof t.created_at === 'string' ? Date.parse(t.created_at) : NaN;
    out.push({ id, createdAt: Number.isNaN(createdAt) ? 0 : createdAt });
  }
  return out;
}

/**
 * Whether a failed create may have made a ticket: no answer (timeout, reset) or a 5xx other than
 * 503. Not when the request provably never left (`details.code` such as `ECONNREFUSED`), nor
 * when Zendesk answered 4xx, 429 or 503 (it refused or did not take the request).
 */
function mayHaveLanded(error: EscalationError): boolean {
  if (error.code === 'ABORTED') return false;
  if (error.status !== undefined) return error.status >= 500 && error.status !== 503;
  if (error.code !== 'TIMEOUT' && error.code !== 'PROVIDER_UNAVAILABLE') return false;
  const code = error.details?.code;
  return !(typeof code === 'string' && NOT_SENT.has(code));
}

/** Network failures that prove the request never reached Zendesk. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

/** The same failure, marked "may exist": retryable with the same key, but never a reason to fall back. */
function markMayExist(error: EscalationError): EscalationError {
  if (error.details?.ambiguous === true) return error;
  return new EscalationError(error.code, `${error.message}; an earlier try may have created the ticket (retry with the same key, or look it up with find)`, {
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    details: { ...error.details, ambiguous: true },
    cause: error,
  });
}

function checkKey(idempotencyKey: unknown): asserts idempotencyKey is string {
  if (typeof idempotencyKey !== 'string' || !HEADER_SAFE.test(idempotencyKey) || idempotencyKey.length > MAX_KEY_LENGTH) {
    throw new EscalationError(
      'CONFIGURATION',
      `${NAME}: the idempotency key must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters (it is sent as the Idempotency-Key header and the external_id)`,
    );
  }
}

/** The likely cause of a 401/403 for these credentials. */
function describeAuthFailure(auth: ZendeskAuth, subdomain: string): string {
  const account = `subdomain "${subdomain}"`;
  if ('oauthToken' in auth) return `check that auth.oauthToken is valid, not revoked, allows writing tickets, and belongs to ${account}`;
  return `check auth.apiToken (token access must be enabled in Admin Center > Apps and integrations > Zendesk API), that auth.email is the email of an agent of ${account} (it is sent as "{email}/token"; do not add "/token" yourself), and that the token belongs to that account`;
}

/** Checks the credentials' shape; a refused member is named (`auth.email`), a token never shown. */
function checkAuth(auth: unknown): ZendeskAuth | OptionProblem | undefined {
  if (typeof auth !== 'object' || auth === null) return undefined;
  const a = auth as { email?: unknown; apiToken?: unknown; oauthToken?: unknown };
  if (a.oauthToken !== undefined) {
    return typeof a.oauthToken === 'string' && HEADER_SAFE.test(a.oauthToken) ? { oauthToken: a.oauthToken } : new OptionProblem('must be a non-empty token without spaces', 'oauthToken');
  }
  if (typeof a.email !== 'string' || !/^[^\s@/]+@[^\s@/]+$/.test(a.email)) {
    return new OptionProblem(`must be the agent's email address (without "/token"), got ${JSON.stringify(a.email)}`, 'email');
  }
  if (typeof a.apiToken !== 'string' || !HEADER_SAFE.test(a.apiToken)) return new OptionProblem('must be a non-empty token without spaces', 'apiToken');
  return { email: a.email, apiToken: a.apiToken };
}

function authHeader(auth: ZendeskAuth): string {
  return 'oauthToken' in auth ? `Bearer ${auth.oauthToken}` : `Basic ${base64(`${auth.email}/token:${auth.apiToken}`)}`;
}

/** Base64 of the UTF-8 bytes (btoa alone takes Latin-1 only). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The new ticket's id, from the body or else the `Location` header (`.../tickets/123.json`). */
function ticketId(body: { ticket?: { id?: unknown } } | undefined, location: string | undefined): string | undefined {
  const id = body?.ticket?.id;
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return String(id);
  return location?.match(/\/tickets\/(\d+)(?:\.json)?(?:[?#].*)?$/)?.[1];
}
