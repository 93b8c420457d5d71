/** @jest-environment jest-fixed-jsdom */
import { businessHours, EscalationError, plans, type EscalationOption } from '@pillar/escalation-core';
import { STATUS_LOCALES, statusMessage, statusStrings, type EscalationStatusHandle } from '@pillar/escalation-core/status';
import { adapter, conversation, mount, read, registryAt, settle } from './status.support';

// A Monday, 10:00 in New York: the chat is open (Mon–Fri 09:00–17:00).
const MONDAY_10AM = new Date('2026-12-07T15:00:00Z');
// A Saturday, 10:00 in New York: closed until Monday 09:00.
const SATURDAY = new Date('2026-12-12T15:00:00Z');
const hours = businessHours({ timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });

const messenger = () => adapter('intercom-messenger', () => ({ status: 'opened' }));
const blocked = () =>
  adapter('intercom-messenger', () => {
    throw new EscalationError('PROVIDER_UNAVAILABLE', 'the Messenger did not load within 800 ms');
  });
const relayTicket = (id = '1001') =>
  adapter('relay', () => ({ status: 'created', reference: { id }, data: { server: { optionId: 'ticket', kind: 'zendesk-ticket' } } }));

let handle: EscalationStatusHandle | undefined;
afterEach(() => {
  handle?.detach();
  handle = undefined;
});

async function run(options: EscalationOption[], optionId: string, locale: string, at = MONDAY_10AM, user = {}) {
  const registry = registryAt(at, options);
  handle = mount(registry);
  await registry.escalate(optionId, conversation({ locale, ...user })).catch(() => undefined);
  await settle();
  return { registry, view: read(handle) };
}

