import { field, header, record, type EmulatedAnswer, type EmulatedProvider, type EmulatedRequest, type Route } from './exchange';
import { markerIn, type Truth } from './truth';

interface Contact {
  id: string;
  role: 'user' | 'lead';
  external_id: string | null;
  email: string | null;
  name: string | null;
}

interface Conversation {
  id: string;
  contactId: string;
  body: string;
  created_at: number;
  createdMs: number;
}

/** Options of {@link emulatedIntercom}. */
export interface EmulatedIntercomOptions {
  /** The expected `Authorization` header. */
  authorization: string;
  /** How long a new conversation stays out of `POST /conversations/search` (unconfirmed; default none). @defaultValue 0 */
  searchLagMs?: number;
  now?: () => number;
}

/**
 * Intercom 2.16 as PROVIDERS.md describes it: `POST /contacts/search` and `POST /contacts`
 * (409 for a second contact with the same `external_id` or email), `POST /conversations` (no
 * idempotency: every accepted create is a new conversation), and `POST /conversations/search`
 * with `contact_ids =` and `source.body ~` (whole words), combined with `AND`/`OR`.
 */
export function emulatedIntercom(truth: Truth, options: EmulatedIntercomOptions): EmulatedProvider {
  const now = options.now ?? Date.now;
  const searchLagMs = options.searchLagMs ?? 0;
  const contacts: Contact[] = [];
  const conversations: Conversation[] = [];
  let nextContact = 1;
  let nextConversation = 1;
  let nextMessage = 1;

  const errors = (status: number, code: string, message: string, extra: Record<string, string> = {}): EmulatedAnswer => ({
    status,
    headers: extra,
    body: { type: 'error.list', request_id: `req-${status}-${code}`, errors: [{ code, message }] },
  });
  const rateLimited = (): EmulatedAnswer =>
    errors(429, 'rate_limit_exceeded', 'Exceeded rate limit', { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(now() / 1000) + 1) });
  const failed = (status: 500 | 503): EmulatedAnswer => errors(status, status === 503 ? 'service_unavailable' : 'server_error', 'Something went wrong');
  const shownContact = (c: Contact) => ({ type: 'contact', id: c.id, role: c.role, external_id: c.external_id, email: c.email, name: c.name });
  const shownConversation = (c: Conversation) => ({
    type: 'conversation',
    id: c.id,
    created_at: c.created_at,
    updated_at: c.created_at,
    source: { type: 'conversation', id: `src-${c.id}`, delivered_as: 'customer_initiated', body: c.body, author: { type: 'user', id: c.contactId } },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: c.contactId }] },
  });

  const searchContacts = (request: EmulatedRequest): EmulatedAnswer => {
    const query = field(request.body, 'query');
    const found = contacts.filter((c) => matches(query, (name) => (name === 'external_id' ? c.external_id : name === 'email' ? c.email : name === 'id' ? c.id : name === 'role' ? c.role : undefined)));
    return { status: 200, body: { type: 'list', data: found.slice(0, perPage(request)).map(shownContact), total_count: found.length, pages: { type: 'pages', page: 1, per_page: perPage(request), total_pages: 1 } } };
  };

  const createContact = (request: EmulatedRequest): EmulatedAnswer => {
    const body = record(request.body);
    const externalId = typeof body?.external_id === 'string' ? body.external_id : null;
    const email = typeof body?.email === 'string' ? body.email : null;
    if (externalId === null && email === null) return errors(400, 'parameter_not_found', 'Email, external_id or role lead is required');
    const taken = contacts.find((c) => (externalId !== null && c.external_id === externalId) || (email !== null && c.email?.toLowerCase() === email.toLowerCase()));
    if (taken) return errors(409, 'conflict', `A contact matching those details already exists with id=${taken.id}`);
    const contact: Contact = { id: `contact${String(nextContact++).padStart(6, '0')}`, role: body?.role === 'lead' ? 'lead' : 'user', external_id: externalId, email, name: typeof body?.name === 'string' ? body.name : null };
    contacts.push(contact);
    return { status: 200, body: shownContact(contact) };
  };

  const createConversation = (request: EmulatedRequest): EmulatedAnswer => {
    const from = record(field(request.body, 'from'));
    const body = field(request.body, 'body');
    if (typeof body !== 'string' || body === '') return errors(400, 'parameter_not_found', 'Body is required');
    const contact = contacts.find((c) => c.id === from?.id);
    if (!contact) return errors(404, 'not_found', 'User Not Found');
    const createdMs = now();
    const conversation: Conversation = { id: String(70_000 + nextConversation++), contactId: contact.id, body, created_at: Math.floor(createdMs / 1000), createdMs };
    conversations.push(conversation);
    truth.add({ provider: 'intercom', id: conversation.id, escalation: markerIn(body), createdAt: createdMs });
    return { status: 200, body: { type: 'user_message', id: `msg${nextMessage++}`, created_at: conversation.created_at, body, message_type: 'inapp', conversation_id: conversation.id } };
  };

  const searchConversations = (request: EmulatedRequest): EmulatedAnswer => {
    const query = field(request.body, 'query');
    const found = conversations.filter(
      (c) => c.createdMs + searchLagMs <= now() && matches(query, (name) => (name === 'contact_ids' ? c.contactId : name === 'source.body' ? c.body : name === 'id' ? c.id : undefined)),
    );
    const size = perPage(request);
    return { status: 200, body: { type: 'conversation.list', conversations: found.slice(0, size).map(shownConversation), total_count: found.length, pages: { type: 'pages', page: 1, per_page: size, total_pages: Math.max(1, Math.ceil(found.length / size)) } } };
  };

  return {
    name: 'intercom',
    route(request): Route | undefined {
      if (request.method !== 'POST') return undefined;
      const denied = header(request, 'authorization') === options.authorization ? undefined : errors(401, 'unauthorized', 'Access Token Invalid');
      const route = (role: Route['role'], run: () => EmulatedAnswer): Route => ({ provider: 'intercom', role, run: () => denied ?? run(), rateLimited, failed });
      switch (request.path) {
        case '/contacts/search':
          return route('contact', () => searchContacts(request));
        case '/contacts':
          return route('contact', () => createContact(request));
        case '/conversations':
          return route('create', () => createConversation(request));
        case '/conversations/search':
          return route('lookup', () => searchConversations(request));
        default:
          return undefined;
      }
    },
  };
}

