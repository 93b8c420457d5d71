import { shown } from './option-error';
import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link record}. */
export interface RecordOptions {
  /** Keys the adapter sets itself, refused here. */
  reserved?: readonly string[];
  /** A key must match this (a custom field name, an attribute name). */
  key?: RegExp;
  /** The option must be given. */
  required?: boolean;
}

/** An object of any keys whose every value the `value` field accepts; a refused entry is named by its key. */
export function record<T, const O extends RecordOptions = {}>(value: OptionField<T>, options: O = {} as O): OptionField<Record<string, T>, AlwaysWith<O>> {
  const reserved = options.reserved ?? [];
  return {
    expects: `an object of ${value.expects.replace(/^an? /, '')}`,
    ...(options.required ? { required: true } : {}),
    invalid: ['not an object', { x: value.invalid[0] }, ...reserved.slice(0, 1).map((key) => ({ [key]: value.invalid[0] }))],
    check: (input) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return new OptionProblem();
      const out: Record<string, T> = {};
      for (const [key, v] of Object.entries(input)) {
        if (reserved.includes(key)) return new OptionProblem('is set by the adapter: use the options or the context instead', key);
        if (options.key && !options.key.test(key)) return new OptionProblem(`is not a valid key (keys match ${String(options.key)})`, key);
        const checked = value.check(v);
        if (checked instanceof OptionProblem) return new OptionProblem(checked.reason ?? `must be ${value.expects}, got ${shown(v)}`, checked.path === undefined ? key : `${key}.${checked.path}`);
        out[key] = checked;
      }
      return out;
    },
  };
}
