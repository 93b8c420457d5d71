import { checkFields } from './check-fields';
import { optionError } from './option-error';
import { OptionProblem, type CheckedOptions, type OptionField, type OptionFields } from './option-field';

/** An adapter's declared options: checks what a user passes, and tells the testkit what to try. */
export interface OptionsDeclaration<F extends OptionFields> {
  /** The adapter kind named in every error (`zendesk-ticket`). */
  readonly adapter: string;
  /** The declared fields by option name. */
  readonly fields: F;
  /**
   * Checks the options a factory got: each value checked and normalised, defaults filled in.
   *
   * @throws `EscalationError` `CONFIGURATION` naming the option in `details.path`
   * (`options.mapping.tags`) and in one message style.
   */
  check(input: unknown): CheckedOptions<F>;
  /** Deprecated option names still accepted, by old name: the current name. */
  readonly renamed: Readonly<Record<string, string>>;
}

/** Options of {@link defineOptions}. */
export interface DefineOptionsSettings {
  /**
   * Old option names that keep working (for one minor version) under their new name:
   * `{ commentMaxLength: 'descriptionMaxLength' }`. Giving both is a `CONFIGURATION` error.
   */
  renamed?: Readonly<Record<string, string>>;
}

/**
 * The declared fields an options interface needs: one field per option, each checking to a type
 * the option accepts. Use it with `satisfies` so the interface (with its TSDoc) and the
 * declaration cannot drift: `defineOptions('acme', { ... } satisfies OptionFieldsFor<AcmeOptions>)`.
 */
export type OptionFieldsFor<O> = { readonly [K in keyof O]-?: OptionField<Exclude<O[K], undefined>, boolean> };

/**
 * Declares an adapter's options once; the factory calls `check`, and the options interface
 * (with its TSDoc) stays the public type:
 *
 * ```ts
 * const OPTIONS = defineOptions('acme-ticket', { baseUrl: baseUrl({ required: true }), apiKey: secret(), timeoutMs: int({ max: 60_000, default: 10_000 }) });
 * export function acmeTicket(options: AcmeTicketOptions) { const o = OPTIONS.check(options); ... }
 * ```
 */
export function defineOptions<const F extends OptionFields>(adapter: string, fields: F, settings: DefineOptionsSettings = {}): OptionsDeclaration<F> {
  const renamed = settings.renamed ?? {};
  return {
    adapter,
    fields,
    renamed,
    check(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw optionError(adapter, '', 'must be an object');
      let given = input as Record<string, unknown>;
      for (const [old, now] of Object.entries(renamed)) {
        // `mapping.tags` moved up to `tags`: read inside the old group, and drop the group once emptied.
        const [outer, inner] = old.split('.') as [string, string?];
        const holder = inner === undefined ? given : given[outer];
        const value = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[inner ?? outer] : undefined;
        if (value === undefined) continue;
        if (given[now] !== undefined) throw optionError(adapter, old, `is the old name of options.${now}: give only ${now}`);
        const rest = inner === undefined ? undefined : { ...(holder as Record<string, unknown>), [inner]: undefined };
        given = { ...given, [now]: value, [outer]: rest && Object.values(rest).some((v) => v !== undefined) ? rest : undefined };
      }
      const checked = checkFields(fields, given);
      if (checked instanceof OptionProblem) throw optionError(adapter, checked.path ?? '', checked.reason ?? 'is not valid');
      return checked as CheckedOptions<F>;
    },
  };
}
