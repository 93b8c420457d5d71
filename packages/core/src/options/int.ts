import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Bounds and default of {@link int}. */
export interface IntOptions {
  /** The smallest value. @defaultValue 1 */
  min?: number;
  /** The largest value. @defaultValue `Number.MAX_SAFE_INTEGER` */
  max?: number;
  /** The value when the option is absent. */
  default?: number;
  /** The option must be given. */
  required?: boolean;
}

/** A whole number within bounds (a length, a timeout in ms, a count): `int({ min: 1, max: 60_000, default: 10_000 })`. */
export function int<const O extends IntOptions = {}>(options: O = {} as O): OptionField<number, AlwaysWith<O>> {
  const min = options.min ?? 1;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const expects = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return {
    expects,
    ...(options.default === undefined ? {} : { default: options.default }),
    ...(options.required ? { required: true } : {}),
    invalid: [min - 1, 2.5, '10', Number.NaN, ...(max < Number.MAX_SAFE_INTEGER ? [max + 1] : [])],
    check: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : new OptionProblem()),
  };
}
