import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link oneOf}. */
export interface OneOfOptions<T> {
  /** The value when the option is absent. */
  default?: T;
  /** The option must be given. */
  required?: boolean;
}

/** One of a fixed list of values: `oneOf(['us', 'eu', 'au'], { default: 'us' })`. */
export function oneOf<const T extends string | number | boolean, const O extends OneOfOptions<T> = {}>(values: readonly T[], options: O = {} as O): OptionField<T, AlwaysWith<O>> {
  return {
    expects: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
    ...(options.default === undefined ? {} : { default: options.default }),
    ...(options.required ? { required: true } : {}),
    invalid: [typeof values[0] === 'string' ? '__not_a_choice__' : 'x', null],
    check: (value) => ((values as readonly unknown[]).includes(value) ? (value as T) : new OptionProblem()),
  };
}
