import { describe, expect, it } from '@jest/globals';
import { EscalationError, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import {
  ConformanceError,
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
  checkThrowsOnlyEscalationErrors,
  contextFixture,
} from '@pillar/escalation-testkit';
import { noteAdapter } from './support/note-adapter';

/** Runs `fn`, expects a ConformanceError, and returns it for closer assertions. */
function failure(fn: () => unknown): ConformanceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConformanceError);
    return error as ConformanceError;
  }
  throw new Error('expected the check to fail, but it passed');
}

async function asyncFailure(fn: () => Promise<unknown>): Promise<ConformanceError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConformanceError);
    return error as ConformanceError;
  }
  throw new Error('expected the check to fail, but it passed');
}

/** An adapter whose toPayload is `toPayload` and nothing else is special. */
function adapter<P>(toPayload: (context: EscalationContext) => P, extra: Partial<EscalationAdapter<P>> = {}): EscalationAdapter<P> {
  return {
    kind: 'misbehaving',
    runtime: 'server',
    toPayload,
    deliver: async () => ({ status: 'created' }),
    ...extra,
  };
}

const multiTurn = contextFixture('multi-turn');

describe('checkDeterministic', () => {
  it('passes a pure adapter', () => {
    expect(() => checkDeterministic(() => noteAdapter(), multiTurn, 'multi-turn')).not.toThrow();
  });

  it('fails a payload that uses Math.random, naming the fixture and the path', () => {
    const error = failure(() => checkDeterministic(() => adapter((c) => ({ ticket: { subject: c.conversationId, nonce: Math.random() } })), multiTurn, 'multi-turn'));
    expect(error.message).toMatch(/^\[deterministic\] fixture "multi-turn": payload\.ticket\.nonce: toPayload is not deterministic: is 0\.\d+ on the first call, 0\.\d+ on the second call$/);
    expect(error.path).toBe('payload.ticket.nonce');
    expect(error.fixture).toBe('multi-turn');
  });

  it('fails an adapter whose instances differ (state set at construction)', () => {
    let instances = 0;
    const make = (): EscalationAdapter<{ tags: string[] }> => {
      instances += 1;
      const id = `instance-${instances}`;
      return adapter(() => ({ tags: ['pillar', id] }));
    };
    const error = failure(() => checkDeterministic(make, multiTurn, 'multi-turn'));
    expect(error.message).toContain('payload.tags[1]');
    expect(error.message).toContain('on a fresh adapter');
  });

  it('fails an adapter that counts its calls', () => {
    let calls = 0;
    const error = failure(() => checkDeterministic(() => adapter(() => ({ items: Array.from({ length: (calls += 1) }, () => 'x') })), multiTurn, 'one-message'));
    expect(error.message).toBe('[deterministic] fixture "one-message": payload.items: toPayload is not deterministic: has 1 items on the first call, 2 on the second call');
  });

  it('fails an adapter that throws only sometimes', () => {
    let calls = 0;
    const flaky = adapter(() => {
      calls += 1;
      if (calls === 2) throw new EscalationError('INVALID_CONTEXT', 'second call');
      return { ok: true };
    });
    const error = failure(() => checkDeterministic(() => flaky, multiTurn, 'multi-turn'));
    expect(error.message).toContain('returned a payload on the first call but threw EscalationError INVALID_CONTEXT (second call) on the second call');
  });

  it('accepts the same EscalationError every time', () => {
    const rejecting = adapter(() => {
      throw new EscalationError('INVALID_CONTEXT', 'no user');
    });
    expect(() => checkDeterministic(() => rejecting, multiTurn, 'multi-turn')).not.toThrow();
  });

  it('fails a Date payload that changes with the clock', () => {
    let ms = 0;
    const error = failure(() => checkDeterministic(() => adapter(() => ({ at: new Date((ms += 1000)) })), multiTurn, 'empty'));
    expect(error.message).toContain('payload.at: toPayload is not deterministic: is the date 1970-01-01T00:00:01.000Z on the first call, 1970-01-01T00:00:02.000Z on the second call');
  });
});

