import { afterAll, describe, expect, it } from '@jest/globals';
import { EscalationError } from '@pillar/escalation-core';
import { conformanceCoverage, contextFixture, contextFixtures, describeAdapterConformance, FIXTURE_NAMES, type ConformanceCoverage } from '@pillar/escalation-testkit';
import { noteAdapter, type NotePayload } from './support/note-adapter';

const delivered: NotePayload[] = [];

describeAdapterConformance('test-note', () => noteAdapter(), {
  // The plain-text copy holds the user's words as they are; the provider shows it as text.
  textFields: ['subject', 'text', 'meta.*'],
  htmlFields: ['html'],
  fixtures: {
    'refund-in-arabic': {
      conversationId: 'conv_ar',
      messages: [{ role: 'user', content: 'أريد استرداد المبلغ <b>الآن</b>' }],
      reason: 'billing',
    },
  },
  deliver: {
    run: true,
    setup: () => {
      delivered.length = 0;
      return () => {
        delivered.length = 0;
      };
    },
    expect: (delivery, payload) => {
      delivered.push(payload);
      expect(delivery.status).toBe('created');
      expect(payload.subject).toBe('Why was I charged twice for my Pro plan this month?');
    },
  },
});

describe('describeAdapterConformance registration', () => {
  it('rejects a skip key that is neither a check nor a fixture', () => {
    expect(() => describeAdapterConformance('typo', () => noteAdapter(), { skip: { 'html-safty': 'typo' } })).toThrow(
      /skip key "html-safty" is neither a check .* nor a fixture/,
    );
  });

  it('rejects a skip without a reason', () => {
    expect(() => describeAdapterConformance('no reason', () => noteAdapter(), { skip: { deterministic: ' ' } })).toThrow(/skip\["deterministic"\] needs a reason/);
  });

  it('rejects an extra fixture that shadows a built-in one', () => {
    expect(() => describeAdapterConformance('clash', () => noteAdapter(), { fixtures: { empty: contextFixture('one-message') } })).toThrow(
      /options\.fixtures\.empty clashes with a built-in fixture/,
    );
  });
});

// An adapter that needs a user email, as ticket adapters do.
const needsEmail = () =>
  noteAdapter({
    toPayload(context) {
      if (!context.user?.email) throw new EscalationError('INVALID_CONTEXT', 'needs user.email', { details: { path: 'user.email' } });
      return noteAdapter().toPayload(context);
    },
  });
const noteOptions = { textFields: ['subject', 'text', 'meta.*'], htmlFields: ['html'], numRuns: 10 };
const coverages: Record<string, ConformanceCoverage> = {};

describeAdapterConformance('needs-email', needsEmail, { ...noteOptions, onCoverage: (c) => (coverages.incomplete = c) });

describeAdapterConformance('needs-email, completed', needsEmail, {
  ...noteOptions,
  completeFixture: (context, fixture) => ({ ...context, user: { ...context.user, email: context.user?.email ?? `${fixture.replace(/\W+/g, '-')}@example.com` } }),
  onCoverage: (c) => (coverages.completed = c),
});

// An in-memory provider for the find check.
const notes = new Map<string, string>();
describeAdapterConformance(
  'note with find',
  () =>
    noteAdapter({
      async deliver(_payload, options) {
        if (options.signal?.aborted) throw new EscalationError('ABORTED', 'aborted');
        notes.set(options.idempotencyKey, `note-${notes.size + 1}`);
        return { status: 'created', reference: { id: notes.get(options.idempotencyKey)! } };
      },
      async find(key) {
        const id = notes.get(key);
        return id === undefined ? null : { status: 'created', reference: { id } };
      },
    }),
  { ...noteOptions, find: { run: true, setup: () => () => notes.clear(), expect: (found, delivered) => expect(found.reference).toEqual(delivered.reference) } },
);

afterAll(() => {
  // Without completion, the fixtures without an email leave the three payload checks nothing to inspect.
  const withoutEmail = Object.entries(contextFixtures()).filter(([, context]) => !context.user?.email).map(([name]) => name);
  expect(withoutEmail.length).toBeGreaterThan(0);
  const incomplete = coverages.incomplete!;
  expect(incomplete.pairs).toBe(FIXTURE_NAMES.length * 3);
  expect(incomplete.ran).toBe((FIXTURE_NAMES.length - withoutEmail.length) * 3);
  expect(new Set(incomplete.notRun.map((p) => p.fixture))).toEqual(new Set(withoutEmail));
  expect(incomplete.notRun[0]?.reason).toMatch(/^toPayload threw EscalationError INVALID_CONTEXT \(needs user\.email\)/);
  expect(conformanceCoverage('needs-email')).toBe(incomplete);
  // With completeFixture, every pair inspects a payload.
  expect(coverages.completed).toMatchObject({ pairs: FIXTURE_NAMES.length * 3, ran: FIXTURE_NAMES.length * 3, notRun: [] });
});
