/** @jest-environment jest-fixed-jsdom */
import { connectPillar, EscalationError, type EscalationOption } from '@pillar/escalation-core';
import { defineEscalationStatus, STATUS_TAG, type EscalationStatusHandle } from '@pillar/escalation-core/status';
import { fakePillar } from './connect-pillar.support';
import { adapter, conversation, mount, read, registryAt, settle } from './status.support';

const NOW = new Date('2026-12-07T15:00:00Z');

let handle: EscalationStatusHandle | undefined;
afterEach(() => {
  handle?.detach();
  handle = undefined;
  document.body.replaceChildren();
});

/** A ticket adapter that fails `failures` times, then creates ticket 1001. */
function flaky(failures: number) {
  let left = failures;
  return adapter('zendesk-ticket', () => {
    if (left-- > 0) throw new EscalationError('PROVIDER_REJECTED', 'refused');
    return { status: 'created', reference: { id: '1001' } };
  });
}

describe('<pillar-escalation-status>', () => {
  it('is defined by importing the entry, once', () => {
    expect(customElements.get(STATUS_TAG)).toBeDefined();
    expect(defineEscalationStatus()).toBe(customElements.get(STATUS_TAG));
  });

  it('opens with focus on its heading, closes on Escape and gives focus back', async () => {
    const registry = registryAt(NOW, [{ id: 'chat', label: 'Live chat', adapter: adapter('intercom-messenger', () => ({ status: 'opened' })) }]);
    const tab = document.body.appendChild(document.createElement('button'));
    tab.textContent = 'Talk to Support';
    tab.focus();
    handle = mount(registry);
    expect(read(handle).open).toBe(false);

    await registry.escalate('chat', conversation());
    await settle();
    const view = read(handle);
    expect(view.open).toBe(true);
    expect(handle.element.shadowRoot!.activeElement).toBe(view.root.querySelector('h2'));
    // A named region, a polite live region and an assertive one exist from the start.
    expect(view.panel.getAttribute('role')).toBe('region');
    expect(view.root.getElementById(view.panel.getAttribute('aria-labelledby')!)!.textContent).toBe('Support');
    expect(view.root.querySelector('[role="status"]')!.getAttribute('aria-live')).toBe('polite');
    expect(view.root.querySelector('[role="alert"]')!.getAttribute('aria-live')).toBe('assertive');

    view.panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(read(handle).open).toBe(false);
    expect(document.activeElement).toBe(tab);
  });

  it('the close button is a real button with a name in the user’s language', async () => {
    const registry = registryAt(NOW, [{ id: 'chat', label: 'Live chat', adapter: adapter('intercom-messenger', () => ({ status: 'opened' })) }]);
    handle = mount(registry);
    await registry.escalate('chat', conversation({ locale: 'de-AT' }));
    await settle();
    const close = read(handle).button('Schließen')!;
    expect(close.tagName).toBe('BUTTON');
    expect(close.type).toBe('button');
    close.click();
    expect(read(handle).open).toBe(false);
  });

  it('Retry repeats the escalation with the same idempotency key', async () => {
    const ticket = flaky(1);
    const registry = registryAt(NOW, [{ id: 'ticket', label: 'Email support', adapter: ticket }]);
    handle = mount(registry);
    await registry.escalate('ticket', conversation()).catch(() => undefined);
    await settle();
    const retry = read(handle).button('Try again')!;
    retry.focus();
    retry.click();
    await settle();
    expect(ticket.keys).toHaveLength(2);
    expect(ticket.keys[1]).toBe(ticket.keys[0]);
    expect(read(handle).text).toBe('Ticket #1001 — we’ll reply to ada@…');
    expect(read(handle).alert).toBe('');
    // The pressed button went away: focus stays in the panel, on its heading.
    expect(handle.element.shadowRoot!.activeElement).toBe(read(handle).root.querySelector('h2'));
  });

  it('"Check again" after "may exist" uses the same key too, and an explicit key is kept', async () => {
    let calls = 0;
    const lost = adapter('zendesk-ticket', () => {
      if (calls++ === 0) throw new EscalationError('TIMEOUT', 'lost', { details: { ambiguous: true } });
      return { status: 'created', reference: { id: '77' } };
    });
    const registry = registryAt(NOW, [{ id: 'ticket', label: 'Email support', adapter: lost }]);
    handle = mount(registry);
    await registry.escalate('ticket', conversation(), { idempotencyKey: 'app-key-1' }).catch(() => undefined);
    await settle();
    read(handle).button('Check again')!.click();
    await settle();
    expect(lost.keys).toEqual(['app-key-1', 'app-key-1']);
    expect(read(handle).text).toBe('Ticket #77 — we’ll reply to ada@…');
  });

  it('another option escalates that option', async () => {
    const chat = adapter('intercom-messenger', () => ({ status: 'opened' }));
    const options: EscalationOption[] = [
      { id: 'ticket', label: 'Email support', adapter: flaky(5) },
      { id: 'chat', label: 'Live chat', adapter: chat },
    ];
    const registry = registryAt(NOW, options);
    handle = mount(registry);
    await registry.escalate('ticket', conversation()).catch(() => undefined);
    await settle();
    read(handle).button('Live chat')!.click();
    await settle();
    expect(chat.keys).toHaveLength(1);
    expect(read(handle).text).toBe('Intercom opened — an agent will answer there.');
  });

  it('an update after the user closed it shows again without taking focus', async () => {
    const registry = registryAt(NOW, [{ id: 'ticket', label: 'Email support', adapter: flaky(1) }]);
    handle = mount(registry);
    await registry.escalate('ticket', conversation()).catch(() => undefined);
    await settle();
    read(handle).button('Close')!.click();
    const elsewhere = document.body.appendChild(document.createElement('input'));
    elsewhere.focus();
    handle.report(new EscalationError('NOT_ALLOWED', 'none open now'), 'ticket');
    expect(read(handle).open).toBe(true);
    expect(document.activeElement).toBe(elsewhere);
  });

  it('respects prefers-reduced-motion and themes through custom properties', () => {
    const registry = registryAt(NOW, []);
    handle = mount(registry);
    const css = handle.element.shadowRoot!.querySelector('style')!.textContent!;
    expect(css).toMatch(/@media \(prefers-reduced-motion: reduce\) \{[^}]*animation: none/);
    expect(css).toContain('var(--pillar-status-bg, #ffffff)');
  });
});

