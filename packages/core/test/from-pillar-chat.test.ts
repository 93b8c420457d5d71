import type { ChatContext } from '@pillar-ai/sdk';
import {
  droppedFrom,
  EscalationError,
  fromPillarChat,
  parseContext,
  type ContextIssue,
  type PillarChatContext,
} from '@pillar/escalation-core';

type InvalidContextError = EscalationError & { details: ContextIssue };

function invalid(fn: () => unknown, path: string, message: string): InvalidContextError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  const error = thrown as InvalidContextError;
  expect(error).toBeInstanceOf(EscalationError);
  expect(error.code).toBe('INVALID_CONTEXT');
  expect(error.details.path).toBe(path);
  expect(error.message).toContain(message);
  return error;
}

/** What the SDK's getChatContext() returns mid-conversation. */
const chat: ChatContext = {
  conversationId: 'a1b2c3',
  messages: [
    { role: 'user', content: 'How do I export my invoices?' },
    { role: 'assistant', content: 'Go to Billing → Export.' },
    { role: 'user', content: 'There is no Export button.\r\nCan I talk to someone?' },
  ],
};

describe('fromPillarChat', () => {
  it('turns no conversation (null or undefined) into an empty context', () => {
    expect(fromPillarChat(null)).toStrictEqual({ conversationId: null, messages: [] });
    expect(fromPillarChat(undefined)).toStrictEqual({ conversationId: null, messages: [] });
  });

  it('still adds the extras when there is no conversation yet', () => {
    expect(fromPillarChat(null, { user: { id: 'u1', plan: 'pro' }, page: { url: 'https://app.example.com/settings' }, reason: 'human_requested' })).toStrictEqual({
      conversationId: null,
      messages: [],
      user: { id: 'u1', plan: 'pro' },
      page: { url: 'https://app.example.com/settings' },
      reason: 'human_requested',
    });
  });

  it('accepts an empty conversation, reading an empty conversation id as none', () => {
    expect(fromPillarChat({ conversationId: null, messages: [] })).toStrictEqual({ conversationId: null, messages: [] });
    expect(fromPillarChat({ conversationId: '', messages: [] })).toStrictEqual({ conversationId: null, messages: [] });
    expect(fromPillarChat({ conversationId: '  ', messages: [] })).toStrictEqual({ conversationId: null, messages: [] });
  });

  it('copies a normal conversation and adds what the app knows', () => {
    const before = structuredClone(chat);
    const context = fromPillarChat(chat, {
      user: { id: 'u_42', email: 'ada@example.com', plan: 'enterprise', attributes: { seats: 40 } },
      page: { url: 'https://app.example.com/billing', title: 'Billing' },
      reason: 'billing',
      metadata: { accountId: 'acc_7' },
    });
    expect(context).toStrictEqual({
      conversationId: 'a1b2c3',
      messages: [
        { role: 'user', content: 'How do I export my invoices?' },
        { role: 'assistant', content: 'Go to Billing → Export.' },
        { role: 'user', content: 'There is no Export button.\nCan I talk to someone?' },
      ],
      user: { id: 'u_42', email: 'ada@example.com', plan: 'enterprise', attributes: { seats: 40 } },
      page: { url: 'https://app.example.com/billing', title: 'Billing' },
      reason: 'billing',
      metadata: { accountId: 'acc_7' },
    });
    expect(chat).toStrictEqual(before);
    expect(context.messages).not.toBe(chat.messages);
    expect(context.messages[0]).not.toBe(chat.messages[0]);
  });

  it('gives a context that parseContext accepts unchanged (what the relay will do with it)', () => {
    const context = fromPillarChat(chat, { user: { locale: 'en-us' } });
    expect(parseContext(context)).toStrictEqual(context);
  });

  it('drops whatever else the SDK puts on messages', () => {
    const withExtras = {
      conversationId: 'c',
      messages: [{ role: 'assistant', content: 'Here you go', id: 'm1', sources: [{ title: 'Docs' }], actions: [] }],
    } as unknown as PillarChatContext;
    expect(fromPillarChat(withExtras).messages).toStrictEqual([{ role: 'assistant', content: 'Here you go' }]);
  });

  it('reads a message without content (a tool-only turn) as empty text', () => {
    const toolTurn = { conversationId: 'c', messages: [{ role: 'assistant' }, { role: 'assistant', content: null }] } as unknown as PillarChatContext;
    expect(fromPillarChat(toolTurn).messages).toStrictEqual([
      { role: 'assistant', content: '' },
      { role: 'assistant', content: '' },
    ]);
  });

  it('does not let a misbehaving SDK pass junk on', () => {
    const junk = (value: unknown) => value as PillarChatContext;
    invalid(() => fromPillarChat(junk({ conversationId: 'c', messages: [{ role: 'user', content: 'hi' }, { role: 'tool', content: '{}' }] })), 'messages[1].role', 'must be one of user, assistant, system');
    invalid(() => fromPillarChat(junk({ conversationId: 'c', messages: [{ role: 'user', content: { html: '<b>' } }] })), 'messages[0].content', 'must be a string (got an object)');
    invalid(() => fromPillarChat(junk({ conversationId: 'c', messages: [null] })), 'messages[0]', 'must be a plain object (got null)');
    invalid(() => fromPillarChat(junk({ conversationId: 'c', messages: [['user', 'hi']] })), 'messages[0]', 'must be a plain object (got an array)');
    invalid(() => fromPillarChat(junk({ conversationId: 'c', messages: 'hi' })), 'messages', 'must be an array (got a string)');
    invalid(() => fromPillarChat(junk({ conversationId: 7, messages: [] })), 'conversationId', 'must be a string or null (got a number)');
    invalid(() => fromPillarChat(junk('conversation')), '', 'context from Pillar must be an object or null (got a string)');
  });

  it('treats a missing messages list as an empty conversation', () => {
    expect(fromPillarChat({ conversationId: 'c' } as unknown as PillarChatContext)).toStrictEqual({ conversationId: 'c', messages: [] });
  });

  it('turns a throwing getter into INVALID_CONTEXT', () => {
    const hostile = {
      conversationId: 'c',
      get messages(): never {
        throw new Error('detached');
      },
    };
    const error = invalid(() => fromPillarChat(hostile), '', 'context from Pillar could not be read');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('validates the extras like any context: strict on their shape and keys', () => {
    invalid(() => fromPillarChat(chat, { user: { email: 7 as never } }), 'user.email', 'must be a string');
    invalid(() => fromPillarChat(chat, { metadata: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, never> }), 'metadata.__proto__', 'is not allowed as a key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never refuses an escalation for an optional value it cannot use: a Capacitor page, ops@localhost, CRLF in a title', () => {
    const context = fromPillarChat(chat, {
      user: { id: 'u1', name: 'Ada\r\nLovelace', email: 'ops@localhost' },
      page: { url: 'capacitor://localhost/settings', title: 'Settings\r\nAcme' },
      reason: 'urgent' as never,
    });
    expect(context.messages).toEqual(parseContext(chat).messages);
    expect(context.user).toEqual({ id: 'u1', name: 'Ada Lovelace' });
    expect(context.page).toEqual({ displayUrl: 'capacitor://localhost/settings', title: 'Settings Acme' });
    expect(context.reason).toBeUndefined();
    expect(droppedFrom(context)).toEqual([
      { path: 'user.name', reason: 'control_characters', action: 'cleaned' },
      { path: 'user.email', reason: 'format', action: 'removed' },
      { path: 'page.url', reason: 'format', action: 'kept_as_text' },
      { path: 'page.title', reason: 'control_characters', action: 'cleaned' },
      { path: 'reason', reason: 'format', action: 'removed' },
    ]);
  });

  it('stays strict on the conversation: a bad role is still refused', () => {
    invalid(() => fromPillarChat({ conversationId: 'c', messages: [{ role: 'bot' as never, content: 'x' }] }, { page: { url: 'capacitor://x' } }), 'messages[0].role', 'must be one of');
  });

  it('does not refuse a long conversation in the browser: the size limits are lifted', () => {
    const huge = 'x'.repeat(1_000_000);
    const long: PillarChatContext = {
      conversationId: 'c',
      messages: [...Array.from({ length: 12_000 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: 'hi' })), { role: 'user', content: huge }],
    };
    const context = fromPillarChat(long);
    expect(context.messages).toHaveLength(12_001);
    expect(context.messages[12_000]?.content).toHaveLength(1_000_000);
    // The same conversation over the relay meets the default limits.
    expect(() => parseContext(context)).toThrow('messages has 12001 items; the limit is 10000 (maxMessages)');
  });

  it('applies limits the app passes', () => {
    invalid(() => fromPillarChat(chat, {}, { maxMessages: 2 }), 'messages', 'has 3 items; the limit is 2 (maxMessages)');
    invalid(() => fromPillarChat(chat, {}, { maxMessageLength: 10 }), 'messages[0].content', 'the limit is 10 (maxMessageLength)');
    invalid(() => fromPillarChat(chat, { metadata: { a: 1, b: 2 } }, { maxMetadataKeys: 1 }), 'metadata', 'the limit is 1 (maxMetadataKeys)');
    // An explicit undefined keeps the lifted limit rather than bringing the default back.
    expect(fromPillarChat({ conversationId: 'c', messages: [{ role: 'user', content: 'x'.repeat(100_001) }] }, {}, { maxMessageLength: undefined }).messages).toHaveLength(1);
  });

  it('keeps the other limits at their defaults', () => {
    const wide = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    invalid(() => fromPillarChat(chat, { metadata: wide }), 'metadata', 'has 51 keys; the limit is 50 (maxMetadataKeys)');
    invalid(() => fromPillarChat(chat, { page: { title: 't'.repeat(8_193) } }), 'page.title', 'the limit is 8192 (maxStringLength)');
  });

  it('refuses invalid limits with a CONFIGURATION error', () => {
    expect(() => fromPillarChat(chat, {}, { maxDepth: 0 })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }) as unknown as Error);
  });
});