describe('checkSerializable', () => {
  it('passes plain JSON, undefined properties and shared references', () => {
    const shared = { a: 1 };
    expect(() => checkSerializable({ x: shared, y: shared, z: undefined, n: [1, 'two', null, true, { deep: [] }] }, 'multi-turn')).not.toThrow();
  });

  it.each([
    ['a Date', { ticket: { created: new Date(0) } }, 'payload.ticket.created', 'is a Date (only plain objects and arrays are JSON)'],
    ['a function', { render: () => 'x' }, 'payload.render', 'is a function (JSON drops it)'],
    ['undefined in an array', { tags: ['a', undefined] }, 'payload.tags[1]', 'is undefined (JSON turns it into null or drops it)'],
    ['NaN', { score: Number.NaN }, 'payload.score', 'is NaN (JSON turns it into null)'],
    ['Infinity', { limits: [1, Number.POSITIVE_INFINITY] }, 'payload.limits[1]', 'is Infinity (JSON turns it into null)'],
    ['-0', { offset: -0 }, 'payload.offset', 'is -0 (JSON turns it into 0)'],
    ['a bigint', { id: 10n }, 'payload.id', 'is a bigint (JSON.stringify throws)'],
    ['a Map', { fields: new Map() }, 'payload.fields', 'is a Map (only plain objects and arrays are JSON)'],
    ['a class instance', { err: new EscalationError('TIMEOUT', 'x') }, 'payload.err', 'is a EscalationError (only plain objects and arrays are JSON)'],
    ['a hole', { list: [1, , 3] }, 'payload.list[1]', 'is a hole in a sparse array (JSON turns it into null)'],
    ['a symbol key', { [Symbol('s')]: 1 }, 'payload', 'has a symbol key (JSON drops it)'],
    ['a key with a dash', { 'x-custom': [() => 1] }, 'payload["x-custom"][0]', 'is a function (JSON drops it)'],
    ['undefined as the payload', undefined, 'payload', 'is undefined (JSON turns it into null or drops it)'],
  ])('fails %s, naming the path', (_, payload, path, problem) => {
    const error = failure(() => checkSerializable(payload, 'html-injection'));
    expect(error.message).toBe(`[serializable] fixture "html-injection": ${path}: ${problem}`);
    expect(error.path).toBe(path);
  });

  it('fails a cycle', () => {
    const ticket: Record<string, unknown> = { subject: 's' };
    ticket.self = { parent: ticket };
    const error = failure(() => checkSerializable({ ticket }, 'empty'));
    expect(error.message).toBe('[serializable] fixture "empty": payload.ticket.self.parent: is a cycle (refers to one of its own ancestors)');
  });

  it('fails a payload from an adapter that returns a Date', () => {
    const outcome = checkThrowsOnlyEscalationErrors(adapter(() => ({ due: new Date(0) })), multiTurn, 'multi-turn');
    expect(outcome.ok).toBe(true);
    const error = failure(() => checkSerializable(outcome.ok ? outcome.payload : undefined, 'multi-turn'));
    expect(error.path).toBe('payload.due');
  });
});