function perPage(request: EmulatedRequest): number {
  const size = Number(field(field(request.body, 'pagination'), 'per_page'));
  return Number.isInteger(size) && size > 0 ? Math.min(size, 150) : 20;
}

/**
 * Evaluates an Intercom search query (`{ field, operator, value }`, or `{ operator: 'AND' | 'OR',
 * value: [...] }`) against one item's fields. `~` matches whole words, case-insensitively: every
 * word of the value, in order, among the text's words (letters and digits).
 */
export function matches(query: unknown, read: (name: string) => string | null | undefined): boolean {
  const q = record(query);
  if (!q) return false;
  if ((q.operator === 'AND' || q.operator === 'OR') && Array.isArray(q.value)) {
    const results = q.value.map((part) => matches(part, read));
    return q.operator === 'AND' ? results.every(Boolean) : results.some(Boolean);
  }
  if (typeof q.field !== 'string') return false;
  const actual = read(q.field);
  const expected = q.value;
  if (actual === undefined || actual === null || typeof expected !== 'string') return false;
  switch (q.operator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '~':
      return containsWords(actual, expected);
    case '!~':
      return !containsWords(actual, expected);
    default:
      return false;
  }
}

function containsWords(text: string, phrase: string): boolean {
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const hay = words(text);
  const needle = words(phrase);
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
}
