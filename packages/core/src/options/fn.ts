import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link fn}. */
export interface FnOptions {
  /** The option must be given. */
  required?: boolean;
}

/**
 * A function the adapter calls (through `callOption`, so a throw names the option).
 *
 * @typeParam F - the function's type.
 */
export function fn<F extends (...args: never[]) => unknown, const O extends FnOptions = {}>(options: O = {} as O): OptionField<F, AlwaysWith<O>> {
  return {
    expects: 'a function',
    ...(options.required ? { required: true } : {}),
    invalid: ['not a function', 42],
    check: (value) => (typeof value === 'function' ? (value as F) : new OptionProblem()),
  };
}
