import {
  EscalationError,
  baseUrl,
  custom,
  defaultTags,
  defineOptions,
  group,
  int,
  isEscalationError,
  oneOf,
  tags,
  resolveOption,
  retry,
  string,
  valueOrFn,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  renderTranscript,
  type DeliverOptions,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
  type FindOptions,
  type RetryOptions,
} from '@pillar/escalation-core';
import { resolveHttpClient, sendJson } from '@pillar/escalation-core/http';
import type { AxiosInstance } from 'axios';
import { domainField, freshdeskAccount } from './account';
import {
  FRESHDESK_PRIORITY,
  FRESHDESK_SOURCE,
  FRESHDESK_STATUS,
  type FreshdeskFieldValue,
  type FreshdeskPriority,
  type FreshdeskSource,
  type FreshdeskStatus,
} from './fields';
import { userIdentity } from './identity';
import { keyTag } from './key-tag';
import { DEFAULT_HTTP_TIMEOUT_MS, DEFAULT_TICKET_DESCRIPTION_LENGTH, FRESHDESK_SUBJECT_MAX, LOOKUP_PAGE } from './limits';
import { findWaitField, lookUntil, unsettled, type FindWaitOptions } from '@pillar/escalation-core/http';
import { customFieldsFor, fieldsField, type FreshdeskFieldMapping } from './mapping';
import { subjectField, subjectFor, type FreshdeskSubject } from './subject';
import { freshdeskErrorDetails } from './ticket-errors';

/** Options of {@link freshdeskTicket}. */
export interface FreshdeskTicketOptions {
  /** The account: `acme` or `acme.freshdesk.com`. Also names the agent link of the created ticket. */
  domain: string;
  /**
   * An agent's API key (Profile settings → Your API Key), sent as Basic auth `apiKey:X`. It
   * acts as that agent: keep it on the server.
   */
  apiKey: string;
  /** Send requests here instead of `https://{domain}.freshdesk.com` (a proxy, a local test server). @defaultValue `https://{domain}.freshdesk.com` */
  baseUrl?: string;
  /** Which custom fields (`cf_…`) receive the reason, plan, conversation id, page URL, … @defaultValue none */
  fields?: FreshdeskFieldMapping;
  /**
   * Which custom fields receive which facts.
   * @deprecated Renamed `fields`, the one name in every adapter. Removed in the next minor version.
   */
  mapping?: FreshdeskFieldMapping;
  /** The ticket subject: fixed, or built from the context. @defaultValue the first user message, one line, ≤ 255 characters */
  subject?: FreshdeskSubject;
  /** 2 open, 3 pending, 4 resolved, 5 closed. @defaultValue 2 (open) */
  status?: FreshdeskStatus;
  /** 1 low … 4 urgent; a function can raise it by reason or plan. @defaultValue 1 (low, Freshdesk's own default) */
  priority?: FreshdeskPriority | ((context: EscalationContext) => FreshdeskPriority);
  /** The channel the ticket shows as coming from. @defaultValue 7 (chat) */
  source?: FreshdeskSource;
  /** Ticket tags, fixed or from the context. @defaultValue core's `defaultTags`: `['pillar-escalation', 'reason-<reason>']` */
  tags?: readonly string[] | ((context: EscalationContext) => readonly string[]);
  /** The group the ticket is assigned to. @defaultValue Freshdesk's routing */
  groupId?: number;
  /** The ticket type, one of the account's types (e.g. `Question`). @defaultValue none */
  type?: string;
  /** The product the ticket belongs to. @defaultValue none */
  productId?: number;
  /**
   * How to name the requester when the user has no email: `unique_external_id` sends
   * `user.id` as the contact's unique external id (the field must be enabled in the account).
   * With `none`, a context without `user.email` is `INVALID_CONTEXT`.
   * @defaultValue 'none'
   */
  requesterFallback?: 'unique_external_id' | 'none';
  /** The longest HTML description, in UTF-16 units (at least 200); the transcript is cut by `renderTranscript`, keeping the first question and the latest messages. @defaultValue 50_000 */
  descriptionMaxLength?: number;
  /**
   * The longest HTML description.
   * @deprecated Renamed `descriptionMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
  maxDescriptionLength?: number;
  /** Per-request timeout, in ms. A create that times out is ambiguous and not repeated. @defaultValue 10_000 */
  timeoutMs?: number;
  /**
   * Retries for failures that prove no ticket was made (connection refused, 429, 503);
   * `false` for a single try. @defaultValue the `withRetry` defaults (3 tries within 15 s)
   */
  retry?: RetryOptions | false;
  /** The axios instance. @defaultValue the registry container's `HTTP_CLIENT`, else a shared default */
  http?: AxiosInstance;
  /**
   * How long `find` keeps looking for a ticket tagged with the key before it answers that none
   * exists (by requester email; see the docs for the assumption). Mind the list rate limit
   * (20 a minute on Growth): each look is one request.
   * @defaultValue `{ waitMs: 4_000, intervalMs: 2_000 }` (three looks)
   */
  find?: FindWaitOptions;
}

