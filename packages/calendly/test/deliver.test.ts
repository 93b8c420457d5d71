/** @jest-environment jest-fixed-jsdom */
import type { EscalationContext } from '@pillar/escalation-core';
import { installCalendlyFake, serveCalendlyScript, type CalendlyFake, type CalendlyScriptServer } from '@pillar/escalation-testkit/fakes';
import { CALENDLY_WIDGET_SCRIPT, CALENDLY_WIDGET_STYLESHEET, calendlyScheduling, type CalendlySchedulingOptions } from '../src';

const url = 'https://calendly.com/acme/support-call';
const context: EscalationContext = {
  conversationId: 'conv_1',
  messages: [
    { role: 'user', content: 'Can we get SSO on the Pro plan?' },
    { role: 'assistant', content: 'SSO is part of Enterprise.' },
  ],
  user: { name: 'Ada Lovelace', email: 'ada@example.com' },
};
const deliverOptions = { context, idempotencyKey: 'k1' };

let fake: CalendlyFake | undefined;
let server: CalendlyScriptServer | undefined;
afterEach(() => {
  fake?.uninstall();
  server?.stop();
  fake = undefined;
  server = undefined;
  jest.restoreAllMocks();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

function spyOpen(result: 'tab' | 'blocked' = 'tab') {
  const tab = { opener: window as unknown } as Window;
  const open = jest.spyOn(window, 'open').mockImplementation(() => (result === 'tab' ? tab : null));
  return { open, tab };
}

function adapterWith(options: Partial<CalendlySchedulingOptions> = {}) {
  const adapter = calendlyScheduling({ url, answers: { a1: 'summary' }, utm: { utmSource: 'pillar' }, hideDetails: true, ...options });
  return { adapter, payload: adapter.toPayload(context) };
}

const scripts = () => [...document.querySelectorAll('script')].filter((s) => s.src.includes('widget.js'));

describe('calendlyScheduling deliver with the embed script on the page', () => {
  it('opens the popup with the page URL, prefill and utm, and opens no tab', async () => {
    fake = installCalendlyFake();
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith();
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'opened', reference: { url: payload.url } });
    expect(fake.methods()).toEqual(['initPopupWidget']);
    expect(fake.lastPopup()).toEqual({
      url: 'https://calendly.com/acme/support-call?hide_event_type_details=1',
      prefill: payload.prefill,
      utm: { utmSource: 'pillar' },
    });
    expect(fake.lastPopup()!.prefill).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', customAnswers: { a1: expect.stringContaining('User: Can we get SSO') } });
    expect(fake.popupOpen).toBe(true);
    expect(open).not.toHaveBeenCalled();
  });

  it('renders inline into the element given', async () => {
    fake = installCalendlyFake();
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    const { adapter, payload } = adapterWith({ mode: 'inline', parentElement: parent });
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'opened', reference: { url: payload.url } });
    expect(fake.lastInline()).toEqual({ url: payload.embedUrl, parentElement: parent, prefill: payload.prefill, utm: payload.utm });
    expect(parent.querySelector('iframe.calendly-inline-widget')).not.toBeNull();
  });

  it('renders inline into the element a selector finds when delivering', async () => {
    fake = installCalendlyFake();
    const { adapter, payload } = adapterWith({ mode: 'inline', parentElement: '#booking' });
    document.body.innerHTML = '<section id="booking"></section>';
    await adapter.deliver(payload, deliverOptions);
    expect(fake.lastInline()!.parentElement).toBe(document.getElementById('booking'));
  });

  it('is a CONFIGURATION error when the inline selector matches nothing', async () => {
    fake = installCalendlyFake();
    const { adapter, payload } = adapterWith({ mode: 'inline', parentElement: '#missing' });
    await expect(adapter.deliver(payload, deliverOptions)).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/"#missing" matches no element/) });
    expect(fake.calls).toEqual([]);
  });

  it('falls back to a new tab when the widget throws', async () => {
    fake = installCalendlyFake({ throwOn: 'initPopupWidget' });
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith();
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'redirected', reference: { url: payload.url }, data: { fallback: 'widget-error' } });
    expect(open).toHaveBeenCalledWith(payload.url, '_blank');
  });

  it('mode "link" opens a new tab even when the widget is there, and cuts the opener', async () => {
    fake = installCalendlyFake();
    const { open, tab } = spyOpen();
    const { adapter, payload } = adapterWith({ mode: 'link' });
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'redirected', reference: { url: payload.url } });
    expect(open).toHaveBeenCalledWith(payload.url, '_blank');
    expect(tab.opener).toBeNull();
    expect(fake.calls).toEqual([]);
  });
});

