import { group, OptionProblem, record, string, truncateText, type EscalationContext, type OptionField, type Scalar } from '@pillar/escalation-core';
import { FRESHDESK_TEXT_FIELD_MAX } from './limits';
import type { FreshdeskFieldValue } from './fields';

/**
 * Which Freshdesk custom fields (their API names, `cf_…`) receive which facts of the
 * escalation. Every entry is optional: only the fields the app names are sent, so a ticket
 * form without those fields never gets a `invalid_field` error.
 */
export interface FreshdeskFieldMapping {
  /** Receives `context.reason` (`billing`, `bug`, …). A dropdown field needs these values as choices. */
  reason?: string;
  /** Receives `context.user.plan`. */
  plan?: string;
  /** Receives `context.conversationId`, so agents can find the co-pilot conversation. */
  conversationId?: string;
  /** Receives `context.page.url` (cut to the field length). */
  pageUrl?: string;
  /** Receives `context.user.id`. */
  userId?: string;
  /** `context.metadata` keys → custom field names. */
  metadata?: Record<string, string>;
  /** `context.user.attributes` keys → custom field names. */
  attributes?: Record<string, string>;
}

export { FRESHDESK_TEXT_FIELD_MAX } from './limits';

const customField = string({ pattern: /^cf_[a-z0-9_]+$/i, expects: 'a custom field API name like "cf_reason"' });
const mappingGroup = group({
  reason: customField,
  plan: customField,
  conversationId: customField,
  pageUrl: customField,
  userId: customField,
  metadata: record(customField),
  attributes: record(customField),
});

/**
 * The `fields` option: every target a custom field API name (`cf_…`), and no two facts sent to
 * the same field (`CONFIGURATION` naming the entry).
 */
export const fieldsField: OptionField<FreshdeskFieldMapping, true> = {
  ...mappingGroup,
  check(value) {
    const checked = mappingGroup.check(value);
    if (checked instanceof OptionProblem) return checked;
    const seen = new Map<string, string>();
    for (const [path, field] of mappingEntries(checked)) {
      const other = seen.get(field as string);
      if (other !== undefined) return new OptionProblem(`targets "${String(field)}" as ${other} does`, path);
      seen.set(field as string, path);
    }
    return checked;
  },
};

/**
 * The `custom_fields` object for a context: the mapped facts that are present, strings cut to
 * {@link FRESHDESK_TEXT_FIELD_MAX}. `undefined` when nothing applies (Freshdesk then keeps the
 * form's defaults).
 */
export function customFieldsFor(
  context: EscalationContext,
  mapping: FreshdeskFieldMapping | undefined,
): Record<string, FreshdeskFieldValue> | undefined {
  if (mapping === undefined) return undefined;
  const out: Record<string, FreshdeskFieldValue> = {};
  for (const [, field, read] of mappingEntries(mapping)) {
    const value = read(context);
    if (value === undefined || value === null) continue;
    out[field as string] = typeof value === 'string' ? truncateText(value, FRESHDESK_TEXT_FIELD_MAX) : value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

type Read = (context: EscalationContext) => Scalar | undefined;

const FACTS: [keyof FreshdeskFieldMapping, Read][] = [
  ['reason', (c) => c.reason],
  ['plan', (c) => c.user?.plan],
  ['conversationId', (c) => c.conversationId],
  ['pageUrl', (c) => c.page?.url],
  ['userId', (c) => c.user?.id],
];

/** `[path, field, read]` in a stable order: the fixed facts, then metadata, then attributes. */
function mappingEntries(mapping: FreshdeskFieldMapping): [string, unknown, Read][] {
  const entries: [string, unknown, Read][] = [];
  for (const [key, read] of FACTS) {
    if (mapping[key] !== undefined) entries.push([key, mapping[key], read]);
  }
  const groups = {
    metadata: (name: string): Read => (c) => c.metadata?.[name],
    attributes: (name: string): Read => (c) => c.user?.attributes?.[name],
  };
  for (const group of ['metadata', 'attributes'] as const) {
    const table = mapping[group];
    if (table === undefined) continue;
    if (typeof table !== 'object' || table === null) {
      entries.push([group, table, () => undefined]);
      continue;
    }
    for (const name of Object.keys(table).sort()) entries.push([`${group}.${name}`, table[name], groups[group](name)]);
  }
  return entries;
}
