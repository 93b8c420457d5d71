/** @jest-environment jest-fixed-jsdom */
import 'reflect-metadata';
import { createRegistry } from '@pillar/escalation-core';
import { installFreshdeskWidgetFake, type FreshdeskWidgetFake } from '@pillar/escalation-testkit/fakes';
import { freshdeskWidget, type FreshdeskWidgetPayload } from '@pillar/escalation-freshdesk';
import { billingContext } from './support';

const payload: FreshdeskWidgetPayload = {
  identify: { name: 'Ada Lovelace', email: 'ada@example.com' },
  prefill: {
    subject: 'How do I export my invoices to CSV?',
    description: 'User: How do I export my invoices to CSV?',
    custom_fields: { cf_reason: 'billing' },
    priority: 2,
  },
  formId: 5,
  hide: ['name', 'email'],
};

let fake: FreshdeskWidgetFake | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
  jest.useRealTimers();
});

function deliver(p: FreshdeskWidgetPayload, options: Parameters<typeof freshdeskWidget>[0] = {}, signal?: AbortSignal) {
  return freshdeskWidget(options).deliver(p, { context: billingContext(), idempotencyKey: 'esc_1', ...(signal ? { signal } : {}) });
}

/** Settles a promise into a value we can inspect while fake timers run. */
function settle<T>(promise: Promise<T>): { readonly state: 'pending' | 'resolved' | 'rejected'; readonly value: unknown } {
  const out = { state: 'pending' as 'pending' | 'resolved' | 'rejected', value: undefined as unknown };
  promise.then(
    (v) => Object.assign(out, { state: 'resolved', value: v }),
    (e: unknown) => Object.assign(out, { state: 'rejected', value: e }),
  );
  return out;
}