/** The body of `POST /api/v2/tickets`. */
export interface FreshdeskTicketPayload {
  /** Freshdesk `subject`: the `subject` option, else the first user message; one line, at most {@link FRESHDESK_SUBJECT_MAX} characters. */
  subject: string;
  /**
   * Freshdesk `description` (HTML): the transcript, every conversation character escaped, at most
   * `descriptionMaxLength` UTF-16 units (default 50,000).
   */
  description: string;
  /**
   * Freshdesk `email`, the requester's address: `context.user.email`, trimmed. Freshdesk needs one
   * requester field; the adapter sends this one, or `unique_external_id` when the user has no email.
   */
  email?: string;
  /**
   * Freshdesk `unique_external_id`, the requester's id in your system: `context.user.id`, sent only
   * with `requesterFallback: 'unique_external_id'` and no email (the field must be enabled in the account).
   */
  unique_external_id?: string;
  /** Freshdesk `name`, the requester's name: `context.user.name`, trimmed and cut to 255 characters; absent when unknown. */
  name?: string;
  /** Freshdesk `status` (2 open, 3 pending, 4 resolved, 5 closed): the `status` option, default 2 (open). */
  status: FreshdeskStatus;
  /** Freshdesk `priority` (1 low … 4 urgent): the `priority` option or its result for the context, default 1 (low). */
  priority: FreshdeskPriority;
  /** Freshdesk `source`, the channel the ticket shows as coming from: the `source` option, default 7 (chat). */
  source: FreshdeskSource;
  /**
   * Freshdesk `tags`: the `tags` option, trimmed, empty and repeated ones dropped; by default
   * core's `defaultTags`: `pillar-escalation` plus `reason-<reason>` when the context has a reason.
   */
  tags: string[];
  /**
   * Freshdesk `custom_fields`, keyed by API name (`cf_…`): the facts `mapping` names that the
   * context has, text cut to {@link FRESHDESK_TEXT_FIELD_MAX} characters; absent when none apply.
   */
  custom_fields?: Record<string, FreshdeskFieldValue>;
  /** Freshdesk `group_id`, the group the ticket is assigned to: the `groupId` option; absent to leave it to Freshdesk's routing. */
  group_id?: number;
  /** Freshdesk `type`, one of the account's ticket type names: the `type` option; absent when not set. */
  type?: string;
  /** Freshdesk `product_id`, the product the ticket belongs to: the `productId` option; absent when not set. */
  product_id?: number;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Tickets API adapter: {@link FreshdeskTicketPayload}. */
    'freshdesk-ticket': FreshdeskTicketPayload;
  }
}

export { DEFAULT_TICKET_DESCRIPTION_LENGTH } from './limits';
/** Default `find` wait of {@link freshdeskTicket}. */
export const FRESHDESK_FIND_WAIT: Readonly<Required<FindWaitOptions>> = { waitMs: 4_000, intervalMs: 2_000 };

/**
 * The first tag of core's `defaultTags`, which every ticket of {@link freshdeskTicket} carries when the `tags` option is not set.
 * @deprecated The default tags are core's `defaultTags` in every adapter. Removed in the next minor version.
 */
export const DEFAULT_FRESHDESK_TAG = 'pillar-escalation';