describe('calendlyScheduling deliver without the embed script', () => {
  it('opens the full scheduling link in a new tab when the app did not ask to load the script', async () => {
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith();
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'redirected', reference: { url: payload.url }, data: { fallback: 'no-global' } });
    expect(open).toHaveBeenCalledWith(payload.url, '_blank');
    expect(scripts()).toEqual([]);
  });

  it('is PROVIDER_UNAVAILABLE, not retryable, when a popup blocker stops the tab', async () => {
    spyOpen('blocked');
    const { adapter, payload } = adapterWith({ mode: 'link' });
    await expect(adapter.deliver(payload, deliverOptions)).rejects.toMatchObject({
      name: 'EscalationError',
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
      message: expect.stringMatching(/popup was blocked/),
    });
  });

  it('loads widget.js and its stylesheet on demand, then opens the popup; a second escalation reuses them', async () => {
    server = serveCalendlyScript('load');
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith({ loadScript: true });
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'opened', reference: { url: payload.url } });
    expect(server.scripts.map((s) => s.src)).toEqual([CALENDLY_WIDGET_SCRIPT]);
    expect(server.scripts[0]!.async).toBe(true);
    expect(document.querySelectorAll(`link[rel="stylesheet"][href="${CALENDLY_WIDGET_STYLESHEET}"]`)).toHaveLength(1);
    expect(server.fake!.methods()).toEqual(['initPopupWidget']);
    await adapter.deliver(payload, deliverOptions);
    expect(scripts()).toHaveLength(1);
    expect(document.querySelectorAll(`link[href="${CALENDLY_WIDGET_STYLESHEET}"]`)).toHaveLength(1);
    expect(server.fake!.methods()).toEqual(['initPopupWidget', 'initPopupWidget']);
    expect(open).not.toHaveBeenCalled();
  });

  it('loads a self-hosted copy of the script when loadScript is a URL', async () => {
    const src = 'https://cdn.acme.com/vendor/calendly/widget.js';
    server = serveCalendlyScript('load');
    const { adapter, payload } = adapterWith({ loadScript: src, mode: 'inline', parentElement: '#booking' });
    document.body.innerHTML = '<div id="booking"></div>';
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toMatchObject({ status: 'opened' });
    expect(server.scripts.map((s) => s.src)).toEqual([src]);
    expect(server.fake!.methods()).toEqual(['initInlineWidget']);
  });

  it('waits for a script that is already loading instead of adding another', async () => {
    server = serveCalendlyScript('load');
    const { adapter, payload } = adapterWith({ loadScript: true });
    const [first, second] = await Promise.all([adapter.deliver(payload, deliverOptions), adapter.deliver(payload, deliverOptions)]);
    expect([first.status, second.status]).toEqual(['opened', 'opened']);
    expect(scripts()).toHaveLength(1);
  });

  it('falls back to a new tab when the script fails to load, and removes it so a later try loads again', async () => {
    server = serveCalendlyScript('error');
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith({ loadScript: true });
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toEqual({ status: 'redirected', reference: { url: payload.url }, data: { fallback: 'script-error' } });
    expect(open).toHaveBeenCalledWith(payload.url, '_blank');
    expect(scripts()).toEqual([]);
    await adapter.deliver(payload, deliverOptions);
    expect(server.scripts).toHaveLength(2);
  });

  it('falls back to a new tab when the script loads but defines no Calendly (a blocker stub)', async () => {
    server = serveCalendlyScript('load-without-global');
    spyOpen();
    const { adapter, payload } = adapterWith({ loadScript: true });
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toMatchObject({ status: 'redirected', data: { fallback: 'no-global' } });
  });

  it('falls back to a new tab after widgetTimeoutMs when the script never answers', async () => {
    server = serveCalendlyScript('never');
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith({ loadScript: true, widgetTimeoutMs: 40 });
    const started = Date.now();
    await expect(adapter.deliver(payload, deliverOptions)).resolves.toMatchObject({ status: 'redirected', data: { fallback: 'script-timeout' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('is PROVIDER_UNAVAILABLE when the script fails and the fallback tab is blocked too', async () => {
    server = serveCalendlyScript('error');
    spyOpen('blocked');
    const { adapter, payload } = adapterWith({ loadScript: true });
    await expect(adapter.deliver(payload, deliverOptions)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });
});

describe('calendlyScheduling deliver and abort', () => {
  it('rejects with ABORTED and opens nothing when the signal has already fired', async () => {
    fake = installCalendlyFake();
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith();
    const controller = new AbortController();
    controller.abort();
    await expect(adapter.deliver(payload, { ...deliverOptions, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(fake.calls).toEqual([]);
    expect(open).not.toHaveBeenCalled();
  });

  it('rejects with ABORTED when aborted while the script loads', async () => {
    server = serveCalendlyScript('never');
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith({ loadScript: true });
    const controller = new AbortController();
    const delivery = adapter.deliver(payload, { ...deliverOptions, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(delivery).rejects.toMatchObject({ code: 'ABORTED' });
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a payload whose URL was changed to another page', async () => {
    fake = installCalendlyFake();
    const { open } = spyOpen();
    const { adapter, payload } = adapterWith();
    for (const tampered of [
      { ...payload, url: 'https://evil.example/acme/support-call' },
      { ...payload, embedUrl: 'https://calendly.com/someone-else/call' },
      { ...payload, url: 'javascript:alert(1)' },
    ]) {
      await expect(adapter.deliver(tampered, deliverOptions)).rejects.toMatchObject({ code: 'CONFIGURATION' });
    }
    expect(fake.calls).toEqual([]);
    expect(open).not.toHaveBeenCalled();
  });
});