describe('freshdeskWidget deliver', () => {
  it('identifies, prefills the form (with its formId), hides fields and opens the form, in that order', async () => {
    fake = installFreshdeskWidgetFake();
    await expect(deliver(payload)).resolves.toEqual({ status: 'opened' });
    expect(fake.calls).toEqual([
      { method: 'identify', args: ['ticketForm', { name: 'Ada Lovelace', email: 'ada@example.com' }] },
      {
        method: 'prefill',
        args: [
          'ticketForm',
          { subject: 'How do I export my invoices to CSV?', description: 'User: How do I export my invoices to CSV?', custom_fields: { cf_reason: 'billing' }, priority: 2 },
          { formId: 5 },
        ],
      },
      { method: 'hide', args: ['ticketForm', ['name', 'email']] },
      { method: 'open', args: ['ticketForm'] },
    ]);
    expect(fake.open).toBe(true);
    expect(fake.identity).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(fake.prefill).toEqual({ fields: payload.prefill, formId: 5 });
    expect(fake.hiddenFields).toEqual(['name', 'email']);
  });

  it('leaves out identify, the formId argument and hide when the payload has none', async () => {
    fake = installFreshdeskWidgetFake();
    await deliver({ prefill: { subject: 'S', description: 'D' } });
    expect(fake.calls).toEqual([
      { method: 'prefill', args: ['ticketForm', { subject: 'S', description: 'D' }] },
      { method: 'open', args: ['ticketForm'] },
    ]);
  });

  it('never hands the widget objects it could change in the payload', async () => {
    fake = installFreshdeskWidgetFake();
    const p = structuredClone(payload);
    await deliver(p);
    const [, prefill] = fake.calls[1]!.args as [string, Record<string, unknown>];
    (prefill.custom_fields as Record<string, unknown>).cf_reason = 'changed';
    expect(p).toEqual(payload);
  });

  it('waits for a widget script that is still loading, then opens the form', async () => {
    fake = installFreshdeskWidgetFake({ mode: 'loading', loadAfterMs: 80 });
    await expect(deliver(payload)).resolves.toEqual({ status: 'opened' });
    expect(fake.loaded).toBe(true);
    expect(fake.methods()).toEqual(['identify', 'prefill', 'hide', 'open']);
  });

  it('waits for a snippet that is added to the page late', async () => {
    fake = installFreshdeskWidgetFake({ mode: 'absent', loadAfterMs: 80 });
    await expect(deliver(payload)).resolves.toEqual({ status: 'opened' });
    expect(fake.open).toBe(true);
  });

  it('accepts a loaded widget whose function keeps a q property, by its container', async () => {
    fake = installFreshdeskWidgetFake({ mode: 'loaded', keepQueueProperty: true });
    await expect(deliver(payload, { widgetTimeoutMs: 100 })).resolves.toEqual({ status: 'opened' });
  });

  it('accepts a widget that replaced the stub, even without a container', async () => {
    fake = installFreshdeskWidgetFake({ mode: 'loading', loadAfterMs: 60, keepQueueProperty: true, renderContainer: false });
    await expect(deliver(payload, { widgetTimeoutMs: 1_000 })).resolves.toEqual({ status: 'opened' });
    expect(fake.open).toBe(true);
  });

  it('fails PROVIDER_UNAVAILABLE (blocked) at the bound when only the loader stub is there, and queues nothing', async () => {
    jest.useFakeTimers();
    fake = installFreshdeskWidgetFake({ mode: 'blocked' });
    const result = settle(deliver(payload));
    await jest.advanceTimersByTimeAsync(2_999);
    expect(result.state).toBe('pending');
    await jest.advanceTimersByTimeAsync(1);
    expect(result.state).toBe('rejected');
    expect(result.value).toMatchObject({
      name: 'EscalationError',
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      details: { reason: 'blocked', waitedMs: 3_000 },
      message: expect.stringContaining('blocked'),
    });
    // Nothing waits in the stub's queue to pop up later, after a fallback took over.
    expect(fake.queued).toEqual([]);
    expect(fake.calls).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fails PROVIDER_UNAVAILABLE (missing) within widgetTimeoutMs when there is no widget at all', async () => {
    jest.useFakeTimers();
    const result = settle(deliver(payload, { widgetTimeoutMs: 500 }));
    await jest.advanceTimersByTimeAsync(500);
    expect(result.state).toBe('rejected');
    expect(result.value).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { reason: 'missing', waitedMs: 500 }, message: expect.stringContaining('snippet') });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('checks once and fails at once with widgetTimeoutMs: 0', async () => {
    fake = installFreshdeskWidgetFake({ mode: 'blocked' });
    await expect(deliver(payload, { widgetTimeoutMs: 0 })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { reason: 'blocked' } });
  });

  it('rejects with ABORTED as soon as the signal aborts while waiting, leaving no timer', async () => {
    jest.useFakeTimers();
    fake = installFreshdeskWidgetFake({ mode: 'blocked' });
    const controller = new AbortController();
    const result = settle(deliver(payload, {}, controller.signal));
    await jest.advanceTimersByTimeAsync(200);
    controller.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(result.state).toBe('rejected');
    expect(result.value).toMatchObject({ name: 'EscalationError', code: 'ABORTED' });
    expect(jest.getTimerCount()).toBe(0);
    expect(fake.calls).toEqual([]);
  });

  it('does nothing when the signal is already aborted', async () => {
    fake = installFreshdeskWidgetFake();
    const controller = new AbortController();
    controller.abort();
    await expect(deliver(payload, {}, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    expect(fake.calls).toEqual([]);
  });

  it('leaves no timer behind after a successful wait', async () => {
    jest.useFakeTimers();
    fake = installFreshdeskWidgetFake({ mode: 'loading', loadAfterMs: 120 });
    const result = settle(deliver(payload));
    await jest.advanceTimersByTimeAsync(200);
    expect(result.state).toBe('resolved');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('maps a widget that throws to PROVIDER_UNAVAILABLE', async () => {
    fake = installFreshdeskWidgetFake({ throwOn: 'prefill' });
    await expect(deliver(payload)).rejects.toMatchObject({ name: 'EscalationError', code: 'PROVIDER_UNAVAILABLE', details: { reason: 'widget-error' } });
    expect(fake.open).toBe(false);
  });
});

describe('freshdeskWidget in a registry', () => {
  it('falls back to the next option when the widget is blocked', async () => {
    fake = installFreshdeskWidgetFake({ mode: 'blocked' });
    let fellBack = 0;
    const registry = createRegistry([
      { id: 'freshdesk', label: 'Contact support', adapter: freshdeskWidget({ widgetTimeoutMs: 50 }), fallback: ['email'] },
      {
        id: 'email',
        label: 'Email us',
        adapter: {
          kind: 'test-mailto',
          runtime: 'browser',
          toPayload: () => ({ href: 'mailto:support@example.com' }),
          deliver: async () => {
            fellBack++;
            return { status: 'redirected' };
          },
        },
      },
    ]);
    await expect(registry.escalate('freshdesk', billingContext())).resolves.toMatchObject({ optionId: 'email', requestedOptionId: 'freshdesk' });
    expect(fellBack).toBe(1);
    expect(fake.calls).toEqual([]);
  });
});
