/**
 * A conformance check found a problem. The message names the check, the fixture (or the
 * arbitrary context) and, where there is one, the path of the offending value, so a failing
 * test says what to fix without a debugger.
 */
export class ConformanceError extends Error {
  /** Always `ConformanceError`. */
  override readonly name = 'ConformanceError';
  /** The check that failed (`deterministic`, `serializable`, ...). */
  readonly check: string;
  /** The fixture (or `arbitrary context`) the adapter was fed. */
  readonly fixture: string;
  /** Where in the payload or context the problem is (`payload.ticket.tags[2]`), when it has a place. */
  readonly path?: string;

  constructor(check: string, fixture: string, problem: string, options: { path?: string; cause?: unknown } = {}) {
    super(
      `[${check}] fixture "${fixture}": ${options.path === undefined ? '' : `${options.path}: `}${problem}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.check = check;
    this.fixture = fixture;
    if (options.path !== undefined) this.path = options.path;
  }
}
