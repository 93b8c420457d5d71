import * as fc from 'fast-check';
import type { AdapterLimits, Delivery, EscalationAdapter, EscalationContext } from '@pillar/escalation-core';
import { arbitraryContext } from './arbitrary';
import { registerTest, testRunner } from './runner';
import {
  CONFORMANCE_CHECKS,
  assertOnlyEscalationError,
  checkAbortedDelivery,
  checkDelivery,
  checkDeterministic,
  checkHtmlSafety,
  checkKind,
  checkLimits,
  checkLimitsMatchPayloads,
  checkNoMutation,
  checkProducesPayload,
  checkRuntime,
  checkSerializable,
  payloadOutcome,
  describeThrown,
  type ConformanceCheck,
  type HtmlSafetyOptions,
  type PayloadOutcome,
} from './checks';
import { contextFixtures, FIXTURE_NAMES } from './fixtures';
import { ConformanceError } from './conformance-error';
import { cloneJson } from './json';

/** Undoes what a deliver `setup` did (restores a global, resets a fake). */
export type Teardown = () => void | Promise<void>;

/** The optional delivery smoke test. */
export interface DeliverSmokeOptions<P = unknown> {
  /** Whether to call `deliver` at all. Turn it on once the provider is faked (msw handlers, a recording global). */
  run: boolean;
  /**
   * The fixture whose payload is delivered.
   * @defaultValue `'multi-turn'`
   */
  fixture?: string;
  /**
   * Runs before each delivery test: install a fake global, `server.use(handler)`, ... May
   * return a teardown, which runs after the test even when it fails.
   */
  setup?(): void | Teardown | Promise<void | Teardown>;
  /** Extra assertions on what `deliver` resolved to (and the payload it delivered). */
  expect?(delivery: Delivery, payload: P): void | Promise<void>;
}

/** The optional check of `find`: after `deliver`, `find` with the same key finds the record. */
export interface FindCheckOptions {
  /**
   * Whether to run it. Turn it on once a fake provider answers both the create and the lookup
   * (msw handlers that keep what was created), so `find` can see what `deliver` made.
   */
  run: boolean;
  /**
   * The fixture delivered and then looked up.
   * @defaultValue `'multi-turn'`
   */
  fixture?: string;
  /**
   * Runs before the test: install the fake provider (`server.use(...)`). May return a teardown.
   * @defaultValue `deliver.setup`, when there is one
   */
  setup?(): void | Teardown | Promise<void | Teardown>;
  /** Extra assertions on what `find` resolved to and what `deliver` had resolved to. */
  expect?(found: Delivery, delivered: Delivery): void | Promise<void>;
}

/**
 * Which fixture-by-check pairs of the payload checks (`serializable`, `limits`, `html-safety`)
 * inspected a payload. A fixture whose `toPayload` throws (an `EscalationError` is a valid
 * refusal) leaves those checks nothing to inspect: they pass without checking anything.
 */
export interface ConformanceCoverage {
  /** The suite's name, as given to {@link describeAdapterConformance}. */
  suite: string;
  /** Pairs registered: fixtures that are not skipped, times payload checks that are not skipped. */
  pairs: number;
  /** Pairs that inspected a payload. */
  ran: number;
  /** The pairs that did not, each with why (`toPayload threw EscalationError INVALID_CONTEXT (…)`). */
  notRun: Array<{
    /** The fixture's name. */
    fixture: string;
    /** The check's name. */
    check: PayloadCheck;
    /** Why it inspected nothing. */
    reason: string;
  }>;
}

/** The checks that inspect a payload, and so check nothing when `toPayload` throws. */
export const PAYLOAD_CHECKS = ['serializable', 'limits', 'html-safety'] as const;

/** One of {@link PAYLOAD_CHECKS}. */
export type PayloadCheck = (typeof PAYLOAD_CHECKS)[number];

const coverageBySuite = new Map<string, ConformanceCoverage>();

/**
 * The coverage of a suite registered in this test file, once its tests have run (in an
 * `afterAll`, or in `options.onCoverage`); `undefined` before.
 */
export function conformanceCoverage(suite: string): ConformanceCoverage | undefined {
  return coverageBySuite.get(suite);
}

