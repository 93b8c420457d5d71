import { optionError, shown } from './option-error';
import { OptionProblem, type FieldValue, type OptionField } from './option-field';

/**
 * Checks one option outside a declaration (a nested store's `ttlMs`): the checked value, the
 * field's default when `value` is `undefined`, or the one `CONFIGURATION` error naming `path`.
 */
export function optionValue<F extends OptionField<any, boolean>>(owner: string, path: string, field: F, value: unknown): FieldValue<F> {
  if (value === undefined) {
    if (field.required) throw optionError(owner, path, `is required: ${field.expects}`);
    return field.default as FieldValue<F>;
  }
  const checked = field.check(value);
  if (checked instanceof OptionProblem) {
    const at = checked.path === undefined ? path : `${path}.${checked.path}`;
    throw optionError(owner, at, checked.reason ?? `must be ${field.expects}${field.sensitive ? '' : `, got ${shown(value)}`}`);
  }
  return checked as FieldValue<F>;
}
