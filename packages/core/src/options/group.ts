import { OptionProblem, type CheckedOptions, type OptionField, type OptionFields } from './option-field';
import { checkFields } from './check-fields';

/**
 * An options object inside the options (`find: group({ waitMs: int(...), intervalMs: int(...) })`),
 * checked field by field. Absent, it is its members' defaults; a group with a required member
 * must be given.
 */
export function group<const F extends OptionFields>(fields: F): OptionField<CheckedOptions<F>, true> {
  const empty = checkFields(fields, {});
  return {
    expects: `an object with ${Object.keys(fields).join(', ')}`,
    ...(empty instanceof OptionProblem ? { required: true } : { default: empty as CheckedOptions<F> }),
    invalid: ['not an object', 42],
    fields,
    check: (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return new OptionProblem();
      const checked = checkFields(fields, value as Record<string, unknown>);
      return checked instanceof OptionProblem ? checked : (checked as CheckedOptions<F>);
    },
  };
}
