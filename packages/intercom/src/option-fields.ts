import { custom, record, valueOrFn, type OptionField, type Redactor, type Scalar, type ValueOrFn } from '@pillar/escalation-core';

const scalar = custom({
  expects: 'a string, number, boolean or null',
  invalid: [{}],
  check: (v: unknown) => (v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as Scalar) : undefined),
});

/**
 * Custom attributes (`Record<string, Scalar>`), or a function of the context returning them; the
 * keys the adapter sets itself are refused. One declaration for the Messenger and the ticket.
 */
export function attributesField(reserved: readonly string[]): OptionField<ValueOrFn<Record<string, Scalar>>, false> {
  return valueOrFn(record(scalar, { reserved }));
}

/** The `redact` option: a redactor, or `false` for none. */
export const redactField = custom({
  expects: 'a function (a Redactor) or false',
  invalid: [true, 'mask'],
  check: (v: unknown) => (v === false || typeof v === 'function' ? (v as Redactor | false) : undefined),
});