describe('checkLimits', () => {
  const limits = { fields: { subject: 10, 'tags[]': 5, tags: 2, 'fields[].value': 3, 'custom.*': 4 }, maxUrlLength: 30 };

  it('passes a payload within its limits', () => {
    const payload = { subject: '0123456789', tags: ['abcde', 'x'], fields: [{ value: 'abc' }, { value: null }], custom: { a: '1234' }, url: 'https://a.example/' };
    expect(() => checkLimits(payload, limits, 'multi-turn')).not.toThrow();
  });

  it.each([
    ['a long string', { subject: '01234567890' }, 'payload.subject', 'is 11 UTF-16 units long; limits.fields["subject"] allows 10'],
    ['a long array item', { tags: ['abcdef'] }, 'payload.tags[0]', 'is 6 UTF-16 units long; limits.fields["tags[]"] allows 5'],
    ['too many array items', { tags: ['a', 'b', 'c'] }, 'payload.tags', 'has 3 items; limits.fields["tags"] allows 2'],
    ['a field inside array items', { fields: [{ value: 'ok' }, { value: 'long' }] }, 'payload.fields[1].value', 'is 4 UTF-16 units long; limits.fields["fields[].value"] allows 3'],
    ['a wildcard key', { custom: { a: '1', b: '12345' } }, 'payload.custom.b', 'is 5 UTF-16 units long; limits.fields["custom.*"] allows 4'],
    ['an absolute URL anywhere', { links: ['https://example.com/a-very-long-path-indeed'] }, 'payload.links[0]', 'is a URL of 43 characters; limits.maxUrlLength allows 30'],
    ['a url field', { redirect_url: '/relative/but/under/a/url/key/x' }, 'payload.redirect_url', 'is a URL of 31 characters; limits.maxUrlLength allows 30'],
    ['a limited field that is a number', { subject: 12 }, 'payload.subject', 'is a number; limits.fields["subject"] can only limit a string (length) or an array (items)'],
  ])('fails %s, naming the path and the limit', (_, payload, path, problem) => {
    const error = failure(() => checkLimits(payload, limits, 'ten-thousand-messages'));
    expect(error.message).toBe(`[limits] fixture "ten-thousand-messages": ${path}: ${problem}`);
  });

  it('counts an astral character as two UTF-16 units', () => {
    expect(() => checkLimits({ subject: '😀'.repeat(5) }, { fields: { subject: 10 } }, 'emoji-and-rtl')).not.toThrow();
    expect(failure(() => checkLimits({ subject: '😀'.repeat(6) }, { fields: { subject: 10 } }, 'emoji-and-rtl')).message).toContain('is 12 UTF-16 units long');
  });

  it('fails a limit that is not a non-negative integer', () => {
    expect(failure(() => checkLimits({}, { fields: { subject: -1 } }, 'empty')).message).toBe(
      '[limits] fixture "adapter": limits.fields["subject"]: limits.fields["subject"] must be a non-negative integer, got -1',
    );
  });

  it('fails an adapter whose payload exceeds the limit it declares', () => {
    const long = adapter((c) => ({ subject: c.messages.map((m) => m.content).join(' ') }), { limits: { fields: { subject: 150 } } });
    const context = contextFixture('long-single-word');
    const error = failure(() => checkLimits(long.toPayload(context), long.limits, 'long-single-word'));
    expect(error.message).toMatch(/^\[limits\] fixture "long-single-word": payload\.subject: is 20036 UTF-16 units long; limits\.fields\["subject"\] allows 150$/);
  });

  it('checkLimitsMatchPayloads fails a misspelt field path', () => {
    const payloads = [{ fixture: 'multi-turn', payload: { ticket: { comment: { body: 'x' } } } }];
    expect(() => checkLimitsMatchPayloads(payloads, { fields: { 'ticket.comment.body': 10 } })).not.toThrow();
    const error = failure(() => checkLimitsMatchPayloads(payloads, { fields: { 'ticket.coment.body': 10 } }));
    expect(error.message).toBe(
      '[limits-declared] fixture "every fixture": limits.fields["ticket.coment.body"]: limits.fields["ticket.coment.body"] matches no field in the payloads of multi-turn: a misspelt path limits nothing',
    );
  });
});