const ADAPTER = 'freshdesk-ticket';
const priorityField = oneOf(Object.values(FRESHDESK_PRIORITY), { default: FRESHDESK_PRIORITY.low });
const tagsField = tags();

const OPTIONS = defineOptions(
  ADAPTER,
  {
    domain: domainField,
    apiKey: custom({
      expects: 'an agent API key (Profile settings → Your API Key), without spaces',
      required: true as const,
      sensitive: true,
      invalid: ['', 'has space', 42],
      // Printable ASCII only: the key goes into a header, and btoa() rejects anything else.
      check: (key: unknown) => (typeof key === 'string' && /^[\x21-\x7e]+$/.test(key) ? key : undefined),
    }),
    baseUrl: baseUrl(),
    fields: fieldsField,
    subject: subjectField,
    status: oneOf(Object.values(FRESHDESK_STATUS), { default: FRESHDESK_STATUS.open }),
    priority: valueOrFn(priorityField),
    source: oneOf(Object.values(FRESHDESK_SOURCE), { default: FRESHDESK_SOURCE.chat }),
    tags: tagsField,
    groupId: int(),
    type: string(),
    productId: int(),
    requesterFallback: oneOf(['unique_external_id', 'none'], { default: 'none' }),
    descriptionMaxLength: int({ min: 200, default: DEFAULT_TICKET_DESCRIPTION_LENGTH }),
    timeoutMs: int({ max: 120_000, default: DEFAULT_HTTP_TIMEOUT_MS }),
    retry: retry(),
    http: custom({ expects: 'an axios instance', invalid: ['axios', 42], check: (v) => (typeof v === 'function' ? (v as AxiosInstance) : undefined) }),
    find: findWaitField(FRESHDESK_FIND_WAIT),
  } satisfies OptionFieldsFor<Omit<FreshdeskTicketOptions, 'mapping' | 'maxDescriptionLength'>>,
  { renamed: { mapping: 'fields', maxDescriptionLength: 'descriptionMaxLength' } },
);

