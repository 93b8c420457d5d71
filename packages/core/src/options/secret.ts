import { OptionProblem, type OptionField } from './option-field';

/** A secret (an API token or key): a non-empty string, required, never shown in an error. */
export function secret(): OptionField<string, true> {
  return {
    expects: 'a non-empty string (the secret, from your server environment)',
    required: true,
    sensitive: true,
    invalid: ['', 42, null],
    check: (value) => (typeof value === 'string' && value.length > 0 ? value : new OptionProblem()),
  };
}