describe('checkHtmlSafety', () => {
  const injection = contextFixture('html-injection');
  const echo = adapter((c) => ({ comment: { html_body: c.messages.map((m) => `<p>${m.content}</p>`).join('') } }));

  it('passes escaped HTML', () => {
    const good = noteAdapter();
    expect(() => checkHtmlSafety(good.toPayload(injection), injection, 'html-injection', { textFields: ['subject', 'text', 'meta.*'] })).not.toThrow();
  });

  it('fails an adapter that echoes <script>, naming the fixture and the path', () => {
    const error = failure(() => checkHtmlSafety(echo.toPayload(injection), injection, 'html-injection'));
    expect(error.message).toBe(
      '[html-safety] fixture "html-injection": payload.comment.html_body: HTML contains a <script> tag at "<p><script>alert(1)</script> my invoice is wrong</p><p>Sorry to…". ' +
        'If this field is plain text that the provider shows as typed (never as HTML), declare it: textFields: ["comment.html_body"]',
    );
    expect(error.path).toBe('payload.comment.html_body');
  });

  it('tells how to declare a plain-text field it scanned because it looked like HTML, as a pattern', () => {
    const error = failure(() => checkHtmlSafety({ tickets: [{ notes: ['<b onclick="x()">hi</b>'] }] }, injection, 'html-injection'));
    expect(error.message).toContain('declare it: textFields: ["tickets[].notes[]"]');
    expect(() => checkHtmlSafety({ tickets: [{ notes: ['<b onclick="x()">hi</b>'] }] }, injection, 'html-injection', { textFields: ['tickets[].notes[]'] })).not.toThrow();
  });

  it('gives no textFields hint for a field declared as HTML', () => {
    const error = failure(() => checkHtmlSafety({ body: '<script' }, injection, 'html-injection', { htmlFields: ['body'] }));
    expect(error.message).not.toContain('textFields');
  });

  it('fails an event handler attribute', () => {
    const error = failure(() => checkHtmlSafety({ html: '<p>hi</p><p onclick="x()">x</p>' }, injection, 'html-injection'));
    expect(error.message).toContain('payload.html: HTML contains an event handler attribute onclick=');
  });

  it('fails an onerror= attribute written without quotes or spaces', () => {
    const error = failure(() => checkHtmlSafety({ body: '<span/onerror=alert(1)>x</span>' }, injection, 'html-injection'));
    expect(error.message).toContain('HTML contains an event handler attribute onerror=');
  });

  it('fails a tag outside the allowed list', () => {
    const error = failure(() => checkHtmlSafety({ html: '<div><img src=x></div>' }, injection, 'html-injection'));
    expect(error.message).toContain('payload.html: HTML contains a <img> tag, which is not in the allowed list');
  });

  it('fails a closing </textarea>', () => {
    expect(failure(() => checkHtmlSafety({ form: { body: 'text</textarea><p>x</p>' } }, injection, 'html-injection')).message).toContain(
      'payload.form.body: HTML contains a <textarea> tag',
    );
  });

  it('fails an allowed tag carrying an attribute from the conversation', () => {
    const error = failure(() => checkHtmlSafety({ html: '<p>ok</p><b class="injected-by-user">bold?</b>' }, injection, 'html-injection'));
    expect(error.message).toContain('HTML contains the attribute class="injected-by-user" from the conversation');
  });

  it('fails a javascript: URL hidden with entities, even in an allowed tag', () => {
    const error = failure(() =>
      checkHtmlSafety({ html: '<a href="jav&#x09;ascript&colon;alert(1)">x</a>' }, contextFixture('one-message'), 'one-message', { allowedTags: ['a'] }),
    );
    expect(error.message).toContain('HTML contains a javascript: URL in href=');
  });

  it('allows extra tags with harmless attributes', () => {
    expect(() => checkHtmlSafety({ html: '<p>see <a href="https://app.example.com/settings/billing">the page</a></p>' }, multiTurn, 'multi-turn', { allowedTags: ['a'] })).not.toThrow();
  });

  it('fails comments', () => {
    expect(failure(() => checkHtmlSafety({ html: '<p>x</p><!-- hidden -->' }, injection, 'html-injection')).message).toContain('HTML contains a comment or declaration');
  });

  it('scans declared HTML fields even when they do not look like HTML', () => {
    const error = failure(() => checkHtmlSafety({ body: '<script' }, injection, 'html-injection', { htmlFields: ['body'] }));
    expect(error.message).toContain('payload.body: HTML contains a <script> tag');
  });

  it('leaves declared text fields alone', () => {
    expect(() => checkHtmlSafety({ subject: '<script>alert(1)</script>', custom: { a: '<b>x</b>' } }, injection, 'html-injection', { textFields: ['subject', 'custom.*'] })).not.toThrow();
  });
});

