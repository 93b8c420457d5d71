import { shown } from './option-error';
import { OptionProblem, type AlwaysWith, type OptionField } from './option-field';

/** Options of {@link list}. */
export interface ListOptions<T> {
  /** The fewest items. @defaultValue 0 */
  min?: number;
  /** The value when the option is absent. */
  default?: readonly T[];
}

/** An array whose every item the `item` field accepts: `list(string())`; a refused item is named by its index (and a member of it, `fields.0.name`). */
export function list<T, const O extends ListOptions<T> = {}>(item: OptionField<T>, options: O = {} as O): OptionField<T[], AlwaysWith<O>> {
  const min = options.min ?? 0;
  return {
    expects: `a list${min > 0 ? ` of at least ${min}` : ''} of ${item.expects.replace(/^an? /, '')}`,
    ...(options.default === undefined ? {} : { default: [...options.default] }),
    invalid: ['not a list', [item.invalid[0]], ...(min > 0 ? [[]] : [])],
    check: (value) => {
      if (!Array.isArray(value) || value.length < min) return new OptionProblem();
      const out: T[] = [];
      for (const [i, v] of value.entries()) {
        const checked = item.check(v);
        if (checked instanceof OptionProblem) return new OptionProblem(checked.reason ?? `must be ${item.expects}, got ${shown(v)}`, checked.path === undefined ? String(i) : `${i}.${checked.path}`);
        out.push(checked);
      }
      return out;
    },
  };
}
