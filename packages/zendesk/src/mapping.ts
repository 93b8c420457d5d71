import { EscalationError, defaultTags, resolveOption, truncateText, type EscalationContext } from '@pillar/escalation-core';
import { ZENDESK_NAME_MAX_LENGTH } from './limits';
import { tagsField } from './option-fields';
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

/** Tags to set: a fixed list, or a function of the context. Absent: core's `defaultTags`. */
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
 * `reason-<reason>` when the context has a reason.
 * @deprecated The one default tag scheme of every adapter is core's `defaultTags`; use that. Removed in the next minor version.
 */
export const defaultZendeskTags: (context: EscalationContext) => string[] = defaultTags;

/** Resolves the tags option and normalises them the way Zendesk stores tags. */
export function resolveTags(adapter: string, tags: ZendeskTags | undefined, context: EscalationContext): string[] {
  const raw = (tags === undefined ? undefined : resolveOption(adapter, 'tags', tags, context, tagsField)) ?? defaultTags(context);
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

/** The user's name as a single line within Zendesk's bound, or `undefined`. */
export function userName(context: EscalationContext): string | undefined {
  const name = context.user?.name;
  return typeof name === 'string' ? truncateText(singleLine(name), ZENDESK_NAME_MAX_LENGTH) || undefined : undefined;
}
