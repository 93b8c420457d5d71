import { header, record, type EmulatedAnswer, type EmulatedProvider, type EmulatedRequest, type Route } from './exchange';
import { markerIn, type Truth } from './truth';

interface Ticket {
  id: number;
  subject: string;
  requester_id: number;
  tags: string[];
  status: number;
  priority: number;
  source: number;
  created_at: string;
  createdMs: number;
}

/** Options of {@link emulatedFreshdesk}. */
export interface EmulatedFreshdeskOptions {
  /** The expected `Authorization` header. */
  authorization: string;
  /** How long a new ticket stays out of the search index (the docs say minutes). @defaultValue 120000 */
  searchLagMs?: number;
  now?: () => number;
}

/**
 * Freshdesk's Tickets API v2 as PROVIDERS.md describes it: `POST /api/v2/tickets` (no
 * idempotency: every accepted create is a new ticket), `GET /api/v2/tickets?email=` (the
 * requester's tickets, a plain list that sees new tickets at once, `per_page` up to 100,
 * `order_type`), and `GET /api/v2/search/tickets?query="tag:'…'"`, whose index lags behind.
 */
export function emulatedFreshdesk(truth: Truth, options: EmulatedFreshdeskOptions): EmulatedProvider {
  const now = options.now ?? Date.now;
  const searchLagMs = options.searchLagMs ?? 120_000;
  const tickets: Ticket[] = [];
  const requesters = new Map<string, number>();
  let nextTicket = 5000;
  let nextRequester = 90_000;

  const rateLimited = (): EmulatedAnswer => ({ status: 429, headers: { 'retry-after': '1', 'x-ratelimit-total': '200', 'x-ratelimit-remaining': '0' }, body: { code: 'rate_limit_exceeded', message: 'You have exceeded the limit of requests per minute' } });
  const failed = (status: 500 | 503): EmulatedAnswer => ({ status, body: { code: status === 503 ? 'service_unavailable' : 'internal_error', message: 'Something went wrong' } });
  const shown = (t: Ticket) => ({ id: t.id, subject: t.subject, requester_id: t.requester_id, tags: t.tags, status: t.status, priority: t.priority, source: t.source, created_at: t.created_at, updated_at: t.created_at });
  const invalid = (name: string, message: string): EmulatedAnswer => ({ status: 400, body: { description: 'Validation failed', errors: [{ field: name, message, code: 'missing_field' }] } });

  const create = (request: EmulatedRequest): EmulatedAnswer => {
    const body = record(request.body);
    if (!body) return invalid('body', 'A JSON body is required');
    const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
    const external = typeof body.unique_external_id === 'string' ? `external:${body.unique_external_id}` : undefined;
    const who = email ?? external;
    if (who === undefined) return invalid('requester_id', 'Please fill at least 1 of email, requester_id, phone, unique_external_id fields');
    if (typeof body.subject !== 'string' || body.subject === '') return invalid('subject', 'It should be a/an String');
    if (typeof body.description !== 'string' || body.description === '') return invalid('description', 'It should be a/an String');
    let requester = requesters.get(who);
    if (requester === undefined) requesters.set(who, (requester = nextRequester++));
    const createdMs = now();
    const ticket: Ticket = {
      id: nextTicket++,
      subject: body.subject,
      requester_id: requester,
      tags: Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [],
      status: typeof body.status === 'number' ? body.status : 2,
      priority: typeof body.priority === 'number' ? body.priority : 1,
      source: typeof body.source === 'number' ? body.source : 2,
      created_at: new Date(createdMs).toISOString(),
      createdMs,
    };
    tickets.push(ticket);
    truth.add({ provider: 'freshdesk', id: String(ticket.id), escalation: markerIn(body.description), createdAt: createdMs });
    return { status: 201, body: { ...shown(ticket), description: body.description } };
  };

  const list = (request: EmulatedRequest): EmulatedAnswer => {
    const email = request.query.get('email')?.toLowerCase();
    const requester = email === undefined ? undefined : requesters.get(email);
    if (email !== undefined && requester === undefined) return { status: 200, body: [] };
    const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? 30) || 30));
    const mine = tickets.filter((t) => requester === undefined || t.requester_id === requester);
    const ordered = request.query.get('order_type') === 'asc' ? mine : mine.slice().reverse();
    return { status: 200, body: ordered.slice(0, perPage).map(shown) };
  };

  const search = (request: EmulatedRequest): EmulatedAnswer => {
    const query = request.query.get('query') ?? '';
    const tag = /^"tag:'([^']*)'"$/.exec(query)?.[1];
    if (tag === undefined) return { status: 400, body: { description: 'Validation failed', errors: [{ field: 'query', message: 'Only "tag:\'…\'" is emulated', code: 'invalid_value' }] } };
    const indexed = tickets.filter((t) => t.createdMs + searchLagMs <= now() && t.tags.some((x) => x.toLowerCase() === tag.toLowerCase()));
    return { status: 200, body: { total: indexed.length, results: indexed.slice(0, 30).map(shown) } };
  };

  return {
    name: 'freshdesk',
    route(request): Route | undefined {
      const denied = header(request, 'authorization') === options.authorization ? undefined : { status: 401, body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' } };
      const route = (role: Route['role'], run: () => EmulatedAnswer): Route => ({ provider: 'freshdesk', role, run: () => denied ?? run(), rateLimited, failed });
      if (request.path === '/api/v2/tickets' && request.method === 'POST') return route('create', () => create(request));
      if (request.path === '/api/v2/tickets' && request.method === 'GET') return route('lookup', () => list(request));
      if (request.path === '/api/v2/search/tickets' && request.method === 'GET') return route('lookup', () => search(request));
      return undefined;
    },
  };
}