/** Options of {@link describeAdapterConformance}; everything is optional. */
export interface ConformanceOptions<P = unknown> {
  /**
   * Limits checked in addition to the adapter's own `limits` (same keys win here): use it to
   * check a stricter bound in a test, or for an adapter that does not declare limits.
   * @defaultValue the adapter's `limits`
   */
  limits?: AdapterLimits;
  /**
   * Checks or fixtures that do not apply, each with the reason, shown in the test title:
   * `{ 'html-safety': 'the payload is a URL', 'one-megabyte-message': 'rejected by parseContext first' }`.
   * Keys are check names ({@link CONFORMANCE_CHECKS}) or fixture names; an unknown key or an
   * empty reason fails when the suite is registered, so a typo never skips silently.
   * @defaultValue `{}`
   */
  skip?: Partial<Record<ConformanceCheck | (string & {}), string>>;
  /**
   * More contexts to run every per-fixture check on, by name (names must not clash with the
   * built-in {@link FIXTURE_NAMES}): the cases your provider is known to trip on.
   * @defaultValue `{}`
   */
  fixtures?: Record<string, EscalationContext>;
  /**
   * Completes every context before the checks see it (the built-in fixtures, `fixtures` and the
   * arbitrary contexts) with what the adapter needs and the fixtures may lack, such as a user
   * email or id: `(context) => ({ ...context, user: { ...context.user, email: 'someone@example.com' } })`.
   * Without it, a fixture that `toPayload` refuses leaves the payload checks nothing to inspect
   * (see {@link ConformanceCoverage}). It gets a copy, and the fixture's name.
   * @defaultValue the contexts as they are
   */
  completeFixture?(context: EscalationContext, fixture: string): EscalationContext;
  /**
   * Called after the suite's tests with how many fixture-by-check pairs inspected a payload, to
   * print it or to assert that every fixture reached one.
   * @defaultValue none (read it with {@link conformanceCoverage})
   */
  onCoverage?(coverage: ConformanceCoverage): void;
  /**
   * Payload fields that hold HTML, as dotted patterns with `[]` for array items and `*` for any
   * one key (`ticket.comment.html_body`). They are always scanned; other strings only when they
   * look like HTML.
   * @defaultValue `[]`
   */
  htmlFields?: string[];
  /**
   * Payload fields that hold plain text and are never scanned for markup, even when the
   * user's text inside looks like HTML (`ticket.subject`, `custom_fields.*`). The provider must
   * treat them as text.
   * @defaultValue `[]`
   */
  textFields?: string[];
  /**
   * Tags allowed in HTML fields besides `p, br, strong, em, b, i, ul, ol, li, pre, code,
   * blockquote, hr, h1`–`h4`, `span, div, small` (e.g. `['a', 'table', 'tr', 'td']`).
   * Attributes are still checked: no `on*`, no `javascript:`, none copied from the conversation.
   * @defaultValue `[]`
   */
  allowedHtmlTags?: string[];
  /**
   * How many arbitrary contexts the property check tries.
   * @defaultValue 100
   */
  numRuns?: number;
  /**
   * The fast-check seed: fixed, so a run is reproducible; a failure message prints it with the
   * shrunk counterexample.
   * @defaultValue 20261124
   */
  seed?: number;
  /**
   * The contexts the property check draws from, for adapters that need, say, a user email.
   * @defaultValue `arbitraryContext()`
   */
  arbitrary?: fc.Arbitrary<EscalationContext>;
  /**
   * Timeout of each registered test in ms (the big fixtures call `toPayload` several times).
   * @defaultValue Jest's `testTimeout` (5000)
   */
  timeoutMs?: number;
  /**
   * Also call `deliver` on one payload and check the `Delivery`, and that an already-aborted
   * signal makes it reject with `ABORTED`.
   * @defaultValue not run
   */
  deliver?: DeliverSmokeOptions<P>;
  /**
   * For an adapter with `find`: deliver one payload to the fake provider, then check that `find`
   * with the same key finds it (a `Delivery` with the same `reference.id`) and that `find` with a
   * key nothing was created with answers `null`.
   * @defaultValue not run
   */
  find?: FindCheckOptions;
}

/** The default fast-check seed of the property check. */
export const DEFAULT_CONFORMANCE_SEED = 20261124;

function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

