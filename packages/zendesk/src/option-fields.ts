import { custom, group, int, record, string, tags, type EscalationContext } from '@pillar/escalation-core';

/** The account name: `acme` for `acme.zendesk.com`. */
export const subdomainField = string({
  required: true,
  pattern: /^[a-z0-9][a-z0-9-]*$/i,
  expects: 'the account name (letters, digits and hyphens, e.g. "acme" for acme.zendesk.com)',
});

const FIELD_ID = {
  expects: 'a custom ticket field id (a positive whole number)',
  invalid: [0, 'plan', 1.5],
  check: (id: unknown): number | undefined => {
    const n = typeof id === 'string' && /^\d{1,16}$/.test(id) ? Number(id) : id;
    return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
  },
};

/** A custom ticket field id: a positive whole number, or its digits as a string; checked to the number. */
export const fieldIdField = custom(FIELD_ID);
/** The same, required. */
export const requiredFieldId = custom({ ...FIELD_ID, required: true as const });

/** Which custom ticket fields receive which facts (`ZendeskFieldMap`). */
export const FIELD_MAP = {
  conversationId: fieldIdField,
  reason: fieldIdField,
  plan: fieldIdField,
  pageUrl: fieldIdField,
  metadata: record(fieldIdField),
};

/** Tags: a list of strings, or a function of the context returning one. */
export const tagsField = tags();

/** The external id option of the ticket adapter: `false`, or a function of the context. */
export const externalIdField = custom<false | ((context: EscalationContext) => string | undefined)>({
  expects: 'false or a function of the context',
  invalid: [true, 'id'],
  check: (value) => (value === false || typeof value === 'function' ? (value as false | ((context: EscalationContext) => string | undefined)) : undefined),
});
