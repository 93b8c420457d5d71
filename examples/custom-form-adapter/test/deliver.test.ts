/** @jest-environment jest-fixed-jsdom */
import { http, HttpResponse } from 'msw';
import { EscalationError, type Delivery } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { recordRequests, setupProviderServer } from '@pillar/escalation-testkit/msw';
import { customForm } from '../src';
import { byLabel, openDialog } from './support';

const ENDPOINT = 'http://localhost/api/support';
const server = setupProviderServer();
const requests = recordRequests(server);
const accept = () => server.use(http.post(ENDPOINT, () => HttpResponse.json({ id: 'T-7', url: 'https://support.example.com/t/7' }, { status: 201 })));

beforeEach(() => {
  requests.clear();
  document.body.replaceChildren();
});

function open(options: Parameters<typeof customForm>[0] = { endpoint: '/api/support' }, context = contextFixture('multi-turn'), signal?: AbortSignal) {
  const adapter = customForm(options);
  const delivery = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'esc_1', ...(signal ? { signal } : {}) });
  delivery.catch(() => undefined); // observed by each test
  return { adapter, delivery, context };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition never held');
}
const submit = () => openDialog().querySelector('form')!.requestSubmit();
const key = (name: string, init: KeyboardEventInit = {}) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }));

describe('the form', () => {
  it('is a modal dialog named by its heading, with focus moved into it', () => {
    const before = document.body.appendChild(document.createElement('button'));
    before.focus();
    open();
    const dialog = openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Contact support');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toMatch(/can edit it/);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('labels every input and prefills the subject, the user fields and the transcript', () => {
    const { adapter, context } = open();
    const payload = adapter.toPayload(context);
    expect(byLabel('Subject').value).toBe(payload.subject);
    expect(byLabel('Your name').value).toBe('Ada Lovelace');
    expect(byLabel('Email')).toMatchObject({ value: 'ada@example.com', type: 'email', required: true });
    const transcript = byLabel('Conversation');
    expect(transcript).toBeInstanceOf(HTMLTextAreaElement);
    expect(transcript.value).toBe(payload.transcript);
    expect(transcript.required).toBe(true);
    expect(openDialog().querySelector('button[type="submit"]')?.textContent).toBe('Send to support');
  });

  it('takes some of its texts from options.text and keeps its own for the rest', () => {
    open({ endpoint: '/api/support', text: { title: 'Kontakt', submit: 'Senden' } });
    const dialog = openDialog();
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Kontakt');
    expect(dialog.querySelector('button[type="submit"]')?.textContent).toBe('Senden');
    expect(byLabel('Subject')).toBeDefined();
    expect(dialog.querySelector('button[type="button"]')?.textContent).toBe('Cancel');
  });

  it('puts hostile conversation text in the textarea as text, never as markup', () => {
    open({ endpoint: '/api/support' }, contextFixture('html-injection'));
    expect(document.querySelector('script, img, iframe, b.injected-by-user')).toBeNull();
    expect(byLabel('Conversation').value).toContain('<script>alert(1)</script>');
    expect(byLabel('Subject').value).not.toBe('');
  });

  it('focuses the first required field the context left empty', () => {
    open({ endpoint: '/api/support' }, contextFixture('one-message'));
    expect(document.activeElement).toBe(byLabel('Email'));
  });

  it('keeps Tab inside the dialog', () => {
    open();
    const buttons = openDialog().querySelectorAll('button');
    const cancel = buttons[buttons.length - 1]!;
    cancel.focus();
    key('Tab');
    expect(document.activeElement).toBe(byLabel('Subject'));
    key('Tab', { shiftKey: true });
    expect(document.activeElement).toBe(cancel);
  });

  it('closes on Escape, gives focus back and rejects with ABORTED', async () => {
    const before = document.body.appendChild(document.createElement('button'));
    before.focus();
    const { delivery } = open();
    key('Escape');
    await expect(delivery).rejects.toMatchObject({ code: 'ABORTED', retryable: false });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('renders into the container the app names', () => {
    const host = document.body.appendChild(document.createElement('section'));
    host.id = 'support';
    open({ endpoint: '/api/support', container: '#support' });
    expect(host.querySelector('[role="dialog"]')).not.toBeNull();
  });
});

describe('sending', () => {
  it('POSTs the context and the user edits as JSON with the idempotency key, then closes', async () => {
    accept();
    const { delivery, context } = open({ endpoint: '/api/support', headers: { 'x-csrf-token': 'csrf-1' } });
    byLabel('Conversation').value = 'Edited: I removed my invoice numbers.';
    byLabel('Subject').value = '  Refund for a double charge  ';
    submit();
    await expect(delivery).resolves.toEqual<Delivery>({ status: 'created', reference: { id: 'T-7', url: 'https://support.example.com/t/7' } });
    const sent = await requests.all();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: ENDPOINT,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'esc_1', 'x-csrf-token': 'csrf-1' },
      body: {
        idempotencyKey: 'esc_1',
        conversationId: context.conversationId,
        reason: context.reason,
        subject: 'Refund for a double charge',
        transcript: 'Edited: I removed my invoice numbers.',
        fields: { name: 'Ada Lovelace', email: 'ada@example.com' },
        context: JSON.parse(JSON.stringify(context)),
      },
    });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('refuses to send with an empty required field, says which, and focuses it', async () => {
    open({ endpoint: '/api/support' }, contextFixture('one-message'));
    submit();
    await settle();
    expect(openDialog().querySelector('[role="alert"]')?.textContent).toBe('Please fill in Email.');
    expect(byLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(byLabel('Email'));
    expect(await requests.all()).toEqual([]);
  });

  it('sends once on a double submit', async () => {
    accept();
    const { delivery } = open();
    submit();
    submit();
    await delivery;
    expect(await requests.all()).toHaveLength(1);
  });

  it('shows a failure, lets the user try again with the same key, and succeeds', async () => {
    accept();
    // server.use() prepends: this one answers first, once.
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: 'Inbox is down' }, { status: 503 }), { once: true }));
    const { delivery } = open();
    submit();
    const alert = openDialog().querySelector('[role="alert"]')!;
    await until(() => alert.textContent!.startsWith('Could not send'));
    expect(alert.textContent).toContain('HTTP 503');
    submit();
    await expect(delivery).resolves.toMatchObject({ status: 'created', reference: { id: 'T-7' } });
    const sent = await requests.all();
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(['esc_1', 'esc_1']);
  });

  it('closing after a failure rejects with that failure, so the registry can fall back', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3' } })));
    const { delivery } = open();
    submit();
    await until(() => openDialog().querySelector('[role="alert"]')!.textContent!.startsWith('Could not send'));
    key('Escape');
    await expect(delivery).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 3_000 });
  });

  it('maps a refusal to PROVIDER_REJECTED and a network failure to PROVIDER_UNAVAILABLE', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.error()));
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ message: 'email is invalid' }, { status: 422 }), { once: true }));
    const { delivery } = open();
    const alert = () => openDialog().querySelector('[role="alert"]')!.textContent!;
    submit();
    await until(() => alert().includes('HTTP 422'));
    expect(alert()).toContain('email is invalid');
    submit();
    await until(() => alert().includes('could not be reached'));
    key('Escape');
    await expect(delivery).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('times out a silent endpoint', async () => {
    server.use(http.post(ENDPOINT, () => new Promise<Response>(() => undefined)));
    const { delivery } = open({ endpoint: '/api/support', timeoutMs: 50 });
    submit();
    await until(() => openDialog().querySelector('[role="alert"]')!.textContent!.includes('did not answer within 50 ms'));
    key('Escape');
    await expect(delivery).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('aborting and bad setup', () => {
  it('closes the form when the escalation is aborted', async () => {
    const controller = new AbortController();
    const { delivery } = open(undefined, undefined, controller.signal);
    controller.abort();
    await expect(delivery).rejects.toMatchObject({ code: 'ABORTED' });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('rejects a container that matches nothing with CONFIGURATION', async () => {
    await expect(open({ endpoint: '/api/support', container: '#missing' }).delivery).rejects.toMatchObject({ code: 'CONFIGURATION', details: { path: 'options.container' }, message: expect.stringContaining('#missing') });
  });

  it.each([
    [{ endpoint: '' }, 'options.endpoint', /endpoint/],
    [{ endpoint: 'api/support' }, 'options.endpoint', /starts with "\/"/],
    [{ endpoint: 'javascript:alert(1)' }, 'options.endpoint', /http\(s\)/],
    [{ endpoint: '/x', fields: [{ name: 'subject', label: 'S' }] }, 'options.fields.0.name', /used twice/],
    [{ endpoint: '/x', fields: [{ name: 'plan', label: 'P' }, { name: 'plan', label: 'Q' }] }, 'options.fields.1.name', /used twice/],
    [{ endpoint: '/x', fields: [{ name: 'a b', label: 'S' }] }, 'options.fields.0.name', /fields\.0\.name/],
    [{ endpoint: '/x', fields: [{ name: 'plan', label: '' }] }, 'options.fields.0.label', /fields\.0\.label/],
    [{ endpoint: '/x', maxTranscriptLength: 10 }, 'options.maxTranscriptLength', /maxTranscriptLength/],
    [{ endpoint: '/x', headers: { 'x-a': 'one\r\ntwo' } }, 'options.headers.x-a', /header/],
  ])('refuses %j at creation with CONFIGURATION naming %s', (options, path, message) => {
    expect(() => customForm(options as Parameters<typeof customForm>[0])).toThrow(expect.objectContaining({ code: 'CONFIGURATION', details: expect.objectContaining({ path }), message: expect.stringMatching(message) }));
    expect(() => customForm(options as Parameters<typeof customForm>[0])).toThrow(EscalationError);
  });
});