describe('connectPillar({ status })', () => {
  it('shows the surface for a click, and reports failures from outside the registry there', async () => {
    const pillar = Object.assign(fakePillar({ conversationId: 'c', messages: [{ role: 'user', content: 'help' }] }), { open: jest.fn() });
    const registry = registryAt(NOW, [{ id: 'chat', label: 'Live chat', adapter: adapter('intercom-messenger', () => ({ status: 'opened' })) }]);
    const disconnect = connectPillar(pillar, registry, { status: { storage: null }, onError: () => undefined, getContext: () => ({ user: { email: 'ada@example.com', locale: 'fr' } }) });
    const element = document.querySelector(STATUS_TAG)!;
    expect(element).not.toBeNull();
    pillar.click('chat');
    await settle();
    expect(element.shadowRoot!.querySelector('.text')!.textContent).toBe('Intercom est ouvert — un agent vous répondra là-bas.');
    disconnect();
    expect(document.querySelector(STATUS_TAG)).toBeNull();
  });

  it('a getContext failure shows as a failure with no retry', async () => {
    const pillar = fakePillar(null);
    const registry = registryAt(NOW, [{ id: 'chat', label: 'Live chat', adapter: adapter('intercom-messenger', () => ({ status: 'opened' })) }]);
    const disconnect = connectPillar(pillar, registry, {
      status: true,
      onError: () => undefined,
      getContext: () => {
        throw new Error('session expired');
      },
    });
    pillar.click('chat');
    await settle();
    const root = document.querySelector(STATUS_TAG)!.shadowRoot!;
    expect(root.querySelector('[role="alert"]')!.textContent).toMatch(/^We could not reach support through Intercom/);
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Try again');
    disconnect();
  });

  it('throws CONFIGURATION for a bad status option', () => {
    const registry = registryAt(NOW, []);
    expect(() => connectPillar(fakePillar(), registry, { status: 'yes' as never })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
