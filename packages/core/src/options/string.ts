import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link string}. */
export interface StringOptions {
  /** The longest value, in UTF-16 units. */
  max?: number;
  /** A pattern the value must match (an id, a subdomain). */
  pattern?: RegExp;
  /** Completes "must be …" when `pattern` is set: `letters and digits (your app id)`. */
  expects?: string;
  /** The value when the option is absent. */
  default?: string;
  /** The option must be given. */
  required?: boolean;
}

/** A non-empty string, bounded and optionally matched: `string({ pattern: /^[a-z0-9]+$/i, expects: 'letters and digits' })`. */
export function string<const O extends StringOptions = {}>(options: O = {} as O): OptionField<string, AlwaysWith<O>> {
  const { max, pattern } = options;
  const expects = options.expects ?? (max === undefined ? 'a non-empty string' : `a non-empty string of at most ${max} characters`);
  return {
    expects,
    ...(options.default === undefined ? {} : { default: options.default }),
    ...(options.required ? { required: true } : {}),
    invalid: ['', 42, ...(max === undefined ? [] : ['x'.repeat(max + 1)])],
    check: (value) =>
      typeof value === 'string' && value.length > 0 && (max === undefined || value.length <= max) && (!pattern || pattern.test(value))
        ? value
        : new OptionProblem(),
  };
}