function mergeLimits(own: AdapterLimits | undefined, extra: AdapterLimits | undefined): AdapterLimits | undefined {
  if (!own && !extra) return undefined;
  const merged: AdapterLimits = {};
  const fields = { ...own?.fields, ...extra?.fields };
  if (Object.keys(fields).length > 0) merged.fields = fields;
  const maxUrlLength = extra?.maxUrlLength ?? own?.maxUrlLength;
  if (maxUrlLength !== undefined) merged.maxUrlLength = maxUrlLength;
  return merged;
}

/**
 * Registers the conformance suite of one adapter as Jest tests: call it at the top level of a
 * test file (or inside a `describe`). Every built-in fixture plus `options.fixtures` goes
 * through `toPayload`, checking that it throws only `EscalationError`, is deterministic, is
 * plain JSON, stays within the declared limits, emits no markup from the conversation and does
 * not change its input; then a seeded fast-check run repeats those checks on arbitrary
 * contexts. `kind` and `runtime` are checked too, and `deliver` once when `options.deliver.run`.
 *
 * @param name - Shown in the test titles, usually the adapter's package or kind.
 * @param makeAdapter - Builds a fresh adapter with test configuration; called several times.
 * @param options - See {@link ConformanceOptions}.
 */
export function describeAdapterConformance<P>(
  name: string,
  makeAdapter: () => EscalationAdapter<P>,
  options: ConformanceOptions<P> = {},
): void {
  const extraFixtures = options.fixtures ?? {};
  for (const fixture of Object.keys(extraFixtures)) {
    if ((FIXTURE_NAMES as readonly string[]).includes(fixture)) {
      throw new Error(`describeAdapterConformance(${JSON.stringify(name)}): options.fixtures.${fixture} clashes with a built-in fixture; give it another name`);
    }
  }
  const fixtureNames = [...FIXTURE_NAMES, ...Object.keys(extraFixtures)];
  const skip = options.skip ?? {};
  for (const [key, reason] of Object.entries(skip)) {
    if (!(CONFORMANCE_CHECKS as readonly string[]).includes(key) && !fixtureNames.includes(key)) {
      throw new Error(
        `describeAdapterConformance(${JSON.stringify(name)}): skip key "${key}" is neither a check (${CONFORMANCE_CHECKS.join(', ')}) nor a fixture (${fixtureNames.join(', ')})`,
      );
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`describeAdapterConformance(${JSON.stringify(name)}): skip["${key}"] needs a reason`);
    }
  }
  const skipped = (key: string): string | undefined => skip[key];
  const enabled = (check: ConformanceCheck): boolean => skipped(check) === undefined;

  const complete = options.completeFixture;
  const fixtures = lazy(() => {
    const all = { ...contextFixtures(), ...cloneJson(extraFixtures) } as Record<string, EscalationContext>;
    if (!complete) return all;
    return Object.fromEntries(Object.entries(all).map(([fixtureName, context]) => [fixtureName, complete(cloneJson(context), fixtureName)]));
  });
  const fixture = (fixtureName: string): EscalationContext => {
    const context = fixtures()[fixtureName];
    if (!context) throw new Error(`No fixture ${fixtureName}`);
    return context;
  };
  const adapter = lazy(makeAdapter);
  const limits = lazy(() => mergeLimits(adapter().limits, options.limits));
  const html: HtmlSafetyOptions = {
    htmlFields: options.htmlFields ?? [],
    textFields: options.textFields ?? [],
    allowedTags: options.allowedHtmlTags ?? [],
  };
  // One toPayload call per fixture, shared by the checks that only read the payload.
  const outcomes = new Map<string, PayloadOutcome<P>>();
  const outcome = (fixtureName: string): PayloadOutcome<P> => {
    let result = outcomes.get(fixtureName);
    if (!result) {
      result = payloadOutcome(adapter(), cloneJson(fixture(fixtureName)));
      outcomes.set(fixtureName, result);
    }
    return result;
  };
  // Which payload checks inspected a payload, and why the others did not.
  const inspected = new Set<string>();
  const uninspected = new Map<string, string>();
  const withPayload = (fixtureName: string, check: PayloadCheck, use: (payload: P) => void): void => {
    const result = outcome(fixtureName);
    // A thrown EscalationError is a valid answer with nothing to inspect; anything else fails
    // `escalation-errors-only`.
    if (result.ok) {
      use(result.payload);
      inspected.add(`${fixtureName}\u0000${check}`);
    } else uninspected.set(`${fixtureName}\u0000${check}`, `toPayload threw ${describeThrown(result.error)}`);
  };

  const { describe, it, afterAll } = testRunner();
  const test = (check: ConformanceCheck, title: string, fn: () => void | Promise<void>): void => {
    const reason = skipped(check);
    if (reason !== undefined) it.skip(`${check}: ${title} (skipped: ${reason})`, () => undefined);
    else registerTest(`${check}: ${title}`, fn, options.timeoutMs);
  };

  describe(`${name}: adapter conformance`, () => {
    test('kind', 'kind is a non-empty string, the same on every instance', () => {
      const first = makeAdapter();
      checkKind(first, makeAdapter());
      payloadOutcome(first, cloneJson(fixture('multi-turn')));
      checkKind(first, makeAdapter());
    });

    test('runtime', "runtime is 'browser', 'server' or 'universal'", () => {
      checkRuntime(makeAdapter());
    });

    for (const fixtureName of fixtureNames) {
      const reason = skipped(fixtureName);
      if (reason !== undefined) {
        it.skip(`fixture "${fixtureName}" (skipped: ${reason})`, () => undefined);
        continue;
      }
      describe(`fixture "${fixtureName}"`, () => {
        test('escalation-errors-only', 'toPayload throws nothing but EscalationError', () => {
          const result = outcome(fixtureName);
          if (!result.ok) assertOnlyEscalationError(result.error, fixtureName);
        });
        if (fixtureName === 'multi-turn') {
          test('produces-payload', 'an ordinary conversation gives a payload', () => {
            checkProducesPayload(adapter(), fixture(fixtureName), fixtureName);
          });
        }
        test('deterministic', 'toPayload gives the same payload twice and on a fresh adapter', () => {
          checkDeterministic(makeAdapter, fixture(fixtureName), fixtureName);
        });
        test('serializable', 'the payload is plain JSON', () => {
          withPayload(fixtureName, 'serializable', (payload) => checkSerializable(payload, fixtureName));
        });
        test('limits', 'the payload stays within the declared limits', () => {
          withPayload(fixtureName, 'limits', (payload) => checkLimits(payload, limits(), fixtureName));
        });
        test('html-safety', 'HTML in the payload carries no markup from the conversation', () => {
          withPayload(fixtureName, 'html-safety', (payload) => checkHtmlSafety(payload, fixture(fixtureName), fixtureName, html));
        });
        test('no-mutation', 'toPayload does not change the context', () => {
          checkNoMutation(adapter(), fixture(fixtureName), fixtureName);
        });
      });
    }

    if (enabled('limits')) {
      test('limits-declared', 'every declared field limit matches a field of some payload', () => {
        const payloads = fixtureNames
          .filter((fixtureName) => skipped(fixtureName) === undefined)
          .map((fixtureName) => ({ fixtureName, result: outcome(fixtureName) }))
          .flatMap(({ fixtureName, result }) => (result.ok ? [{ fixture: fixtureName, payload: result.payload as unknown }] : []));
        checkLimitsMatchPayloads(payloads, limits());
      });
    }

    const drawn = options.arbitrary ?? arbitraryContext();
    const arbitrary = complete ? drawn.map((context) => complete(cloneJson(context), 'arbitrary context')) : drawn;
    const seed = options.seed ?? DEFAULT_CONFORMANCE_SEED;
    const numRuns = options.numRuns ?? 100;
    test('property', `arbitrary contexts pass every check (fast-check seed ${seed}, ${numRuns} runs)`, () => {
      const first = makeAdapter();
      const label = 'arbitrary context';
      fc.assert(
        fc.property(arbitrary, (context) => {
          const result = payloadOutcome(first, cloneJson(context));
          if (!result.ok) {
            if (enabled('escalation-errors-only')) assertOnlyEscalationError(result.error, label);
          }
          if (enabled('deterministic')) checkDeterministic(makeAdapter, context, label);
          if (enabled('no-mutation')) checkNoMutation(first, context, label);
          if (!result.ok) return;
          if (enabled('serializable')) checkSerializable(result.payload, label);
          if (enabled('limits')) checkLimits(result.payload, limits(), label);
          if (enabled('html-safety')) checkHtmlSafety(result.payload, context, label, html);
        }),
        { seed, numRuns },
      );
    });

    const deliver = options.deliver;
    if (deliver?.run) {
      const deliverFixture = deliver.fixture ?? 'multi-turn';
      if (!fixtureNames.includes(deliverFixture)) {
        throw new Error(`describeAdapterConformance(${JSON.stringify(name)}): deliver.fixture "${deliverFixture}" is not a fixture`);
      }
      const withSetup = async (use: () => Promise<void>): Promise<void> => {
        const teardown = await deliver.setup?.();
        try {
          await use();
        } finally {
          if (typeof teardown === 'function') await teardown();
        }
      };
      test('deliver', `deliver resolves to a Delivery for fixture "${deliverFixture}"`, () =>
        withSetup(async () => {
          const instance = makeAdapter();
          const context = cloneJson(fixture(deliverFixture));
          const payload = instance.toPayload(cloneJson(context));
          const delivery: unknown = await instance.deliver(payload, { context, idempotencyKey: `conformance-${instance.kind}-${deliverFixture}` });
          checkDelivery(delivery, deliverFixture);
          await deliver.expect?.(delivery, payload);
        }),
      );
      test('deliver-abort', 'deliver rejects with ABORTED when the signal is already aborted', () =>
        withSetup(async () => {
          const instance = makeAdapter();
          const context = cloneJson(fixture(deliverFixture));
          await checkAbortedDelivery(instance, instance.toPayload(cloneJson(context)), context, deliverFixture);
        }),
      );
    }

    const find = options.find;
    if (find?.run) {
      const findFixture = find.fixture ?? 'multi-turn';
      if (!fixtureNames.includes(findFixture)) {
        throw new Error(`describeAdapterConformance(${JSON.stringify(name)}): find.fixture "${findFixture}" is not a fixture`);
      }
      test('find', `find finds what deliver created with the same key, and nothing for another key (fixture "${findFixture}")`, async () => {
        const teardown = await (find.setup ?? options.deliver?.setup)?.();
        try {
          const instance = makeAdapter();
          if (typeof instance.find !== 'function') {
            throw new ConformanceError('find', findFixture, 'options.find.run is set, but the adapter has no find method', { path: 'adapter.find' });
          }
          const context = cloneJson(fixture(findFixture));
          const key = `conformance-${instance.kind}-find`;
          const delivered = await instance.deliver(instance.toPayload(cloneJson(context)), { context, idempotencyKey: key });
          const found: unknown = await instance.find(key, cloneJson(context));
          if (found === null || found === undefined) {
            throw new ConformanceError('find', findFixture, `find("${key}") answered ${String(found)} right after deliver created a record with that key`, { path: 'find(key)' });
          }
          checkDelivery(found, findFixture);
          if (delivered.reference?.id !== undefined && found.reference?.id !== delivered.reference.id) {
            throw new ConformanceError('find', findFixture, `find found ${JSON.stringify(found.reference?.id)}, but deliver created ${JSON.stringify(delivered.reference.id)}`, {
              path: 'find(key).reference.id',
            });
          }
          const unknownKey = `conformance-${instance.kind}-never-delivered`;
          const none: unknown = await instance.find(unknownKey, cloneJson(context));
          if (none !== null) {
            throw new ConformanceError('find', findFixture, `find("${unknownKey}") must answer null for a key nothing was created with, got ${JSON.stringify(none)}`, {
              path: 'find(unknownKey)',
            });
          }
          await find.expect?.(found, delivered);
        } finally {
          if (typeof teardown === 'function') await teardown();
        }
      });
    }

    afterAll(() => {
      const checks = PAYLOAD_CHECKS.filter((check) => enabled(check));
      const live = fixtureNames.filter((fixtureName) => skipped(fixtureName) === undefined);
      const coverage: ConformanceCoverage = { suite: name, pairs: live.length * checks.length, ran: 0, notRun: [] };
      for (const fixtureName of live) {
        for (const check of checks) {
          const pair = `${fixtureName}\u0000${check}`;
          if (inspected.has(pair)) coverage.ran += 1;
          else coverage.notRun.push({ fixture: fixtureName, check, reason: uninspected.get(pair) ?? 'the test did not run (filtered out, or an earlier failure)' });
        }
      }
      coverageBySuite.set(name, coverage);
      options.onCoverage?.(coverage);
    });
  });
}
