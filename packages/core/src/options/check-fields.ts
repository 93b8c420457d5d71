import { shown } from './option-error';
import { OptionProblem, type OptionFields } from './option-field';

/**
 * Checks `input` against `fields`: each given value checked, each absent one defaulted, a
 * missing required one or an unknown key refused. The first problem wins, with its path.
 */
export function checkFields(fields: OptionFields, input: Readonly<Record<string, unknown>>): Record<string, unknown> | OptionProblem {
  for (const key of Object.keys(input)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key) && input[key] !== undefined) {
      return new OptionProblem(`is not an option (the options are ${Object.keys(fields).join(', ')})`, key);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = input[key];
    if (value === undefined) {
      if (field.required) return new OptionProblem(`is required: ${field.expects}`, key);
      if (field.default !== undefined) out[key] = field.default;
      continue;
    }
    const checked = field.check(value);
    if (checked instanceof OptionProblem) {
      const reason = checked.reason ?? `must be ${field.expects}${field.sensitive ? '' : `, got ${shown(value)}`}`;
      return new OptionProblem(reason, checked.path === undefined ? key : `${key}.${checked.path}`);
    }
    out[key] = checked;
  }
  return out;
}
