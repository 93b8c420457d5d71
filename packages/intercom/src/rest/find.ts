import { EscalationError, type Delivery, type FindOptions } from '@pillar/escalation-core';
import { intercomClient, type ResolvedRestOptions } from './client';
import { lookUntil, unsettled } from '@pillar/escalation-core/http';

/** One record a search returned. */
interface Searched {
  id: string;
  /** Unix seconds; 0 when Intercom gave none. */
  createdAt: number;
}

/** What to search for the key's token, and how to read the answer. */
export interface TokenSearch {
  /** `/conversations/search` or `/tickets/search`. */
  path: '/conversations/search' | '/tickets/search';
  /** The search request body (`{ query, pagination }`). */
  body: unknown;
  /** The list in the answer: `conversations` or `tickets`. */
  list: 'conversations' | 'tickets';
  /** For messages: `conversation` or `ticket`. */
  what: string;
}

/**
 * Searches until a record carrying the token shows up or the wait is over. Resolves the first
 * record made (others named in `data.duplicates`); `null` only with `absentWhenNotFound`;
 * otherwise rejects "may exist" (`details.ambiguous: true`), since the search index may lag.
 */
export async function findByToken(config: ResolvedRestOptions, search: TokenSearch, options: FindOptions): Promise<Delivery | null> {
  const client = intercomClient(config, options);
  const found = await lookUntil(
    async () => {
      const { data } = await client.post<Record<string, unknown>>(search.path, search.body, { safeToRetry: true, once: true });
      const records = readList(data?.[search.list], search.what);
      return records.length > 0 ? records : undefined;
    },
    config.find,
    options.signal,
    'Intercom',
  );
  if (found === undefined) {
    if (config.find.absentWhenNotFound) return null;
    throw unsettled(
      new EscalationError(
        'PROVIDER_UNAVAILABLE',
        `Intercom's search lists no ${search.what} with the key's token after ${config.find.waitMs} ms, but its index may lag behind a new ${search.what} (set find.absentWhenNotFound to trust it)`,
        { retryable: true },
      ),
      'Intercom',
    );
  }
  const [first, ...others] = [...found].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)) as [Searched, ...Searched[]];
  return { status: 'created', reference: { id: first.id }, data: { found: 'search', ...(others.length > 0 ? { duplicates: others.map((r) => r.id) } : {}) } };
}

function readList(list: unknown, what: string): Searched[] {
  if (!Array.isArray(list)) {
    throw new EscalationError('PROVIDER_UNAVAILABLE', `Intercom answered the ${what} search without a list`, { retryable: true });
  }
  const out: Searched[] = [];
  for (const item of list as Array<{ id?: unknown; created_at?: unknown }>) {
    if (typeof item?.id !== 'string' || item.id === '') continue;
    out.push({ id: item.id, createdAt: typeof item.created_at === 'number' ? item.created_at : 0 });
  }
  return out;
}
