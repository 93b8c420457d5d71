/**
 * One declared adapter option: what a valid value is, its default, and how a given value is
 * checked and normalised. Made with `int`, `oneOf`, `string`, `baseUrl`, `secret`, `fn`,
 * `valueOrFn` and `group`; read by `defineOptions`, and by the testkit's option checks.
 *
 * @typeParam T - the value after checking.
 * @typeParam Always - `true` when the checked options always hold a value (a default, or required).
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export interface OptionField<T, Always extends boolean = boolean> {
  /** A valid value in words, completing "must be …": `a whole number from 1 to 60000`. */
  readonly expects: string;
  /** The value used when the option is absent; `undefined` when it has none. */
  readonly default?: T;
  /** Whether the option must be given. @defaultValue `false` */
  readonly required?: boolean;
  /** A secret (a token, a key): a refused value is never shown in the error. */
  readonly sensitive?: boolean;
  /** Marks whether the checked options always hold a value (type-level only). */
  readonly always?: Always;
  /** Values this field refuses, for the conformance suite to try. */
  readonly invalid: readonly unknown[];
  /**
   * Checks and normalises a given (not `undefined`) value: the value, or a {@link OptionProblem}
   * when it is not valid.
   */
  check(value: unknown): T | OptionProblem;
  /** Nested fields, for a `group` (an options object inside the options). */
  readonly fields?: OptionFields;
  /** For `valueOrFn`: the field a function's result must satisfy when it is called. */
  readonly result?: OptionField<unknown>;
}

/** Why a value was refused; `defineOptions` turns it into a `CONFIGURATION` error naming the path. */
export class OptionProblem {
  /**
   * @param reason - completes "options.<path> …", e.g. `must use https, ...`; defaults to
   * "must be <expects>".
   * @param path - a sub-path below the option (a `group` member).
   */
  constructor(
    readonly reason?: string,
    readonly path?: string,
  ) {}
}

/** Declared fields by option name. */
export type OptionFields = Readonly<Record<string, OptionField<any, boolean>>>;

/** The checked value type of a field. */
export type FieldValue<F> = F extends OptionField<infer T, infer Always> ? (Always extends true ? T : T | undefined) : never;

/** The checked options: each field's value, `undefined` where it has no default and was not given. */
export type CheckedOptions<F extends OptionFields> = { -readonly [K in keyof F]: FieldValue<F[K]> };

/** `true` when options of this shape always yield a value (a default, or required). */
export type AlwaysWith<O> = O extends Record<'required', true> ? true : O extends Record<'default', NonNullable<unknown>> ? true : false;
