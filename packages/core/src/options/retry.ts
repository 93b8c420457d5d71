import type { RetryOptions } from '../retry';
import { OptionProblem, type OptionField } from './option-field';

/** The `retry` option of an HTTP adapter: `withRetry` options, or `false` for a single try. */
export function retry(): OptionField<RetryOptions | false> {
  return {
    expects: 'retry options ({ attempts, maxTotalMs, ... }) or false',
    invalid: [true, 'twice', 3],
    check: (value) => (value === false || (typeof value === 'object' && value !== null && !Array.isArray(value)) ? (value as RetryOptions | false) : new OptionProblem()),
  };
}
