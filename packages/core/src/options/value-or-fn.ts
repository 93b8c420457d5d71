import type { EscalationContext } from '../context/types';
import type { OptionField } from './option-field';

/** A value, or a function of the context that returns one (`tags`, `subject`, `attributes`). */
export type ValueOrFn<T> = T | ((context: EscalationContext) => T);

/**
 * A value the `field` accepts, or a function of the context whose result `resolveOption` checks
 * against `field` at escalation time.
 */
export function valueOrFn<T, Always extends boolean>(field: OptionField<T, Always>): OptionField<ValueOrFn<T>, Always> {
  return {
    expects: `${field.expects}, or a function of the context returning one`,
    ...(field.default === undefined ? {} : { default: field.default }),
    ...(field.required ? { required: true } : {}),
    invalid: field.invalid.filter((value) => typeof value !== 'function'),
    // A value is checked now; what a function returns is checked when it is called.
    check: (value) => (typeof value === 'function' ? (value as ValueOrFn<T>) : field.check(value)),
    result: field as OptionField<unknown>,
  };
}