describe('checkThrowsOnlyEscalationErrors', () => {
  const careless = adapter((c) => ({ name: c.user!.name!.toUpperCase() }));

  it('fails a TypeError, naming the fixture and the error', () => {
    const error = failure(() => checkThrowsOnlyEscalationErrors(careless, contextFixture('empty'), 'empty'));
    expect(error.message).toMatch(
      /^\[escalation-errors-only\] fixture "empty": toPayload\(context\): toPayload threw TypeError: Cannot read properties of undefined \(reading 'name'\); only EscalationError may escape/,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('fails a thrown string', () => {
    const error = failure(() =>
      checkThrowsOnlyEscalationErrors(
        adapter(() => {
          throw 'nope';
        }),
        multiTurn,
        'multi-turn',
      ),
    );
    expect(error.message).toContain('toPayload threw a non-Error value ("nope")');
  });

  it('passes an EscalationError and returns the outcome', () => {
    const strict = adapter((c): { name: string } => {
      if (!c.user?.name) throw new EscalationError('INVALID_CONTEXT', 'user.name is required');
      return { name: c.user.name };
    });
    expect(checkThrowsOnlyEscalationErrors(strict, contextFixture('empty'), 'empty')).toEqual({ ok: false, error: expect.any(EscalationError) });
    expect(checkThrowsOnlyEscalationErrors(strict, multiTurn, 'multi-turn')).toEqual({ ok: true, payload: { name: 'Ada Lovelace' } });
  });

  it('checkProducesPayload fails an adapter that rejects an ordinary conversation', () => {
    const refusing = adapter(() => {
      throw new EscalationError('CONFIGURATION', 'missing subdomain');
    });
    expect(failure(() => checkProducesPayload(refusing, multiTurn, 'multi-turn')).message).toBe(
      '[produces-payload] fixture "multi-turn": toPayload(context): toPayload threw EscalationError CONFIGURATION (missing subdomain) for an ordinary conversation'.replace(
        'ordinary conversation',
        'ordinary context',
      ),
    );
  });
});

describe('checkNoMutation', () => {
  it('passes an adapter that only reads', () => {
    expect(() => checkNoMutation(noteAdapter(), multiTurn, 'multi-turn')).not.toThrow();
  });

  it('fails an adapter that reverses the messages in place, naming the path', () => {
    const reversing = adapter((c) => ({ latest: c.messages.reverse()[0]?.content ?? '' }));
    const error = failure(() => checkNoMutation(reversing, multiTurn, 'multi-turn'));
    expect(error.message).toBe(
      '[no-mutation] fixture "multi-turn": context.messages[0].content: toPayload changed its input: is "Why was I charged twice for my Pro plan this month?" before toPayload, "Yes please, I want a refund for the duplicate." after',
    );
  });

  it('fails an adapter that adds a field to the user', () => {
    const tagging = adapter((c) => {
      if (c.user) c.user.plan = c.user.plan ?? 'free';
      return {};
    });
    const error = failure(() => checkNoMutation(tagging, contextFixture('control-characters'), 'control-characters'));
    expect(error.path).toBe('context.user.plan');
  });

  it('fails an adapter that writes and restores (caught on the frozen copy)', () => {
    const sneaky = adapter((c) => {
      c.messages.push({ role: 'system', content: 'marker' });
      const count = c.messages.length;
      c.messages.pop();
      return { count };
    });
    const error = failure(() => checkNoMutation(sneaky, multiTurn, 'multi-turn'));
    expect(error.message).toMatch(/^\[no-mutation\] fixture "multi-turn": context: toPayload wrote to a frozen context: Cannot add property 5, object is not extensible$/);
  });
});

describe('checkKind and checkRuntime', () => {
  it('pass a well-formed adapter', () => {
    expect(() => checkKind(noteAdapter(), noteAdapter())).not.toThrow();
    expect(() => checkRuntime(noteAdapter())).not.toThrow();
  });

  it('fail an empty kind', () => {
    expect(failure(() => checkKind(noteAdapter({ kind: '' }))).message).toBe(
      '[kind] fixture "adapter": adapter.kind: kind must be a non-empty string without surrounding spaces, got ""',
    );
  });

  it('fail a kind that differs between instances', () => {
    expect(failure(() => checkKind(noteAdapter({ kind: 'note-1' }), noteAdapter({ kind: 'note-2' }))).message).toContain('kind is not stable: "note-1" on one instance, "note-2" on another');
  });

  it('fail an unknown runtime', () => {
    const edge = { ...noteAdapter(), runtime: 'edge' } as unknown as EscalationAdapter;
    expect(failure(() => checkRuntime(edge)).message).toBe(`[runtime] fixture "adapter": adapter.runtime: runtime must be 'browser', 'server' or 'universal', got "edge"`);
  });
});

describe('checkDelivery and checkAbortedDelivery', () => {
  it('pass a well-behaved delivery', async () => {
    const note = noteAdapter();
    const payload = note.toPayload(multiTurn);
    checkDelivery(await note.deliver(payload, { context: multiTurn, idempotencyKey: 'k' }), 'multi-turn');
    await expect(checkAbortedDelivery(note, payload, multiTurn, 'multi-turn')).resolves.toBeUndefined();
  });

  it.each([
    ['an unknown status', { status: 'sent' }, "delivery.status: status must be 'opened', 'created' or 'redirected', got \"sent\""],
    ['a relative reference url', { status: 'created', reference: { url: '/tickets/1' } }, 'delivery.reference.url: is not an absolute URL: "/tickets/1"'],
    ['a numeric id', { status: 'created', reference: { id: 42 } }, 'delivery.reference.id: must be a string when present, got number'],
    ['data that is not JSON', { status: 'opened', data: { at: new Date(0) } }, 'delivery.data.at: is a Date'],
  ])('checkDelivery fails %s', (_, delivery, problem) => {
    expect(failure(() => checkDelivery(delivery, 'multi-turn')).message).toContain(`[deliver] fixture "multi-turn": ${problem}`);
  });

  it('checkAbortedDelivery fails a deliver that ignores the signal', async () => {
    const ignoring = noteAdapter({ deliver: async () => ({ status: 'created' }) });
    const error = await asyncFailure(() => checkAbortedDelivery(ignoring, ignoring.toPayload(multiTurn), multiTurn, 'multi-turn'));
    expect(error.message).toBe(
      '[deliver-abort] fixture "multi-turn": deliver(payload, { signal }): deliver resolved with an already-aborted signal; it must reject with EscalationError ABORTED',
    );
  });

  it('checkAbortedDelivery fails a raw AbortError', async () => {
    const raw = noteAdapter({
      deliver: async (_, { signal }) => {
        signal?.throwIfAborted();
        return { status: 'created' };
      },
    });
    const error = await asyncFailure(() => checkAbortedDelivery(raw, raw.toPayload(multiTurn), multiTurn, 'multi-turn'));
    expect(error.message).toContain('deliver rejected with AbortError: This operation was aborted; expected EscalationError ABORTED');
  });

  it('checkAbortedDelivery fails a deliver that never settles', async () => {
    const hanging = noteAdapter({ deliver: () => new Promise(() => undefined) });
    const error = await asyncFailure(() => checkAbortedDelivery(hanging, hanging.toPayload(multiTurn), multiTurn, 'multi-turn', 50));
    expect(error.message).toContain('deliver did not settle within 50 ms with an aborted signal');
  });
});
