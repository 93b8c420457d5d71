import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link custom}. */
export interface CustomOptions<T> {
  /** A valid value in words, completing "must be …". */
  expects: string;
  /** Values the check refuses, for the testkit to try. */
  invalid: readonly unknown[];
  /** The value, normalised, or `undefined` (or an {@link OptionProblem} with a reason) when it is not valid. */
  check(value: unknown): T | OptionProblem | undefined;
  /** The value when the option is absent. */
  default?: T;
  /** The option must be given. */
  required?: boolean;
  /** A secret: a refused value is never shown in the error. */
  sensitive?: boolean;
}

/**
 * A field the other kinds do not cover (credentials of two shapes, an element or a selector):
 * `custom({ expects: 'false or a function', invalid: [true], check: (v) => (v === false || typeof v === 'function' ? v : undefined) })`.
 */
export function custom<T, const O extends CustomOptions<T> = CustomOptions<T>>(options: O & CustomOptions<T>): OptionField<T, AlwaysWith<O>> {
  const { check, ...rest } = options;
  return {
    ...rest,
    check: (value) => {
      const checked = check(value);
      return checked === undefined ? new OptionProblem() : checked;
    },
  };
}
