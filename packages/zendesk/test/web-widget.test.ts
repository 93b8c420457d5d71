/** @jest-environment jest-fixed-jsdom */
import { renderTranscript, titleFromContext, type EscalationContext, type EscalationError } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { installZendeskWidgetFake, type ZendeskWidgetFake, type ZendeskWidgetFakeOptions } from '@pillar/escalation-testkit/fakes';
import { zendeskWebWidget, type ZendeskWebWidgetOptions } from '@pillar/escalation-zendesk';

const context = (): EscalationContext => contextFixture('multi-turn');
let fake: ZendeskWidgetFake | undefined;

function install(options: ZendeskWidgetFakeOptions = {}): ZendeskWidgetFake {
  fake = installZendeskWidgetFake({ product: 'webWidget', ...options });
  return fake;
}

function deliver(extra: ZendeskWebWidgetOptions = {}, signal?: AbortSignal, ctx: EscalationContext = context()) {
  const a = zendeskWebWidget({ widgetTimeoutMs: 200, ...extra });
  return a.deliver(a.toPayload(ctx), { context: ctx, idempotencyKey: 'pe-1', signal });
}

afterEach(() => {
  fake?.uninstall();
  fake = undefined;
  jest.useRealTimers();
});

describe('zendeskWebWidget: payload', () => {
  it('identifies, prefills name and email, and prefills description, subject, fields and tags', () => {
    const ctx = context();
    expect(zendeskWebWidget({ fields: { conversationId: 360002, reason: '360003' } }).toPayload(ctx)).toEqual({
      identify: { name: 'Ada Lovelace', email: 'ada@example.com' },
      prefill: { name: { value: 'Ada Lovelace', readOnly: false }, email: { value: 'ada@example.com', readOnly: false } },
      settings: {
        webWidget: {
          contactForm: {
            fields: [
              { id: 'description', prefill: { '*': renderTranscript(ctx, { format: 'text', maxLength: 50_000 }) } },
              { id: 'subject', prefill: { '*': titleFromContext(ctx, { maxLength: 150 }) } },
              { id: 360002, prefill: { '*': 'conv_billing_42' } },
              { id: 360003, prefill: { '*': 'billing' } },
            ],
            tags: ['pillar-escalation', 'reason-billing'],
          },
        },
      },
    });
  });

  it('leaves identity out for an anonymous user and can lock a known one', () => {
    const anonymous = zendeskWebWidget({ prefillSubject: false }).toPayload(contextFixture('card-numbers'));
    expect(anonymous).not.toHaveProperty('identify');
    expect(anonymous).not.toHaveProperty('prefill');
    expect(anonymous.settings.webWidget.contactForm.fields.map((f) => f.id)).toEqual(['description']);
    const locked = zendeskWebWidget({ readOnlyIdentity: true }).toPayload(context());
    expect(locked.prefill).toEqual({ name: { value: 'Ada Lovelace', readOnly: true }, email: { value: 'ada@example.com', readOnly: true } });
  });

  it("prefills every contact form field for all locales only, under Zendesk's '*' key", () => {
    const payload = zendeskWebWidget({ fields: { conversationId: 360002, reason: 360003 } }).toPayload(context());
    const fields = payload.settings.webWidget.contactForm.fields;
    expect(fields.length).toBeGreaterThan(2);
    for (const field of fields) expect({ id: field.id, keys: Object.keys(field.prefill) }).toEqual({ id: field.id, keys: ['*'] });
  });

  it('keeps the description within its bound', () => {
    const payload = zendeskWebWidget({ descriptionMaxLength: 4_000 }).toPayload(contextFixture('one-megabyte-message'));
    expect(payload.settings.webWidget.contactForm.fields[0]?.prefill['*'].length).toBeLessThanOrEqual(4_000);
  });

  it('refuses a bad field id or timeout with CONFIGURATION', () => {
    expect(() => zendeskWebWidget({ fields: { plan: 'plan' } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(/fields\.plan/) }));
    expect(() => zendeskWebWidget({ widgetTimeoutMs: 1.5 })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});

describe('zendeskWebWidget: delivery against the zE fake', () => {
  it('calls identify, prefill, updateSettings, subscribes to open, opens, in that order', async () => {
    const widget = install();
    const a = zendeskWebWidget();
    const ctx = context();
    const payload = a.toPayload(ctx);
    await expect(a.deliver(payload, { context: ctx, idempotencyKey: 'pe-1' })).resolves.toEqual({ status: 'opened' });
    expect(widget.commands()).toEqual(['webWidget identify', 'webWidget prefill', 'webWidget updateSettings', 'webWidget:on open', 'webWidget open']);
    expect(widget.calls[0]?.args).toEqual(['identify', { name: 'Ada Lovelace', email: 'ada@example.com' }]);
    expect(widget.calls[1]?.args).toEqual(['prefill', payload.prefill]);
    expect(widget.calls[2]?.args).toEqual(['updateSettings', payload.settings]);
    expect(widget.settings).toEqual(payload.settings);
    expect(widget.open).toBe(true);
  });

  it('skips identify and prefill for an anonymous user', async () => {
    const widget = install();
    await deliver({}, undefined, contextFixture('card-numbers'));
    expect(widget.commands()).toEqual(['webWidget updateSettings', 'webWidget:on open', 'webWidget open']);
  });

  it('fails PROVIDER_UNAVAILABLE within widgetTimeoutMs when zE is missing, leaving no timer', async () => {
    jest.useFakeTimers();
    const outcome = deliver({ widgetTimeoutMs: 1_500 }).then(() => undefined, (e: unknown) => e as EscalationError);
    await jest.advanceTimersByTimeAsync(1_500);
    const error = (await outcome) as EscalationError;
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(error.message).toMatch(/Zendesk Web Widget \(Classic\) did not open within 1500 ms/);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fails PROVIDER_UNAVAILABLE when the page has Messaging instead of the Classic widget', async () => {
    const widget = install({ product: 'messenger' });
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { loaded: true } });
    expect(widget.open).toBe(false);
  });

  it('fails PROVIDER_UNAVAILABLE when zE is blocked, and ignores an open event that comes too late', async () => {
    const widget = install({ neverOpens: true });
    await expect(deliver()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    // The Classic widget cannot unsubscribe: the stale listener must be harmless.
    expect(widget.listenerCount('open')).toBe(1);
    expect(() => widget.emitOpen()).not.toThrow();
  });

  it('closes the form again when aborted after open was sent', async () => {
    const widget = install({ openDelayMs: 5_000 });
    const controller = new AbortController();
    const pending = deliver({ widgetTimeoutMs: 10_000 }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(widget.open).toBe(true);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(widget.commands().at(-1)).toBe('webWidget close');
    expect(widget.open).toBe(false);
  });

  it('rejects ABORTED when aborted while waiting for zE', async () => {
    jest.useFakeTimers();
    const controller = new AbortController();
    const outcome = deliver({ widgetTimeoutMs: 5_000 }, controller.signal).then(() => undefined, (e: unknown) => e as EscalationError);
    await jest.advanceTimersByTimeAsync(120);
    controller.abort();
    expect(await outcome).toMatchObject({ code: 'ABORTED' });
    expect(jest.getTimerCount()).toBe(0);
  });
});
