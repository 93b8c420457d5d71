/** @jest-environment jest-fixed-jsdom */
import { renderTranscript, type EscalationContext, type EscalationError } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { installZendeskWidgetFake, type ZendeskWidgetFake, type ZendeskWidgetFakeOptions } from '@pillar/escalation-testkit/fakes';
import { zendeskMessenger, type ZendeskMessengerOptions } from '@pillar/escalation-zendesk';

const fields = { transcript: '360001', conversationId: 360002, reason: '360003', plan: '360004', pageUrl: '360005', metadata: { accountId: '360006', seats: '360007' } };
const context = (): EscalationContext => contextFixture('multi-turn');
let fake: ZendeskWidgetFake | undefined;

function install(options: ZendeskWidgetFakeOptions = {}): ZendeskWidgetFake {
  fake = installZendeskWidgetFake({ product: 'messenger', ...options });
  return fake;
}

function adapter(extra: Partial<ZendeskMessengerOptions> = {}) {
  return zendeskMessenger({ fields, widgetTimeoutMs: 200, ...extra });
}

function deliver(extra: Partial<ZendeskMessengerOptions> = {}, signal?: AbortSignal) {
  const a = adapter(extra);
  const ctx = context();
  return a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: 'pe-1', signal });
}

function utf8(text: string): number {
  return new TextEncoder().encode(text).length;
}

afterEach(() => {
  fake?.uninstall();
  fake = undefined;
  jest.useRealTimers();
});

describe('zendeskMessenger: payload', () => {
  it('puts the transcript first, then the mapped facts, and sets the default tags', () => {
    const ctx = context();
    expect(adapter().toPayload(ctx)).toEqual({
      conversationFields: [
        { id: '360001', value: renderTranscript(ctx, { format: 'text', maxLength: 3_000 }) },
        { id: '360002', value: 'conv_billing_42' },
        { id: '360003', value: 'billing' },
        { id: '360004', value: 'pro' },
        { id: '360005', value: 'https://app.example.com/settings/billing' },
        { id: '360006', value: 'acct_9001' },
        { id: '360007', value: 12 },
      ],
      conversationTags: ['pillar-escalation', 'reason-billing'],
    });
  });

  it('keeps the transcript within the byte budget of conversation metadata, even for multi-byte text', () => {
    for (const name of ['emoji-and-rtl', 'one-megabyte-message', 'ten-thousand-messages'] as const) {
      const transcript = adapter().toPayload(contextFixture(name)).conversationFields[0]?.value as string;
      expect(utf8(transcript)).toBeLessThanOrEqual(3_000);
      expect(transcript.length).toBeGreaterThan(200);
    }
    const arabic: EscalationContext = { conversationId: 'c', messages: Array.from({ length: 40 }, (_, i) => ({ role: 'user' as const, content: `مرحبا، أحتاج إلى مساعدة ${i} `.repeat(10) })) };
    const small = adapter({ transcriptMaxBytes: 1_000 }).toPayload(arabic).conversationFields[0]?.value as string;
    expect(utf8(small)).toBeLessThanOrEqual(1_000);
    expect(utf8(small)).toBeGreaterThan(500);
  });

  it('shrinks the transcript so that all conversation fields together stay within 4 KB', () => {
    const wide = zendeskMessenger({ fields: { transcript: '1', pageUrl: '2', metadata: { a: '3', b: '4' } } });
    const long = 'é'.repeat(700);
    const base = { ...contextFixture('ten-thousand-messages'), page: { url: `https://app.example.com/${'x'.repeat(900)}` } };
    const values = wide.toPayload({ ...base, metadata: { a: long, b: long } }).conversationFields.map((f) => String(f.value));
    expect(values.slice(1).map((v) => v.length)).toEqual([500, 500, 500]);
    // Each field also takes about 40 bytes for its key (`zen:ticket_field:<id>`) and punctuation.
    expect(values.reduce((sum, v) => sum + utf8(v) + 40, 0)).toBeLessThanOrEqual(4_000);
    expect(utf8(values[0] ?? '')).toBeGreaterThan(1_000);
    expect(utf8(values[0] ?? '')).toBeLessThan(3_000);
    // The transcript is what the agent needs most: it keeps 1,000 bytes whatever the other fields take.
    const crowded = zendeskMessenger({ fields: { transcript: '1', metadata: { a: '3', b: '4', c: '5', d: '6' } } });
    const transcript = crowded.toPayload({ ...base, metadata: { a: long, b: long, c: long, d: long } }).conversationFields[0]?.value as string;
    expect(utf8(transcript)).toBeLessThanOrEqual(1_000);
    expect(utf8(transcript)).toBeGreaterThan(900);
  });

  it('takes tags as a list or a function', () => {
    expect(adapter({ tags: ['VIP customer', 'pillar'] }).toPayload(context()).conversationTags).toEqual(['vip_customer', 'pillar']);
    expect(adapter({ tags: (c) => [`plan-${c.user?.plan ?? 'none'}`] }).toPayload(context()).conversationTags).toEqual(['plan-pro']);
  });

  it.each([
    ['no fields', {}],
    ['no transcript field', { fields: { conversationId: '1' } }],
    ['a transcript field that is not an id', { fields: { transcript: 'transcript' } }],
    ['a zero widget timeout', { fields, widgetTimeoutMs: 0 }],
    ['tags that are not strings', { fields, tags: [1, 2] }],
  ])('refuses %s with CONFIGURATION', (_name, options) => {
    expect(() => zendeskMessenger(options as ZendeskMessengerOptions)).toThrow(expect.objectContaining({ name: 'EscalationError', code: 'CONFIGURATION' }));
  });
});

