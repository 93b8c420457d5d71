import { checkFields } from './check-fields';
import { optionError } from './option-error';
import { OptionProblem, type CheckedOptions, type OptionFields } from './option-field';

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
}

/**
 * Declares an adapter's options once; the factory calls `check`, and the options interface
 * (with its TSDoc) stays the public type:
 *
 * ```ts
 * const OPTIONS = defineOptions('acme-ticket', { baseUrl: baseUrl({ required: true }), apiKey: secret(), timeoutMs: int({ max: 60_000, default: 10_000 }) });
 * export function acmeTicket(options: AcmeTicketOptions) { const o = OPTIONS.check(options); ... }
 * ```
 */
export function defineOptions<const F extends OptionFields>(adapter: string, fields: F): OptionsDeclaration<F> {
  return {
    adapter,
    fields,
    check(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw optionError(adapter, '', 'must be an object');
      const checked = checkFields(fields, input as Record<string, unknown>);
      if (checked instanceof OptionProblem) throw optionError(adapter, checked.path ?? '', checked.reason ?? 'is not valid');
      return checked as CheckedOptions<F>;
    },
  };
}
