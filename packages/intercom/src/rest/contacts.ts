import { EscalationError, isEscalationError } from '@pillar/escalation-core';
import type { IntercomClient } from './client';

/** Who the conversation is from, as the payload names them. */
export interface IntercomContactLookup {
  /** The app's user id, stored by Intercom as the contact's `external_id`. */
  external_id?: string;
  /** The user's email: searched when no contact has the `external_id`, and stored on a created contact. */
  email?: string;
  /** Used only when the contact is created. */
  name?: string;
}

/** The contact a conversation is created for. */
export interface IntercomContact {
  id: string;
  role: 'user' | 'lead';
  /** Whether this delivery created it. */
  created: boolean;
}

interface ContactRecord {
  id?: unknown;
  role?: unknown;
  external_id?: unknown;
}

/**
 * Finds the contact by `external_id`, else by email, and creates it when neither matches.
 * Searches are reads (safe to retry). A create that Intercom answers with 409 means the
 * contact exists already (another request made it, or a contact has the email): search again.
 */
export async function findOrCreateContact(client: IntercomClient, lookup: IntercomContactLookup): Promise<IntercomContact> {
  const found = await search(client, lookup);
  if (found) return found;
  try {
    const body: Record<string, string> = { role: 'user' };
    if (lookup.external_id) body.external_id = lookup.external_id;
    if (lookup.email) body.email = lookup.email;
    if (lookup.name) body.name = lookup.name;
    // Intercom refuses a second contact with the same external_id or email (409), so a repeat cannot duplicate it.
    const { data } = await client.post<ContactRecord>('/contacts', body, { safeToRetry: true });
    return toContact(data, true);
  } catch (error) {
    if (!(isEscalationError(error) && error.status === 409)) throw error;
    const existing = await search(client, lookup);
    if (existing) return existing;
    throw new EscalationError('PROVIDER_REJECTED', 'Intercom says the contact already exists, but no contact matches its external_id or email', {
      status: 409,
      retryable: false,
      ...(error.details ? { details: error.details } : {}),
      cause: error,
    });
  }
}

async function search(client: IntercomClient, lookup: IntercomContactLookup): Promise<IntercomContact | undefined> {
  if (lookup.external_id) {
    const byId = await searchBy(client, 'external_id', lookup.external_id);
    // Only the exact id: a near match (another case, a prefix) is another app user's contact.
    const match = byId.find((c) => c.external_id === lookup.external_id);
    if (match) return toContact(match, false);
  }
  if (lookup.email) {
    const byEmail = await searchBy(client, 'email', lookup.email);
    // With an external_id to match, a contact holding another app user's external_id is someone else.
    const match = lookup.external_id
      ? byEmail.find((c) => c.external_id == null || c.external_id === '' || c.external_id === lookup.external_id)
      : byEmail[0];
    if (match) return toContact(match, false);
  }
  return undefined;
}

async function searchBy(client: IntercomClient, field: 'external_id' | 'email', value: string): Promise<ContactRecord[]> {
  const { data } = await client.post<{ data?: unknown }>(
    '/contacts/search',
    { query: { field, operator: '=', value }, pagination: { per_page: 10 } },
    { safeToRetry: true },
  );
  return Array.isArray(data?.data) ? (data.data.filter((c) => typeof c === 'object' && c !== null) as ContactRecord[]) : [];
}

function toContact(record: ContactRecord, created: boolean): IntercomContact {
  if (typeof record?.id !== 'string' || record.id === '') {
    throw new EscalationError('PROVIDER_UNAVAILABLE', 'Intercom answered without a contact id', { retryable: false });
  }
  return { id: record.id, role: record.role === 'lead' ? 'lead' : 'user', created };
}
