import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { createInboxStore, inboxAdapter, type InboxStore } from '../src/inbox-adapter';
import { renderInboxPage } from '../src/inbox-page';
import { serverOptions } from '../src/server-options';

const context: EscalationContext = {
  conversationId: 'conv-1',
  messages: [
    { role: 'user', content: 'Export fails <script>alert(1)</script> with card 4242 4242 4242 4242' },
    { role: 'assistant', content: 'Let me hand you to a human.' },
  ],
  user: { id: 'u1', name: 'Ada <Lovelace>', email: 'ada@example.com', plan: 'pro', role: 'admin' },
};

let dir: string;
let store: InboxStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-inbox-test-'));
  store = createInboxStore(join(dir, 'inbox'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const inboxUrl = () => 'http://127.0.0.1:5173/inbox';

describe('the local inbox', () => {
  test('delivers a redacted escalation once per idempotency key, with a link to the inbox', async () => {
    const registry = createRegistry([{ id: 'ticket', label: 'Open a ticket', adapter: inboxAdapter({ store, optionId: 'ticket', label: 'Open a ticket', standsFor: 'a Zendesk ticket', inboxUrl }) }]);
    const first = await registry.escalate('ticket', context);
    expect(first).toMatchObject({ optionId: 'ticket', kind: 'demo-inbox-ticket', status: 'created', reference: { id: 'inbox-1', url: 'http://127.0.0.1:5173/inbox#inbox-1' } });
    const again = await registry.escalate('ticket', context);
    expect(again.reference).toEqual(first.reference);
    expect(again.data).toEqual({ duplicate: true });
    const entries = await store.list();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain('4242 4242 4242 4242');
  });

  test('keeps every entry when escalations arrive at the same time', async () => {
    const adapter = inboxAdapter({ store, optionId: 'ticket', label: 'Open a ticket', standsFor: 'a Zendesk ticket', inboxUrl });
    const payload = adapter.toPayload(context);
    await Promise.all(Array.from({ length: 20 }, (_, i) => adapter.deliver(payload, { context, idempotencyKey: `k${i}` })));
    const entries = await store.list();
    expect(entries.map((e) => e.idempotencyKey).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
    expect(new Set(entries.map((e) => e.id)).size).toBe(20);
  });

  test('a broken inbox file is PROVIDER_UNAVAILABLE naming the cause, not a crash', async () => {
    const adapter = inboxAdapter({ store, optionId: 'ticket', label: 'Open a ticket', standsFor: 'a Zendesk ticket', inboxUrl });
    rmSync(join(dir, 'inbox'), { recursive: true, force: true });
    writeFileSync(join(dir, 'inbox'), 'not a folder');
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', optionId: 'ticket' });
  });

  test('an aborted delivery stores nothing', async () => {
    const adapter = inboxAdapter({ store, optionId: 'ticket', label: 'Open a ticket', standsFor: 'a Zendesk ticket', inboxUrl });
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k', signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await store.list()).toEqual([]);
  });

  test('the inbox page escapes everything from the conversation and the user', async () => {
    const adapter = inboxAdapter({ store, optionId: 'ticket', label: 'Open a ticket', standsFor: 'a Zendesk ticket', inboxUrl });
    await adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' });
    const html = renderInboxPage(await store.list(), store.file);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('Ada <Lovelace>');
    expect(html).toContain('Ada &lt;Lovelace&gt;');
  });
});

describe('where the server options deliver', () => {
  const kinds = (env: Record<string, string>) => {
    const { options, modes } = serverOptions(env, store, inboxUrl);
    return { kinds: Object.fromEntries(options.map((o) => [o.id, o.adapter.kind])), modes };
  };

  test('with no credentials, both options deliver to the local inbox', () => {
    const { kinds: k, modes } = kinds({});
    expect(k).toEqual({ ticket: 'demo-inbox-ticket', message: 'demo-inbox-ticket' });
    expect(modes.map((m) => m.mode)).toEqual(['inbox', 'inbox']);
  });

  test('with Zendesk and Freshdesk credentials, to Zendesk and Freshdesk', () => {
    const { kinds: k, modes } = kinds({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'agent@acme.com', ZENDESK_API_TOKEN: 't', FRESHDESK_DOMAIN: 'acme', FRESHDESK_API_KEY: 'k', INTERCOM_ACCESS_TOKEN: 'i' });
    expect(k).toEqual({ ticket: 'zendesk-ticket', message: 'freshdesk-ticket' });
    expect(modes.map((m) => m.target)).toEqual(['a Zendesk ticket in acme.zendesk.com', 'a Freshdesk ticket in acme.freshdesk.com']);
  });

  test('with only an Intercom token, Leave a message creates an Intercom conversation', () => {
    expect(kinds({ INTERCOM_ACCESS_TOKEN: 'i', INTERCOM_REGION: 'eu' }).kinds).toEqual({ ticket: 'demo-inbox-ticket', message: 'intercom-conversation' });
  });

  test('incomplete variables fall back to the inbox with a warning naming what is missing', () => {
    const { kinds: k, modes } = kinds({ ZENDESK_SUBDOMAIN: 'acme', FRESHDESK_API_KEY: 'k' });
    expect(k).toEqual({ ticket: 'demo-inbox-ticket', message: 'demo-inbox-ticket' });
    expect(modes[0]!.warning).toContain('missing ZENDESK_EMAIL, ZENDESK_API_TOKEN');
    expect(modes[1]!.warning).toContain('missing FRESHDESK_DOMAIN');
  });

  test('an invalid value is a CONFIGURATION error at startup', () => {
    expect(() => kinds({ ZENDESK_SUBDOMAIN: 'not a subdomain', ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: 't' })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});