describe('the status surface words every outcome honestly', () => {
  it.each([
    ['en', 'Intercom opened — an agent will answer there.'],
    ['de', 'Intercom ist geöffnet — ein Mitarbeiter antwortet dort.'],
    ['ja', 'Intercom を開きました — 担当者がそちらで回答します。'],
  ])('Messenger opened (%s)', async (locale, text) => {
    const { view } = await run([{ id: 'chat', label: 'Live chat', adapter: messenger() }], 'chat', locale);
    expect(view.text).toBe(text);
    expect(view.polite).toBe(text);
    expect(view.alert).toBe('');
    expect(view.panel.getAttribute('data-tone')).toBe('success');
  });

  it.each([
    ['en', 'Ticket #1001 — we’ll reply to ada@…'],
    ['fr', 'Ticket n° 1001 — nous répondrons à ada@…'],
  ])('ticket created, with its reference and where the answer comes (%s)', async (locale, text) => {
    const { view } = await run([{ id: 'ticket', label: 'Email support', adapter: relayTicket() }], 'ticket', locale);
    expect(view.text).toBe(text);
    expect(view.text).not.toContain('example.com');
  });

  it('a ticket for a user with no email says where the answer comes from instead', async () => {
    const { view } = await run([{ id: 'ticket', label: 'Email support', adapter: relayTicket() }], 'ticket', 'es', MONDAY_10AM, { email: undefined });
    expect(view.text).toBe('Ticket n.º 1001 — la respuesta llegará a través de Zendesk.');
  });

  it('a conversation created without a reference never invents one', async () => {
    const created = adapter('intercom-conversation', () => ({ status: 'created' }));
    const { view } = await run([{ id: 'conv', label: 'Message us', adapter: created }], 'conv', 'en');
    expect(view.text).toBe('Your request reached Intercom — we’ll reply to ada@…');
    expect(view.text).not.toMatch(/#|undefined/);
  });

  it.each([
    ['en', 'Calendly opened — pick a time there to book your call.', 'Your call is booked.'],
    ['pt', 'Calendly aberto — escolha um horário lá para agendar sua chamada.', 'Sua chamada está agendada.'],
  ])('call scheduling opened, then booked when Calendly says so (%s)', async (locale, opened, booked) => {
    const calendly = adapter('calendly-scheduling', () => ({ status: 'opened' }));
    const { view } = await run([{ id: 'call', label: 'Schedule a call', adapter: calendly }], 'call', locale);
    expect(view.text).toBe(opened);
    // Another origin saying the same thing is not Calendly.
    window.dispatchEvent(new MessageEvent('message', { origin: 'https://evil.example', data: { event: 'calendly.event_scheduled' } }));
    expect(read(handle!).text).toBe(opened);
    window.dispatchEvent(new MessageEvent('message', { origin: 'https://calendly.com', data: { event: 'calendly.event_scheduled', payload: {} } }));
    expect(read(handle!).text).toBe(booked);
    expect(read(handle!).panel.getAttribute('data-tone')).toBe('success');
  });

  it('Calendly in a new tab says so', async () => {
    const calendly = adapter('calendly-scheduling', () => ({ status: 'redirected', reference: { url: 'https://calendly.com/acme/support' } }));
    const { view } = await run([{ id: 'call', label: 'Schedule a call', adapter: calendly }], 'call', 'en');
    expect(view.text).toBe('Calendly opened in a new tab — pick a time there to book your call.');
  });

  it.each([
    ['en', 'Community forum opened in a new tab — your question is not posted until you send it there.'],
    ['de', 'Community forum ist in einem neuen Tab geöffnet — Ihre Frage ist erst veröffentlicht, wenn Sie sie dort absenden.'],
  ])('community post opened, never "posted" (%s)', async (locale, text) => {
    const community = adapter('community-redirect', () => ({ status: 'redirected', reference: { url: 'https://forum.example.com/new-topic' } }));
    const { view } = await run([{ id: 'forum', label: 'Community forum', adapter: community }], 'forum', locale);
    expect(view.text).toBe(text);
  });

  it.each([
    ['en', 'Ticket #1001 — we’ll reply to ada@…', 'Intercom was not available (it did not load, perhaps blocked), so we used Zendesk instead.'],
    ['de', 'Ticket #1001 — wir antworten an ada@…', 'Intercom war nicht verfügbar (es wurde nicht geladen, vielleicht blockiert), deshalb haben wir Zendesk verwendet.'],
  ])('fell back: what failed and what was used instead (%s)', async (locale, text, detail) => {
    const { view } = await run(
      [
        { id: 'chat', label: 'Live chat', adapter: blocked(), fallback: ['ticket'] },
        { id: 'ticket', label: 'Email support', adapter: relayTicket() },
      ],
      'chat',
      locale,
    );
    expect(view.text).toBe(text);
    expect(view.detail).toBe(detail);
    expect(view.panel.getAttribute('data-tone')).toBe('warning');
  });

  it.each([
    ['en', 'We could not reach support through Zendesk (it refused the request).', 'Nothing was sent. You can try again, or choose another way below.', 'Try again', 'Other ways to reach us'],
    ['es', 'No pudimos contactar con soporte a través de Zendesk (rechazó la solicitud).', 'No se envió nada. Puedes intentarlo de nuevo o elegir otra vía abajo.', 'Reintentar', 'Otras formas de contactarnos'],
  ])('failed: what the user can do, a retry and the other options (%s)', async (locale, text, detail, retry, others) => {
    const refused = adapter('zendesk-ticket', () => {
      throw new EscalationError('PROVIDER_REJECTED', 'requester email refused');
    });
    const { view } = await run(
      [
        { id: 'ticket', label: 'Email support', adapter: refused },
        { id: 'chat', label: 'Live chat', adapter: messenger() },
      ],
      'ticket',
      locale,
    );
    expect(view.text).toBe(text);
    expect(view.detail).toBe(detail);
    // A failure is announced assertively, and nothing in the polite region pretends otherwise.
    expect(view.alert).toBe(`${text} ${detail}`);
    expect(view.polite).toBe('');
    expect(view.buttons).toEqual([retry, 'Live chat', expect.any(String)]);
    expect(view.root.querySelector('.alts p')!.textContent).toBe(others);
  });

  it.each([
    ['en', /^Live chat is closed now\. It opens again Monday,? 9:00\sAM EST\.$/],
    ['de', /^Live chat ist gerade geschlossen\. Wieder geöffnet: Montag, 0?9:00 (Uhr )?GMT-5\.$/],
  ])('outside hours: when the channel opens again, in the user’s zone and language (%s)', async (locale, text) => {
    const gated = adapter('custom-chat', () => ({ status: 'opened' }));
    const { view } = await run(
      [
        { id: 'chat', label: 'Live chat', adapter: gated, when: hours },
        { id: 'ticket', label: 'Email support', adapter: relayTicket() },
      ],
      'chat',
      locale,
      SATURDAY,
      { timeZone: 'America/New_York' },
    );
    expect(view.text).toMatch(text);
    expect(view.alert).toMatch(text);
    expect(gated.keys).toEqual([]);
    expect(view.buttons).toContain('Email support');
  });

  it('a refusal that is not the hours says "not available to you", with no time', async () => {
    const { view } = await run([{ id: 'chat', label: 'Live chat', adapter: adapter('custom-chat', () => ({ status: 'opened' })), when: plans(['pro']) }], 'chat', 'en', MONDAY_10AM, { plan: 'free' });
    expect(view.text).toBe('Live chat is not available to you right now.');
  });

  it.each([
    ['en', 'Your request may have reached support. We are checking.', 'Check again'],
    ['ja', 'リクエストはサポートに届いている可能性があります。確認しています。', 'もう一度確認'],
  ])('may exist: never "failed, try elsewhere" (%s)', async (locale, text, check) => {
    const lost = adapter('zendesk-ticket', () => {
      throw new EscalationError('TIMEOUT', 'the answer was lost', { details: { ambiguous: true } });
    });
    const { view } = await run(
      [
        { id: 'ticket', label: 'Email support', adapter: lost, fallback: ['chat'] },
        { id: 'chat', label: 'Live chat', adapter: messenger() },
      ],
      'ticket',
      locale,
    );
    expect(view.text).toBe(text);
    expect(view.text + view.detail).not.toMatch(/failed|could not|fehl|échou/i);
    // No other option is offered: sending elsewhere could make a second request.
    expect(view.buttons).toEqual([check, expect.any(String)]);
    expect(view.panel.getAttribute('data-tone')).toBe('warning');
  });

  it('every locale has every text, and none is left in English by mistake', () => {
    const en = statusStrings('en');
    for (const locale of STATUS_LOCALES.filter((l) => l !== 'en')) {
      const strings = statusStrings(locale);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
      const same = Object.entries(strings).filter(([key, value]) => typeof value === 'string' && value === en[key as keyof typeof en] && key !== 'heading' && key !== 'open');
      expect({ locale, same }).toEqual({ locale, same: [] });
    }
  });

  it('the wording never says "undefined" when a value is missing', () => {
    const text = JSON.stringify(
      statusMessage({ phase: 'delivered', requestedOptionId: 'x', optionId: 'x', provider: 'Acme', delivery: 'created', reference: {}, alternatives: [], canRetry: false, following: false, startedAt: 0, locale: 'en' }),
    );
    expect(text).not.toContain('undefined');
    expect(text).toContain('Your request reached Acme.');
  });
});
