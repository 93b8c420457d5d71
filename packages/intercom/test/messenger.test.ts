/** @jest-environment jest-fixed-jsdom */
import { EscalationError, type EscalationContext } from '@pillar/escalation-core';
import { intercomMessenger, type IntercomMessengerOptions } from '@pillar/escalation-intercom';
import { installIntercomFake, type IntercomFake, type IntercomFakeOptions } from '@pillar/escalation-testkit/fakes';
import { billingContext } from './support';

const APP_ID = 'abc12def';

type Globals = { Intercom?: unknown; intercomSettings?: Record<string, unknown> };
const globals = () => window as unknown as Globals;

let fake: IntercomFake | undefined;
function install(options: IntercomFakeOptions = {}): IntercomFake {
  fake = installIntercomFake(options);
  return fake;
}

beforeEach(() => {
  // The SDK inserts its loader before the first <script> of the page.
  document.head.innerHTML = '<script src="/app.js"></script>';
});
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
  jest.useRealTimers();
});

function messenger(options: Partial<IntercomMessengerOptions> = {}) {
  return intercomMessenger({ appId: APP_ID, resendDelayMs: 5, widgetTimeoutMs: 1_000, ...options });
}

async function deliver(context: EscalationContext, options: Partial<IntercomMessengerOptions> = {}, signal?: AbortSignal) {
  const adapter = messenger(options);
  const payload = adapter.toPayload(context);
  const delivery = await adapter.deliver(payload, { context, idempotencyKey: 'k', ...(signal ? { signal } : {}) });
  return { delivery, payload };
}

// The brief heads the prefilled text (request, what was tried, where, why, who), then the conversation.
const EXPECTED_MESSAGE = [
  'Request: How do I export my invoices as CSV? The <b>Export</b> button is greyed out.',
  'What was tried:',
  '  - Go to Billing → Invoices and click Export. (did not work)',
  'Page: Billing',
  'URL: https://app.example.com/billing?tab=invoices',
  'Why a human: Billing · said it still does not work once',
  'Customer: Ada Lovelace (ada@example.com)',
  'Plan: pro',
  'Role: admin',
  "User's local time: Nov 24, 2026, 9:31 AM (UTC)",
  '',
  'User (2026-11-24 09:30 UTC): How do I export my invoices as CSV? The <b>Export</b> button is greyed out.',
  '',
  'Assistant (2026-11-24 09:30 UTC): Go to Billing → Invoices and click Export.',
  '',
  'User (2026-11-24 09:31 UTC): It is still greyed out & I need them today.',
].join('\n');

