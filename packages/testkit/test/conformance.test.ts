import { describe, expect, it } from '@jest/globals';
import { contextFixture, describeAdapterConformance } from '@pillar/escalation-testkit';
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