describe('zendeskMessenger: delivery against the zE fake', () => {
  it('sets fields, then tags, subscribes to open, opens, and resolves when the widget opens', async () => {
    const widget = install();
    const a = adapter();
    const ctx = context();
    const payload = a.toPayload(ctx);
    await expect(a.deliver(payload, { context: ctx, idempotencyKey: 'pe-1' })).resolves.toEqual({ status: 'opened' });
    expect(widget.commands()).toEqual(['messenger:set conversationFields', 'messenger:set conversationTags', 'messenger:on open', 'messenger open']);
    expect(widget.calls[0]?.args).toEqual(['conversationFields', payload.conversationFields]);
    expect(widget.calls[1]?.args).toEqual(['conversationTags', ['pillar-escalation', 'reason-billing']]);
    expect(widget.conversationFields).toEqual(payload.conversationFields);
    expect(widget.open).toBe(true);
    // The open listener is gone once the delivery settled.
    expect(widget.listenerCount('open')).toBe(0);
  });

  it('waits for a widget that loads late, within the bound', async () => {
    const widget = install({ mode: 'absent', loadAfterMs: 60 });
    await expect(deliver()).resolves.toEqual({ status: 'opened' });
    expect(widget.open).toBe(true);
  });

  it('works through the queue of a widget that is still loading', async () => {
    const widget = install({ mode: 'loading', loadAfterMs: 30 });
    await expect(deliver()).resolves.toEqual({ status: 'opened' });
    expect(widget.commands()).toEqual(['messenger:set conversationFields', 'messenger:set conversationTags', 'messenger:on open', 'messenger open']);
  });

  it('fails PROVIDER_UNAVAILABLE within widgetTimeoutMs when zE never appears, and leaves no timer', async () => {
    jest.useFakeTimers();
    const pending = deliver({ widgetTimeoutMs: 3_000 });
    const outcome = pending.then(() => undefined, (e: unknown) => e as EscalationError);
    await jest.advanceTimersByTimeAsync(2_999);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    await jest.advanceTimersByTimeAsync(1);
    const error = (await outcome) as EscalationError;
    expect(error).toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { loaded: false, timeoutMs: 3_000 } });
    expect(error.message).toMatch(/Zendesk Messaging widget did not open within 3000 ms/);
    expect(error.message).toMatch(/window\.zE is missing/);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fails PROVIDER_UNAVAILABLE when zE is there but the widget is blocked', async () => {
    const widget = install({ mode: 'blocked' });
    const error = (await deliver().catch((e: unknown) => e)) as EscalationError;
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { loaded: true } });
    expect(error.message).toMatch(/did not confirm it opened/);
    expect(widget.queued.map((c) => `${c.command} ${String(c.args[0])}`)).toEqual([
      'messenger:set conversationFields',
      'messenger:set conversationTags',
      'messenger:on open',
      'messenger open',
      'messenger close',
    ]);
  });

  it('takes its open back on failure, so a widget that loads after the fallback stays closed', async () => {
    const widget = install({ mode: 'loading' });
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    widget.load();
    expect(widget.commands()).toEqual(['messenger:set conversationFields', 'messenger:set conversationTags', 'messenger:on open', 'messenger open', 'messenger close']);
    expect(widget.open).toBe(false);
  });

  it('fails PROVIDER_UNAVAILABLE when the widget takes open but never shows, and unsubscribes', async () => {
    jest.useFakeTimers();
    const widget = install({ neverOpens: true });
    const outcome = deliver().then(() => undefined, (e: unknown) => e as EscalationError);
    await jest.advanceTimersByTimeAsync(200);
    expect(await outcome).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(widget.listenerCount('open')).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ignores a late open event from a widget that offers no unsubscribe', async () => {
    const widget = install({ neverOpens: true, returnsUnsubscribe: false });
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(() => widget.emitOpen()).not.toThrow();
  });

  it('fails PROVIDER_UNAVAILABLE when zE throws', async () => {
    install({ throwOn: 'messenger open' });
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringMatching(/failed when called/) });
  });

  it('resolves without waiting for the event when confirmOpen is false (widget already open)', async () => {
    const widget = install({ startOpen: true });
    await expect(deliver({ confirmOpen: false })).resolves.toEqual({ status: 'opened' });
    expect(widget.commands()).toEqual(['messenger:set conversationFields', 'messenger:set conversationTags', 'messenger open']);
  });

  it('rejects ABORTED when aborted while waiting, and clears its timers and listener', async () => {
    jest.useFakeTimers();
    const widget = install({ openDelayMs: 10_000 });
    const controller = new AbortController();
    const outcome = deliver({ widgetTimeoutMs: 20_000 }, controller.signal).then(() => undefined, (e: unknown) => e as EscalationError);
    await jest.advanceTimersByTimeAsync(50);
    controller.abort();
    expect(await outcome).toMatchObject({ name: 'EscalationError', code: 'ABORTED' });
    expect(widget.listenerCount('open')).toBe(0);
    widget.uninstall();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects ABORTED without calling zE when the signal is already aborted', async () => {
    const widget = install();
    const controller = new AbortController();
    controller.abort();
    await expect(deliver({}, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    expect(widget.calls).toEqual([]);
  });

  it('leaves no timer behind after a success', async () => {
    jest.useFakeTimers();
    install();
    const outcome = deliver();
    await jest.advanceTimersByTimeAsync(0);
    await expect(outcome).resolves.toEqual({ status: 'opened' });
    expect(jest.getTimerCount()).toBe(0);
  });
});
