import {
  EscalationError,
  renderTranscript,
  titleFromContext,
  toEscalationError,
  type EscalationAdapter,
  type EscalationContext,
  type RetryOptions,
} from '@pillar/escalation-core';
import { resolveHttpClient, sendJson } from '@pillar/escalation-core/http';
import type { AxiosInstance } from 'axios';
import { apiBase, checkSubdomain, positiveInt } from './config';
import { refineZendeskError, zendeskResponseErrorOptions, type ZendeskErrorContext } from './errors';
import { checkFieldId, checkFieldMap, checkTags, mapFields, requireEmail, resolveTags, userName, type ZendeskFieldMap, type ZendeskTags } from './mapping';
import type { ZendeskPriority, ZendeskTicketPayload, ZendeskTicketType } from './payloads';
import { DEFAULT_COMMENT_MAX_LENGTH, DEFAULT_HTTP_TIMEOUT_MS, DEFAULT_TICKET_SUBJECT_LENGTH } from './request';

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

/** What of the escalation goes where on the ticket. */
export interface ZendeskTicketMapping {
  /** Custom ticket fields that receive the conversation id, reason, plan, page URL and metadata. @defaultValue none */
  fields?: ZendeskFieldMap;
  /**
   * Ticket tags.
   * @defaultValue `defaultZendeskTags`: `['pillar-escalation', 'reason-<reason>']`
   */
  tags?: ZendeskTags;
  /**
   * The ticket's `external_id` (searchable; links the ticket to your records), or `false` for none.
   * @defaultValue the Pillar conversation id, when there is one
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
  /** Custom fields, tags and external id. */
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
  /** Longest subject (the user's first question, cut at a word). @defaultValue 150 */
  subjectMaxLength?: number;
  /** Longest `html_body` (the escaped HTML transcript), in UTF-16 units. @defaultValue 60000 */
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
}

const NAME = 'zendeskTicket';
const PRIORITIES: readonly ZendeskPriority[] = ['urgent', 'high', 'normal', 'low'];
const TYPES: readonly ZendeskTicketType[] = ['problem', 'incident', 'question', 'task'];
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Creates a Zendesk ticket on the server (`POST /api/v2/tickets`): the user's first question as
 * the subject, the escaped HTML transcript as the first comment, the user as requester, tags and
 * custom fields from the mapping, and the escalation's `Idempotency-Key` on every try.
 */
export function zendeskTicket(options: ZendeskTicketOptions): EscalationAdapter<ZendeskTicketPayload> {
  if (typeof options !== 'object' || options === null) throw new EscalationError('CONFIGURATION', `${NAME}: options with subdomain and auth are required`);
  const subdomain = checkSubdomain(options.subdomain, NAME);
  const url = `${apiBase(subdomain, options.baseUrl, NAME)}/api/v2/tickets`;
  const authorization = authHeader(options.auth);
  const mapping = options.mapping ?? {};
  checkFieldMap(mapping.fields, NAME, 'mapping.fields');
  checkTags(mapping.tags, NAME);
  if (mapping.externalId !== undefined && mapping.externalId !== false && typeof mapping.externalId !== 'function') {
    throw new EscalationError('CONFIGURATION', `${NAME}: mapping.externalId must be false or a function of the context`);
  }
  if (options.priority !== undefined && typeof options.priority !== 'function') checkPriority(options.priority);
  if (options.type !== undefined && !TYPES.includes(options.type)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: type must be one of ${TYPES.join(', ')}, got ${JSON.stringify(options.type)}`);
  }
  const ticketFormId = options.ticketFormId === undefined ? undefined : checkFieldId(options.ticketFormId, 'ticketFormId', NAME);
  const brandId = options.brandId === undefined ? undefined : checkFieldId(options.brandId, 'brandId', NAME);
  const subjectMaxLength = positiveInt(options.subjectMaxLength, DEFAULT_TICKET_SUBJECT_LENGTH, 'subjectMaxLength', NAME, 255);
  const commentMaxLength = positiveInt(options.commentMaxLength, DEFAULT_COMMENT_MAX_LENGTH, 'commentMaxLength', NAME, 65_000);
  const timeoutMs = positiveInt(options.timeoutMs, DEFAULT_HTTP_TIMEOUT_MS, 'timeoutMs', NAME, 120_000);
  const errorContext: ZendeskErrorContext = { api: 'tickets', subdomain, describeAuthFailure: describeAuthFailure(options.auth, subdomain) };

  return {
    kind: 'zendesk-ticket',
    runtime: 'server',
    limits: { fields: { 'ticket.subject': subjectMaxLength, 'ticket.comment.html_body': commentMaxLength } },
    toPayload(context: EscalationContext): ZendeskTicketPayload {
      const email = requireEmail(context, NAME, 'Zendesk makes the requester from it (without one the ticket would belong to the API user)');
      const name = userName(context);
      const locale = context.user?.locale?.trim();
      const ticket: ZendeskTicketPayload['ticket'] = {
        subject: titleFromContext(context, { maxLength: subjectMaxLength }),
        comment: { html_body: renderTranscript(context, { format: 'html', maxLength: commentMaxLength }), public: options.publicComment ?? false },
        requester: { ...(name ? { name } : {}), email, ...(locale ? { locale } : {}) },
        tags: resolveTags(mapping.tags, context),
      };
      const customFields = mapFields(mapping.fields, context).map((field) => ({ id: checkFieldId(field.id, field.source, NAME), value: field.value }));
      if (customFields.length) ticket.custom_fields = customFields;
      const externalId = mapping.externalId === false ? undefined : mapping.externalId ? mapping.externalId(context) : (context.conversationId ?? undefined);
      if (externalId) ticket.external_id = externalId;
      const priority = typeof options.priority === 'function' ? options.priority(context) : options.priority;
      if (priority !== undefined) ticket.priority = checkPriority(priority);
      if (options.type) ticket.type = options.type;
      if (ticketFormId !== undefined) ticket.ticket_form_id = ticketFormId;
      if (brandId !== undefined) ticket.brand_id = brandId;
      return { ticket };
    },
    async deliver(payload, { idempotencyKey, signal, container }) {
      if (typeof idempotencyKey !== 'string' || !HEADER_SAFE.test(idempotencyKey)) {
        throw new EscalationError('CONFIGURATION', `${NAME}: the idempotency key must be non-empty printable ASCII (it is sent as the Idempotency-Key header)`);
      }
      const http = resolveHttpClient({ http: options.http, container });
      let answer: { status: number; data: { ticket?: { id?: unknown } } | undefined; headers: Record<string, string> };
      try {
        answer = await sendJson<{ ticket?: { id?: unknown } } | undefined>(
          { method: 'POST', url, headers: { Authorization: authorization, 'Idempotency-Key': idempotencyKey }, data: payload },
          { http, provider: 'Zendesk', timeoutMs, signal, retry: options.retry, ...zendeskResponseErrorOptions(errorContext, true) },
        );
      } catch (error) {
        throw refineZendeskError(toEscalationError(error), errorContext);
      }
      const id = ticketId(answer.data, answer.headers.location);
      const lookup = answer.headers['x-idempotency-lookup'];
      return {
        status: 'created',
        ...(id ? { reference: { id, url: `https://${subdomain}.zendesk.com/agent/tickets/${id}` } } : {}),
        // `hit`: Zendesk answered from an earlier try with the same key; no second ticket was made.
        ...(lookup ? { data: { idempotencyLookup: lookup } } : {}),
      };
    },
  };
}

