import { createHash } from 'node:crypto';
import { field, header, record, type EmulatedAnswer, type EmulatedProvider, type EmulatedRequest, type Route } from './exchange';
import { markerIn, type Truth } from './truth';

/** Zendesk keeps an `Idempotency-Key` about 2 hours (PROVIDERS.md). */
const KEY_LIFE_MS = 2 * 60 * 60 * 1000;

interface Ticket {
  id: number;
  external_id: string | null;
  subject: string;
  requester_email: string;
  tags: string[];
  created_at: string;
  createdMs: number;
}

/**
 * Zendesk's Tickets API as PROVIDERS.md describes it: `POST /api/v2/tickets` with
 * `Idempotency-Key` (a replay answers the first response with `x-idempotency-lookup: hit`, the
 * same key with another body 400 `IdempotentRequestError`), `external_id` kept as given, and
 * `GET /api/v2/tickets?external_id=` listing every ticket with that id (not unique).
 */
export function emulatedZendesk(truth: Truth, authorization: string, now: () => number = Date.now): EmulatedProvider {
  const tickets: Ticket[] = [];
  const keys = new Map<string, { fingerprint: string; answer: EmulatedAnswer; expires: number }>();
  let nextId = 1000;

  const rateLimited = (): EmulatedAnswer => ({ status: 429, headers: { 'retry-after': '1', 'x-rate-limit': '700', 'x-rate-limit-remaining': '0' }, body: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' } });
  const failed = (status: 500 | 503): EmulatedAnswer =>
    status === 503 ? { status, headers: { 'retry-after': '1' }, body: { error: 'ServiceUnavailable', description: 'Maintenance' } } : { status, body: { error: 'InternalServerError', description: 'Something went wrong' } };
  const shown = (t: Ticket) => ({ id: t.id, url: `https://chaos.zendesk.com/api/v2/tickets/${t.id}.json`, external_id: t.external_id, subject: t.subject, tags: t.tags, created_at: t.created_at, status: 'new' });

  const create = (request: EmulatedRequest): EmulatedAnswer => {
    const ticket = record(field(request.body, 'ticket'));
    const comment = record(ticket?.comment);
    const requester = record(ticket?.requester);
    const text = typeof comment?.html_body === 'string' ? comment.html_body : typeof comment?.body === 'string' ? comment.body : undefined;
    if (!ticket || text === undefined || typeof requester?.email !== 'string') {
      return { status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'Comment and requester email are required', error: 'InvalidValue' }] } } };
    }
    const key = header(request, 'idempotency-key');
    const fingerprint = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
    if (key !== undefined) {
      const kept = keys.get(key);
      if (kept && kept.expires > now()) {
        if (kept.fingerprint !== fingerprint) {
          return { status: 400, body: { error: 'IdempotentRequestError', description: "Request parameters don't match the given idempotency key" } };
        }
        return { ...kept.answer, headers: { ...kept.answer.headers, 'x-idempotency-lookup': 'hit' } };
      }
    }
    const createdMs = now();
    const created: Ticket = {
      id: nextId++,
      external_id: typeof ticket.external_id === 'string' ? ticket.external_id : null,
      subject: typeof ticket.subject === 'string' ? ticket.subject : '',
      requester_email: requester.email,
      tags: Array.isArray(ticket.tags) ? ticket.tags.filter((t): t is string => typeof t === 'string') : [],
      created_at: new Date(createdMs).toISOString(),
      createdMs,
    };
    tickets.push(created);
    truth.add({ provider: 'zendesk', id: String(created.id), escalation: markerIn(text), createdAt: createdMs });
    const answer: EmulatedAnswer = { status: 201, headers: { location: `https://chaos.zendesk.com/api/v2/tickets/${created.id}.json` }, body: { ticket: shown(created) } };
    if (key !== undefined) keys.set(key, { fingerprint, answer, expires: createdMs + KEY_LIFE_MS });
    return { ...answer, headers: { ...answer.headers, ...(key !== undefined ? { 'x-idempotency-lookup': 'miss' } : {}) } };
  };

  const list = (request: EmulatedRequest): EmulatedAnswer => {
    const externalId = request.query.get('external_id');
    let found = externalId === null ? tickets.slice() : tickets.filter((t) => t.external_id === externalId);
    if (request.query.get('sort_order') === 'desc') found = found.reverse();
    return { status: 200, body: { tickets: found.map(shown), count: found.length, next_page: null, previous_page: null } };
  };

  return {
    name: 'zendesk',
    route(request): Route | undefined {
      if (request.path !== '/api/v2/tickets' && request.path !== '/api/v2/tickets.json') return undefined;
      const denied = header(request, 'authorization') === authorization ? undefined : { status: 401, body: { error: "Couldn't authenticate you" } };
      if (request.method === 'POST') return { provider: 'zendesk', role: 'create', run: () => denied ?? create(request), rateLimited, failed };
      if (request.method === 'GET') return { provider: 'zendesk', role: 'lookup', run: () => denied ?? list(request), rateLimited, failed };
      return undefined;
    },
  };
}
