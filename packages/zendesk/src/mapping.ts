import { EscalationError, truncateText, type EscalationContext } from '@pillar/escalation-core';
import type { ZendeskFieldId, ZendeskFieldValue } from './payloads';

/**
 * Which custom ticket fields receive which facts of the escalation. Every entry is optional:
 * only the fields you name are sent. Create the fields in Admin Center > Objects and rules >
 * Tickets > Fields and copy their ids.
 */
export interface ZendeskFieldMap {
  /** Receives `context.conversationId` (Pillar's conversation id); skipped when it is null. */
  conversationId?: ZendeskFieldId;
  /**
   * Receives `context.reason` (`human_requested`, `billing`, ...). For a drop-down field, give its
   * options these values as tags.
   */
  reason?: ZendeskFieldId;
  /** Receives `context.user.plan`. */
  plan?: ZendeskFieldId;
  /** Receives `context.page.url`. */
  pageUrl?: ZendeskFieldId;
  /** Receives `context.metadata[key]` for each key (null values are skipped). */
  metadata?: Record<string, ZendeskFieldId>;
}

/** Tags to set: a fixed list, or a function of the context. Absent: {@link defaultZendeskTags}. */
export type ZendeskTags = readonly string[] | ((context: EscalationContext) => readonly string[]);

/** One mapped value, before it is shaped for a particular Zendesk API. */
export interface MappedField {
  /** Which mapping entry produced it (`reason`, `metadata.accountId`, ...). */
  source: string;
  id: ZendeskFieldId;
  value: ZendeskFieldValue;
}

/**
 * The tags every adapter of this package sets unless told otherwise: `pillar-escalation` and
 * `reason-<reason>` when the context has a reason. Compose with it to add your own:
 * `tags: (context) => [...defaultZendeskTags(context), 'vip']`.
 */
export function defaultZendeskTags(context: EscalationContext): string[] {
  return context.reason ? ['pillar-escalation', `reason-${context.reason}`] : ['pillar-escalation'];
}

/** Resolves the tags option and normalises them the way Zendesk stores tags. */
export function resolveTags(tags: ZendeskTags | undefined, context: EscalationContext): string[] {
  const raw = tags === undefined ? defaultZendeskTags(context) : typeof tags === 'function' ? tags(context) : tags;
  const out: string[] = [];
  for (const tag of raw) {
    if (typeof tag !== 'string') continue;
    // Zendesk splits a tag at whitespace and lower-cases it: do it here so the payload shows the truth.
    const normal = singleLine(tag).toLowerCase().replace(/\s+/g, '_');
    if (normal && !out.includes(normal)) out.push(normal);
  }
  return out;
}

/** The values the map names, in a stable order (conversationId, reason, plan, pageUrl, metadata by key). */
export function mapFields(map: ZendeskFieldMap | undefined, context: EscalationContext): MappedField[] {
  if (!map) return [];
  const out: MappedField[] = [];
  const add = (source: string, id: ZendeskFieldId | undefined, raw: ZendeskFieldValue | null | undefined) => {
    const value = typeof raw === 'string' ? singleLine(raw) : raw;
    if (id !== undefined && value !== undefined && value !== null && value !== '') out.push({ source, id, value });
  };
  add('conversationId', map.conversationId, context.conversationId);
  add('reason', map.reason, context.reason);
  add('plan', map.plan, context.user?.plan);
  add('pageUrl', map.pageUrl, context.page?.url);
  for (const key of Object.keys(map.metadata ?? {}).sort()) add(`metadata.${key}`, map.metadata?.[key], context.metadata?.[key]);
  return out;
}

/**
 * Checks every field id of a map at construction: a positive whole number, or its digits as a
 * string. Returns nothing; throws `CONFIGURATION` naming the entry.
 */
export function checkFieldMap(map: ZendeskFieldMap | undefined, adapter: string, path = 'fields'): void {
  if (map === undefined) return;
  if (typeof map !== 'object' || map === null) {
    throw new EscalationError('CONFIGURATION', `${adapter}: ${path} must be an object of custom field ids`);
  }
  for (const key of ['conversationId', 'reason', 'plan', 'pageUrl'] as const) {
    if (map[key] !== undefined) checkFieldId(map[key], `${path}.${key}`, adapter);
  }
  for (const [key, id] of Object.entries(map.metadata ?? {})) checkFieldId(id, `${path}.metadata.${key}`, adapter);
}

/** A field id as the number the Tickets API wants; throws `CONFIGURATION` when it is not one. */
export function checkFieldId(id: unknown, path: string, adapter: string): number {
  const n = typeof id === 'string' && /^\d{1,16}$/.test(id) ? Number(id) : id;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
    throw new EscalationError('CONFIGURATION', `${adapter}: ${path} must be a custom ticket field id (a positive whole number), got ${JSON.stringify(id)}`);
  }
  return n;
}

/** Checks the tags option at construction. */
export function checkTags(tags: unknown, adapter: string): void {
  if (tags === undefined || typeof tags === 'function') return;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
    throw new EscalationError('CONFIGURATION', `${adapter}: tags must be a list of strings or a function of the context`);
  }
}

/** The user's email when it looks like one; `INVALID_CONTEXT` naming `user.email` otherwise. */
export function requireEmail(context: EscalationContext, adapter: string, why: string): string {
  const email = context.user?.email?.trim();
  if (!email) throw new EscalationError('INVALID_CONTEXT', `${adapter}: context.user.email is required: ${why}`, { details: { path: 'user.email' } });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new EscalationError('INVALID_CONTEXT', `${adapter}: context.user.email is not an email address`, { details: { path: 'user.email' } });
  }
  return email;
}

/**
 * A one-line value for a field, tag or name: control characters, line and paragraph separators
 * become spaces, runs of spaces collapse, ends are trimmed (Zendesk rejects or mangles the rest).
 */
export function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Zendesk keeps a user's name to 255 characters. */
const NAME_MAX_LENGTH = 255;

/** The user's name as a single line within Zendesk's bound, or `undefined`. */
export function userName(context: EscalationContext): string | undefined {
  const name = context.user?.name;
  return typeof name === 'string' ? truncateText(singleLine(name), NAME_MAX_LENGTH) || undefined : undefined;
}