/** The likely cause of a 401/403 for these credentials. */
function describeAuthFailure(auth: ZendeskAuth, subdomain: string): string {
  const account = `subdomain "${subdomain}"`;
  if ('oauthToken' in auth) return `check that auth.oauthToken is valid, not revoked, allows writing tickets, and belongs to ${account}`;
  return `check auth.apiToken (token access must be enabled in Admin Center > Apps and integrations > Zendesk API), that auth.email is the email of an agent of ${account} (it is sent as "{email}/token"; do not add "/token" yourself), and that the token belongs to that account`;
}

function authHeader(auth: unknown): string {
  if (typeof auth !== 'object' || auth === null) {
    throw new EscalationError('CONFIGURATION', `${NAME}: auth is required: { email, apiToken } or { oauthToken }`);
  }
  const a = auth as { email?: unknown; apiToken?: unknown; oauthToken?: unknown };
  if (a.oauthToken !== undefined) {
    if (typeof a.oauthToken !== 'string' || !HEADER_SAFE.test(a.oauthToken)) {
      throw new EscalationError('CONFIGURATION', `${NAME}: auth.oauthToken must be a non-empty token without spaces`);
    }
    return `Bearer ${a.oauthToken}`;
  }
  if (typeof a.email !== 'string' || !/^[^\s@/]+@[^\s@/]+$/.test(a.email)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: auth.email must be the agent's email address (without "/token"), got ${JSON.stringify(a.email)}`);
  }
  if (typeof a.apiToken !== 'string' || !HEADER_SAFE.test(a.apiToken)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: auth.apiToken must be a non-empty token without spaces`);
  }
  return `Basic ${base64(`${a.email}/token:${a.apiToken}`)}`;
}

/** Base64 of the UTF-8 bytes (btoa alone takes Latin-1 only). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function checkPriority(priority: unknown): ZendeskPriority {
  if (!PRIORITIES.includes(priority as ZendeskPriority)) {
    throw new EscalationError('CONFIGURATION', `${NAME}: priority must be one of ${PRIORITIES.join(', ')}, got ${JSON.stringify(priority)}`);
  }
  return priority as ZendeskPriority;
}

/** The new ticket's id, from the body or else the `Location` header (`.../tickets/123.json`). */
function ticketId(body: { ticket?: { id?: unknown } } | undefined, location: string | undefined): string | undefined {
  const id = body?.ticket?.id;
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return String(id);
  return location?.match(/\/tickets\/(\d+)(?:\.json)?(?:[?#].*)?$/)?.[1];
}