/** The declared options of {@link freshdeskTicket}. */
export const FRESHDESK_TICKET_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Creates a Freshdesk ticket through the Tickets API v2: the first user message as subject,
 * the escaped HTML transcript as description, the user as requester, status, priority,
 * source, tags and mapped custom fields. Server only (it holds an agent's API key).
 *
 * Freshdesk has no idempotency keys, so a create whose answer is lost after it was sent
 * (timeout, connection reset, 500/502/504) is never repeated: it fails with
 * `details.ambiguous: true`, and the registry does not fall back unless the option opts in.
 * `deliver` tags the ticket with {@link keyTag} of the escalation key, and `find` looks that tag
 * up among the requester's latest tickets to settle such a failure.
 */
export function freshdeskTicket(options: FreshdeskTicketOptions): EscalationAdapter<FreshdeskTicketPayload> {
  const o = OPTIONS.check(options);
  const account = freshdeskAccount(o.domain, o.baseUrl);
  const authorization = `Basic ${btoa(`${o.apiKey}:X`)}`;
  const { status, source, descriptionMaxLength, timeoutMs, requesterFallback: fallback, find: wait } = o;
  const url = `${account.apiBase}/api/v2/tickets`;
  const describeAuthFailure = `check that \`apiKey\` is a valid agent API key of ${account.domain}.freshdesk.com (Profile settings → Your API Key) and that this agent may create tickets`;
  const link = (id: string): Delivery => ({ status: 'created', reference: { id, url: `${account.agentBase}/a/tickets/${encodeURIComponent(id)}` } });

  const find = async (idempotencyKey: string, context: EscalationContext, findOptions: FindOptions = {}): Promise<Delivery | null> => {
    const { signal, container } = findOptions;
    const tag = await keyTag(checkKey(idempotencyKey));
    // The same requester the ticket was made for; a context that names none could not have made one.
    const who = requester(context, fallback);
    const http = resolveHttpClient({ ...(o.http ? { http: o.http } : {}), ...(container ? { container } : {}) });
    const get = async (href: string): Promise<unknown> => {
      try {
        const answer = await sendJson<unknown>(
          { method: 'GET', url: href, headers: { Authorization: authorization } },
          { http, provider: 'Freshdesk', timeoutMs, ...(signal ? { signal } : {}), retry: false, safeToRetry: true, errorDetails: freshdeskErrorDetails, describeAuthFailure },
        );
        return answer.data;
      } catch (error) {
        throw wrongAccount(error, account.domain);
      }
    };
    if (who.email) {
      // The requester's latest tickets, straight from the tickets list (not the search index).
      const list = new URL(url);
      list.searchParams.set('email', who.email);
      list.searchParams.set('order_by', 'created_at');
      list.searchParams.set('order_type', 'desc');
      list.searchParams.set('per_page', String(LOOKUP_PAGE));
      const found = await lookUntil(
        async () => {
          const tickets = ticketList(await get(list.href), 'list');
          const matches = tagged(tickets, tag);
          if (matches.length > 0) return matches;
          if (tickets.length >= LOOKUP_PAGE) {
            // Ours could be past the first page: absence is not proven.
            throw new EscalationError('PROVIDER_UNAVAILABLE', `Freshdesk lists ${LOOKUP_PAGE} or more newer tickets of this requester, so the key's absence cannot be proven`, {
              retryable: false,
            });
          }
          return undefined;
        },
        wait,
        signal,
        'Freshdesk',
      );
      return found === undefined ? null : first(found, link);
    }
    // No email (requester by unique_external_id): only the search index can find the tag.
    const search = `${account.apiBase}/api/v2/search/tickets?query=${encodeURIComponent(`"tag:'${tag}'"`)}`;
    const found = await lookUntil(async () => {
      const matches = tagged(ticketList(await get(search), 'search'), tag);
      return matches.length > 0 ? matches : undefined;
    }, wait, signal, 'Freshdesk');
    if (found !== undefined) return first(found, link);
    // Freshdesk's search index takes minutes to list a new ticket: nothing found proves nothing.
    throw unsettled(
      new EscalationError('PROVIDER_UNAVAILABLE', "Freshdesk's search lists no ticket with the key's tag, but its index lags minutes behind (a requester without email cannot be looked up otherwise)", {
        retryable: true,
      }),
      'Freshdesk',
    );
  };

  return {
    kind: 'freshdesk-ticket',
    runtime: 'server',
    limits: { fields: { subject: FRESHDESK_SUBJECT_MAX, description: descriptionMaxLength } },
    fallbackOnAmbiguous: false,

    toPayload(context: EscalationContext): FreshdeskTicketPayload {
      const payload: FreshdeskTicketPayload = {
        subject: subjectFor(ADAPTER, context, o.subject),
        description: renderTranscript(context, { format: 'html', maxLength: descriptionMaxLength }),
        ...requester(context, fallback),
        status,
        priority: resolveOption(ADAPTER, 'priority', o.priority, context, priorityField) ?? FRESHDESK_PRIORITY.low,
        source,
        tags: tagsFor(context, o.tags),
      };
      const customFields = customFieldsFor(context, o.fields);
      if (customFields) payload.custom_fields = customFields;
      if (o.groupId !== undefined) payload.group_id = o.groupId;
      if (o.type !== undefined) payload.type = o.type;
      if (o.productId !== undefined) payload.product_id = o.productId;
      return payload;
    },

    async deliver(payload: FreshdeskTicketPayload, { idempotencyKey, signal, container }: DeliverOptions): Promise<Delivery> {
      const http = resolveHttpClient({ ...(o.http ? { http: o.http } : {}), ...(container ? { container } : {}) });
      // The key as a tag, so `find` can tell whether a create whose answer was lost landed.
      const tag = await keyTag(checkKey(idempotencyKey));
      const body: FreshdeskTicketPayload = { ...payload, tags: [...payload.tags.filter((t) => t !== tag), tag] };
      let response: { data: unknown };
      try {
        response = await sendJson<unknown>(
          { method: 'POST', url, headers: { Authorization: authorization }, data: body },
          {
            http,
            provider: 'Freshdesk',
            timeoutMs,
            ...(signal ? { signal } : {}),
            retry: o.retry ?? {},
            // No idempotency keys: a create that may have arrived must not be sent again.
            safeToRetry: false,
            errorDetails: freshdeskErrorDetails,
            describeAuthFailure,
          },
        );
      } catch (error) {
        throw wrongAccount(error, account.domain);
      }
      const id = ticketId(response.data);
      return id === undefined ? { status: 'created' } : link(id);
    },
    find,
  };
}

/** One ticket a lookup returned. */
interface ListedTicket {
  id: string;
  tags: string[];
  createdAt: number;
}

/** The tickets of a list answer (an array) or a search answer (`{ results }`). */
function ticketList(data: unknown, from: 'list' | 'search'): ListedTicket[] {
  const raw = from === 'list' ? data : typeof data === 'object' && data !== null ? (data as { results?: unknown }).results : undefined;
  if (!Array.isArray(raw)) {
    throw new EscalationError('PROVIDER_UNAVAILABLE', `Freshdesk answered the ticket ${from} without a list of tickets`, { retryable: true });
  }
  const out: ListedTicket[] = [];
  for (const t of raw as Array<{ id?: unknown; tags?: unknown; created_at?: unknown }>) {
    const id = ticketId(t);
    if (id === undefined) continue;
    const createdAt = typeof t.created_at === 'string' ? Date.parse(t.created_at) : NaN;
    out.push({ id, tags: Array.isArray(t.tags) ? t.tags.filter((x): x is string => typeof x === 'string') : [], createdAt: Number.isNaN(createdAt) ? 0 : createdAt });
  }
  return out;
}

/** The tickets carrying the tag (Freshdesk may report tags in another case). */
function tagged(tickets: ListedTicket[], tag: string): ListedTicket[] {
  return tickets.filter((t) => t.tags.some((x) => x.toLowerCase() === tag));
}

/** The first ticket made with the key; the others, if any, are named as duplicates. */
function first(found: ListedTicket[], link: (id: string) => Delivery): Delivery {
  const [head, ...others] = [...found].sort((a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id)) as [ListedTicket, ...ListedTicket[]];
  return { ...link(head.id), data: { found: 'tag', ...(others.length > 0 ? { duplicates: others.map((t) => t.id) } : {}) } };
}

function checkKey(idempotencyKey: unknown): string {
  if (typeof idempotencyKey !== 'string' || idempotencyKey === '') {
    throw new EscalationError('CONFIGURATION', `${ADAPTER}: the idempotency key must be a non-empty string (it is stamped on the ticket as a tag)`);
  }
  return idempotencyKey;
}

/** A 404 on the tickets endpoint means the account (domain or baseUrl) is wrong, not the ticket. */
function wrongAccount(error: unknown, domain: string): unknown {
  if (!isEscalationError(error) || error.status !== 404) return error;
  return new EscalationError('CONFIGURATION', `Freshdesk has no tickets API at this address (HTTP 404): check \`domain\` ("${domain}") and \`baseUrl\``, {
    status: 404,
    retryable: false,
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}

function requester(context: EscalationContext, fallback: 'unique_external_id' | 'none'): Pick<FreshdeskTicketPayload, 'email' | 'unique_external_id' | 'name'> {
  const { name: userName, email } = userIdentity(context);
  const name = userName === undefined ? {} : { name: userName };
  if (email) return { email, ...name };
  const id = context.user?.id?.trim();
  if (fallback === 'unique_external_id' && id) return { unique_external_id: id, ...name };
  const message =
    fallback === 'unique_external_id'
      ? `${ADAPTER}: a Freshdesk ticket needs a requester: the context has neither \`user.email\` nor \`user.id\``
      : `${ADAPTER}: a Freshdesk ticket needs a requester: \`user.email\` is missing (or set \`requesterFallback: 'unique_external_id'\` to use \`user.id\`)`;
  throw new EscalationError('INVALID_CONTEXT', message, {
    details: { path: 'user.email', ...(fallback === 'unique_external_id' ? { alternatives: ['user.id'] } : {}) },
  });
}

function tagsFor(context: EscalationContext, tags: FreshdeskTicketOptions['tags']): string[] {
  const list = (tags === undefined ? undefined : resolveOption(ADAPTER, 'tags', tags, context, tagsField)) ?? defaultTags(context);
  const out: string[] = [];
  for (const tag of list) {
    const clean = tag.trim();
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}

function ticketId(data: unknown): string | undefined {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  return undefined;
}
