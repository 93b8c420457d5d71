import { OptionProblem, type AlwaysWith, type CheckedOptions, type OptionField, type OptionFields } from './option-field';
import { checkFields } from './check-fields';

/** Options of {@link group}. */
export interface GroupOptions {
  /** The group must be given. */
  required?: boolean;
}

/** An options object inside the options (`mapping: group({ tags: ..., subject: ... })`), checked field by field. */
export function group<const F extends OptionFields, const O extends GroupOptions = {}>(
  fields: F,
  options: O = {} as O,
): OptionField<CheckedOptions<F>, AlwaysWith<O>> {
  return {
    expects: `an object with ${Object.keys(fields).join(', ')}`,
    ...(options.required ? { required: true } : {}),
    invalid: ['not an object', 42],
    fields,
    check: (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return new OptionProblem();
      const checked = checkFields(fields, value as Record<string, unknown>);
      return checked instanceof OptionProblem ? checked : (checked as CheckedOptions<F>);
    },
  };
}
