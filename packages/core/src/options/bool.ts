import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link bool}. */
export interface BoolOptions {
  /** The value when the option is absent. */
  default?: boolean;
}

/** `true` or `false`: `bool({ default: true })`. */
export function bool<const O extends BoolOptions = {}>(options: O = {} as O): OptionField<boolean, AlwaysWith<O>> {
  return {
    expects: 'true or false',
    ...(options.default === undefined ? {} : { default: options.default }),
    invalid: ['yes', 1],
    check: (value) => (typeof value === 'boolean' ? value : new OptionProblem()),
  };
}
