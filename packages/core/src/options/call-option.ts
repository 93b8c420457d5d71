import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { optionError, shown } from './option-error';
import { OptionProblem, type OptionField } from './option-field';
import type { ValueOrFn } from './value-or-fn';

/**
 * Calls a function the app gave as an option. A throw becomes one error everywhere:
 * `CONFIGURATION` naming the option (`options.tags threw: ...`), the thrown error as `cause`,
 * so the registry's events show whose code failed. An `EscalationError` thrown on purpose
 * passes through unchanged.
 */
export function callOption<A extends unknown[], R>(adapter: string, path: string, fn: (...args: A) => R, ...args: A): R {
  try {
    return fn(...args);
  } catch (error) {
    if (error instanceof EscalationError) throw error;
    throw optionError(adapter, path, `threw: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/**
 * The value of a `valueOrFn` option for this context: the value itself, or what the function
 * returns, checked against the declared field (a function returning a wrong value is a
 * `CONFIGURATION` error naming the option, like a wrong value).
 */
export function resolveOption<T>(adapter: string, path: string, option: ValueOrFn<T>, context: EscalationContext, field?: OptionField<unknown>): T {
  if (typeof option !== 'function') return option;
  const value = callOption(adapter, path, option as (context: EscalationContext) => T, context);
  const check = field?.result ?? field;
  // A function may answer "nothing" (`undefined`) for an option that is not required.
  if (!check || (value === undefined && !check.required)) return value;
  const checked = check.check(value);
  if (checked instanceof OptionProblem) {
    // A member named by the check (`attributes.app_id`) is named in the error too.
    if (checked.path !== undefined) throw optionError(adapter, `${path}.${checked.path}`, `${checked.reason ?? 'is not valid'} (returned by the function)`);
    throw optionError(adapter, path, `returned ${shown(value)}, which is not ${check.expects}`);
  }
  return checked as T;
}