describe('intercomMessenger: payload', () => {
  it('boots with the user, sets prefixed attributes and prefills a plain-text summary', () => {
    const payload = messenger({ identity: { userHash: 'f'.repeat(64) } }).toPayload(billingContext());
    expect(payload).toEqual({
      boot: { app_id: APP_ID, user_id: 'u_42', email: 'ada@example.com', name: 'Ada Lovelace', user_hash: 'f'.repeat(64) },
      update: {
        pillar_reason: 'billing',
        pillar_plan: 'pro',
        pillar_role: 'admin',
        pillar_conversation_id: 'conv_123',
        pillar_page_url: 'https://app.example.com/billing?tab=invoices',
        pillar_page_title: 'Billing',
      },
      message: EXPECTED_MESSAGE,
    });
  });

  it('passes a JWT as intercom_user_jwt, and takes the identity from a function of the context', () => {
    const jwt = messenger({ identity: { jwt: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' } }).toPayload(billingContext());
    expect(jwt.boot).toMatchObject({ intercom_user_jwt: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' });
    expect(jwt.boot).not.toHaveProperty('user_hash');

    const hashes: Record<string, string> = { u_42: 'a1'.repeat(32) };
    const adapter = messenger({ identity: (context) => (context.user?.id ? { userHash: hashes[context.user.id] as string } : undefined) });
    expect(adapter.toPayload(billingContext()).boot.user_hash).toBe('a1'.repeat(32));
    const anonymous = adapter.toPayload(billingContext({ user: undefined }));
    expect(anonymous.boot).toEqual({ app_id: APP_ID });
  });

  it('uses the prefix, the region (au as the SDK\'s ap) and the extra boot attributes', () => {
    const payload = messenger({ prefix: 'copilot_', region: 'au', attributes: { hide_default_launcher: true, company_size: 40 } }).toPayload(billingContext());
    expect(payload.boot).toMatchObject({ app_id: APP_ID, region: 'ap', hide_default_launcher: true, company_size: 40 });
    expect(Object.keys(payload.update).every((key) => key.startsWith('copilot_'))).toBe(true);
    expect(messenger({ region: 'eu' }).toPayload(billingContext()).boot.region).toBe('eu');
    expect(messenger({ prefix: '' }).toPayload(billingContext()).update).toHaveProperty('reason', 'billing');
  });

  it('keeps the message within messageMaxLength: the conversation is cut first, the brief keeps its request', () => {
    const context = billingContext({
      messages: [
        { role: 'user', content: 'word '.repeat(2_000) },
        { role: 'assistant', content: 'answer '.repeat(500) },
      ],
      page: { url: `https://app.example.com/${'p'.repeat(3_000)}`, title: 'Settings' },
    });
    for (const max of [200, 500, 1_000, 4_000]) {
      const { message } = messenger({ messageMaxLength: max }).toPayload(context);
      expect(message.length).toBeLessThanOrEqual(max);
      expect(message).toMatch(/^Request: word word/);
    }
    const roomy = messenger({ messageMaxLength: 4_000 }).toPayload(context).message;
    expect(roomy).toContain('\nPage: Settings');
    expect(roomy).toMatch(/\nAssistant: answer answer/);
    expect(messenger().limits?.fields).toMatchObject({ message: 1_000, 'update.pillar_page_url': 255 });
  });

  it('says something useful when the user has not asked anything yet, and never splits an emoji', () => {
    expect(messenger().toPayload({ conversationId: null, messages: [] }).message).toBe('I would like to talk to someone from your team.');
    const emoji = messenger({ messageMaxLength: 200 }).toPayload({ conversationId: null, messages: [{ role: 'user', content: '😀'.repeat(300) }] });
    expect(emoji.message.length).toBeLessThanOrEqual(200);
    expect(emoji.message).toMatch(/(😀)+…$/u);
    expect(emoji.message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('drops control characters and cuts attributes at Intercom\'s 255 characters', () => {
    const payload = messenger().toPayload(
      billingContext({
        messages: [{ role: 'user', content: 'bell\u0007 nul\u0000 line\r\nbreak' }],
        page: { title: `Tab\u0000${'t'.repeat(400)}`, url: 'https://app.example.com/' },
      }),
    );
    expect(payload.message.startsWith('Request: bell nul line break\nPage: Tab')).toBe(true);
    expect(payload.message).not.toMatch(/[\u0000-\u0008]/);
    expect(payload.update.pillar_page_title).toHaveLength(255);
    expect(String(payload.update.pillar_page_title)).not.toContain('\u0000');
  });

  it('refuses bad configuration with CONFIGURATION naming the option', () => {
    const cases: [Partial<IntercomMessengerOptions>, RegExp][] = [
      [{ appId: '' }, /appId/],
      [{ appId: 'abc/../x' }, /appId/],
      [{ region: 'mars' as 'us' }, /region/],
      [{ prefix: 'pillar.' }, /prefix/],
      [{ widgetTimeoutMs: 0 }, /widgetTimeoutMs/],
      [{ widgetTimeoutMs: Number.NaN }, /widgetTimeoutMs/],
      [{ messageMaxLength: 50 }, /messageMaxLength/],
      // Core's context limit of the same older name means something else: the error lists the options.
      [{ maxMessageLength: 2_000 } as never, /maxMessageLength is not an option.*messageMaxLength/],
      [{ identity: { userHash: '' } as never }, /identity/],
      [{ identity: { userHash: 'x', jwt: 'y' } as never }, /identity/],
      [{ attributes: { user_hash: 'forged' } }, /attributes\.user_hash/],
      [{ attributes: { nested: { a: 1 } as never } }, /attributes\.nested/],
    ];
    for (const [options, message] of cases) {
      let thrown: unknown;
      try {
        intercomMessenger({ appId: APP_ID, ...options });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EscalationError);
      expect(thrown).toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(message) });
    }
  });

  it('refuses a reserved key returned by an attributes function when building the payload', () => {
    const adapter = messenger({ attributes: () => ({ app_id: 'other' }) });
    expect(() => adapter.toPayload(billingContext())).toThrow(/attributes\.app_id/);
  });

  it('turns an identity or attributes function that throws into CONFIGURATION', () => {
    const boom = () => {
      throw new TypeError('session is undefined');
    };
    for (const options of [{ identity: boom }, { attributes: boom }]) {
      let thrown: unknown;
      try {
        messenger(options).toPayload(billingContext());
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EscalationError);
      expect(thrown).toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining('session is undefined') });
    }
  });
});

describe('intercomMessenger: deliver', () => {
  it('boots a Messenger that is not on the page, then update, then showNewMessage, and prefills again once it opened', async () => {
    const widget = install();

    const { delivery, payload } = await deliver(billingContext(), { region: 'eu', identity: { userHash: 'ab'.repeat(32) } });

    expect(delivery).toEqual({ status: 'opened' });
    expect(widget.scriptSrc).toBe(`https://widget.intercom.io/widget/${APP_ID}`);
    expect(widget.methods()).toEqual(['boot', 'onShow', 'update', 'showNewMessage', 'showNewMessage']);
    expect(widget.calls[0]?.args[0]).toEqual({
      app_id: APP_ID,
      user_id: 'u_42',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      user_hash: 'ab'.repeat(32),
      api_base: 'https://api-iam.eu.intercom.io',
      installation_type: 'npm-package',
    });
    expect(widget.calls[2]?.args).toEqual([payload.update]);
    expect(widget.calls[3]?.args).toEqual([payload.message]);
    expect(widget.calls[4]?.args).toEqual([payload.message]);
    expect(widget.visible).toBe(true);
    expect(widget.composer).toBe(EXPECTED_MESSAGE);
    expect(widget.settings).toMatchObject(payload.update);
  });

  it('handles the quirk: the first showNewMessage after boot opens an empty composer, the second fills it', async () => {
    const widget = install({ mode: 'quirk' });
    const adapter = messenger({ resendDelayMs: 50 });
    const context = billingContext();
    const pending = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' });

    // Opened, but empty: what a single call would leave the user with.
    await waitFor(() => widget.visible);
    expect(widget.composer).toBe('');

    await expect(pending).resolves.toEqual({ status: 'opened' });
    expect(widget.composer).toBe(EXPECTED_MESSAGE);
    expect(widget.methods().filter((m) => m === 'showNewMessage')).toHaveLength(2);
  });

  it('leaves a Messenger the app booted alone: update and showNewMessage only, no boot, no script', async () => {
    const widget = install({ state: 'booted', bootSettings: { app_id: APP_ID, user_id: 'app-user', user_hash: 'app-hash' } });

    const { delivery, payload } = await deliver(billingContext(), { identity: { userHash: 'ours' } });

    expect(delivery).toEqual({ status: 'opened' });
    expect(widget.methods()).toEqual(['update', 'showNewMessage']);
    expect(widget.calls[0]?.args).toEqual([payload.update]);
    expect(widget.settings).toMatchObject({ user_id: 'app-user', user_hash: 'app-hash' });
    expect(widget.composer).toBe(EXPECTED_MESSAGE);
    expect(globals().intercomSettings).toBeUndefined();
    expect(document.getElementById('_intercom_npm_loader')).toBeNull();
  });

  it('boots a loaded but shut-down Messenger with boot (region host as api_base)', async () => {
    const widget = install({ state: 'loaded' });

    const { payload } = await deliver(billingContext(), { region: 'au' });

    expect(widget.methods()).toEqual(['boot', 'onShow', 'update', 'showNewMessage', 'showNewMessage']);
    const { region: _region, ...boot } = payload.boot;
    expect(widget.calls[0]?.args).toEqual([{ ...boot, api_base: 'https://api-iam.au.intercom.io' }]);
    expect(widget.composer).toBe(EXPECTED_MESSAGE);
  });

  it('fails with PROVIDER_UNAVAILABLE when the widget never opens (blocked), within widgetTimeoutMs', async () => {
    const widget = install({ mode: 'blocked' });
    const started = Date.now();

    const error = await deliver(billingContext(), { widgetTimeoutMs: 100 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true, details: { widgetTimeoutMs: 100 } });
    expect((error as Error).message).toMatch(/did not open within 100 ms/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(widget.loaded).toBe(false);
    expect(widget.calls).toEqual([]);
  });

  it('fails at once when the loader script errors (a blocked request), without waiting for the timeout', async () => {
    install({ mode: 'blocked', scriptError: true });
    const started = Date.now();

    const error = await deliver(billingContext(), { widgetTimeoutMs: 30_000 }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { scriptError: true } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('leaves a boot the page started alone while its widget is still loading', async () => {
    install({ mode: 'blocked' });
    const { Intercom } = await import('@intercom/messenger-js-sdk');
    Intercom({ app_id: 'pageapp1', user_id: 'page-user' });

    await expect(deliver(billingContext(), { widgetTimeoutMs: 50 })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });

    expect(globals().intercomSettings).toMatchObject({ app_id: 'pageapp1', user_id: 'page-user' });
  });

  it('takes its calls back off the loader queue when the widget is blocked, so a late load cannot open the Messenger', async () => {
    install({ mode: 'blocked' });
    const { update } = await import('@intercom/messenger-js-sdk');
    const adapter = messenger({ widgetTimeoutMs: 50 });
    const context = billingContext();
    const pending = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' });
    // Someone else's call, queued while we wait, must stay.
    update({ page_call: true });
    const queued = () => ((globals().Intercom as { q: ArrayLike<unknown>[] }).q ?? []).map((entry) => Array.from(entry)[0]);
    expect(queued()).toEqual(['onShow', 'update', 'showNewMessage', 'update']);

    await expect(pending).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });

    expect(queued()).toEqual(['update']);
    expect(Array.from((globals().Intercom as { q: ArrayLike<unknown>[] }).q[0] ?? [])).toEqual(['update', { page_call: true }]);
  });

  it('works on a page without any <script> element (the SDK needs one to insert before)', async () => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    const widget = install();

    await expect(deliver(billingContext())).resolves.toMatchObject({ delivery: { status: 'opened' } });
    expect(widget.composer).toBe(EXPECTED_MESSAGE);
    expect(document.getElementById('_intercom_npm_loader')).not.toBeNull();
  });

  it('rejects with ABORTED and touches nothing when the signal is already aborted', async () => {
    const widget = install();
    const controller = new AbortController();
    controller.abort();

    await expect(deliver(billingContext(), {}, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    expect(widget.calls).toEqual([]);
    expect(globals().Intercom).toBeUndefined();
  });

  it('rejects with ABORTED when aborted while waiting for the widget, and leaves no timer behind', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    install({ mode: 'blocked' });
    const controller = new AbortController();
    const adapter = messenger({ widgetTimeoutMs: 4_000 });
    const context = billingContext();
    const pending = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k', signal: controller.signal });
    const outcome = pending.catch((e: unknown) => e);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(jest.getTimerCount()).toBe(1);
    controller.abort();

    expect(await outcome).toMatchObject({ code: 'ABORTED' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind after a delivery or a blocked-widget timeout', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    install();
    const adapter = messenger({ resendDelayMs: 250, widgetTimeoutMs: 4_000 });
    const context = billingContext();
    const opened = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' });
    await jest.advanceTimersByTimeAsync(250);
    await expect(opened).resolves.toEqual({ status: 'opened' });
    expect(jest.getTimerCount()).toBe(0);

    fake?.uninstall();
    install({ mode: 'blocked' });
    const blocked = adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(3_999);
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(await blocked).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('maps a widget that throws to PROVIDER_UNAVAILABLE', async () => {
    const broken = Object.assign(
      () => {
        throw new Error('widget exploded');
      },
      { booted: true },
    );
    (window as unknown as Globals).Intercom = broken;
    try {
      await expect(deliver(billingContext())).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('widget exploded') });
    } finally {
      delete (window as unknown as Globals).Intercom;
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 1_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
