import { describe, expect, it } from '@jest/globals';
import type { EscalationAdapter } from '@pillar/escalation-core';
import { contextFixture, payloadSnapshotSerializer, renderedPayload, ConformanceError } from '@pillar/escalation-testkit';
import { noteAdapter } from './support/note-adapter';

expect.addSnapshotSerializer(payloadSnapshotSerializer);

function returning<P>(payload: P): EscalationAdapter<P> {
  return { kind: 'fixed', runtime: 'browser', toPayload: () => payload, deliver: async () => ({ status: 'redirected' }) };
}

describe('renderedPayload', () => {
  it('gives kind, runtime, the payload as sent and its URLs decoded', () => {
    const rendered = renderedPayload(noteAdapter(), contextFixture('multi-turn'));
    expect(rendered.kind).toBe('test-note');
    expect(rendered.runtime).toBe('universal');
    expect(rendered.urls).toEqual({
      'payload.url': {
        base: 'https://support.example.com/new',
        query: { subject: 'Why was I charged twice for my Pro plan this month?', conversation: 'conv_billing_42' },
      },
    });
    expect(rendered).toMatchSnapshot();
  });

  it('keeps long strings whole', () => {
    const rendered = renderedPayload(noteAdapter(), contextFixture('long-single-word'));
    expect((rendered.payload as { text: string }).text).toHaveLength(10_000);
  });

  it('decodes repeated query parameters and the fragment, and leaves out plain URLs', () => {
    const redirect = returning({ go: 'https://x.example/p?a=1&a=2&b=%E2%82%AC#sec%20two', home: 'https://x.example/' });
    expect(renderedPayload(redirect, contextFixture('empty')).urls).toEqual({
      'payload.go': { base: 'https://x.example/p', query: { a: ['1', '2'], b: '€' }, hash: 'sec two' },
    });
  });

  it('fails a payload that is not plain JSON, naming the path', () => {
    const dated = returning({ at: new Date(0) });
    expect(() => renderedPayload(dated, contextFixture('empty'))).toThrow(ConformanceError);
    expect(() => renderedPayload(dated, contextFixture('empty'))).toThrow('payload.at: is a Date');
  });
});

describe('payloadSnapshotSerializer', () => {
  it('escapes control, bidi and zero-width characters so snapshot files stay readable', () => {
    expect(payloadSnapshotSerializer.test('plain\nmultiline\ttext')).toBe(false);
    expect(payloadSnapshotSerializer.test(42)).toBe(false);
    expect(payloadSnapshotSerializer.serialize('a\u202Eb\u0000c\u200Bd\r\n"q"\\\ud800')).toBe('"a\\u202eb\\u0000c\\u200bd\\u000d\n\\"q\\"\\\\\\ud800"');
  });

  it('renders the control-character fixture into a clean snapshot', () => {
    expect(renderedPayload(noteAdapter(), contextFixture('control-characters')).payload).toMatchSnapshot();
  });
});
