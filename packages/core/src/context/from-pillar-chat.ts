import { isEscalationError } from '../errors';
import { describe, invalidContext } from './issue';
import type { ContextLimits } from './limits';
import { parseContext } from './parse-context';
import type { EscalationContext, EscalationReason, EscalationUser, Scalar } from './types';

/**
 * What the Pillar SDK's `pillar.getChatContext()` returns when there is a conversation
 * (it returns `null` before the first message). Structural, so core does not depend on the SDK;
 * the SDK's own `ChatContext` type is assignable to it.
 */
export interface PillarChatContext {
  /** Client-generated conversation id, or `null` if not yet started. */
  conversationId: string | null;
  /** The conversation so far, oldest first (extra fields the SDK adds are ignored). */
  messages: ReadonlyArray<{
    /** Who wrote it: the user or the co-pilot. */
    role: 'user' | 'assistant';
    /** The message text (`null` or missing for a tool-only turn is read as `''`). */
    content: string;
  }>;
}

/** What the app adds to the conversation: who the user is, where they are, why they escalate. */
export interface PillarChatExtra {
  /** The signed-in user, as your app knows them (gates read `plan`, `role`, `attributes`). */
  user?: EscalationUser;
  /** The page the user is on, e.g. `{ url: location.href, title: document.title }`. */
  page?: EscalationContext['page'];
  /** Why the user needs a human, when the app knows (the escalation tool sets it from the co-pilot's input). */
  reason?: EscalationReason;
  /** App-defined facts for the agent and the providers' custom fields (account id, feature flags, ...). */
  metadata?: Record<string, Scalar>;
}

/**
 * In the browser the conversation is the user's own and the server relay validates it again with
 * its own limits, so refusing a long conversation here would only keep the user from a human.
 */
const CONVERSATION_UNLIMITED: Partial<ContextLimits> = {
  maxMessages: Number.MAX_SAFE_INTEGER,
  maxMessageLength: Number.MAX_SAFE_INTEGER,
  maxTotalLength: Number.MAX_SAFE_INTEGER,
};

/**
 * Builds an {@link EscalationContext} from `pillar.getChatContext()` and what the app knows.
 * `null` or `undefined` (no conversation yet) gives `{ conversationId: null, messages: [] }`
 * plus `extra`, so escalating before the first message works.
 *
 * The result goes through `parseContext`, so an SDK that changes shape or misbehaves cannot
 * pass junk on to adapters: unknown message fields are dropped, a bad role is an
 * `INVALID_CONTEXT` error naming `messages[i].role`, and `extra` is validated like any context:
 * an optional value it cannot use (a `capacitor://` page URL, `ops@localhost`, a line break in a
 * title) is dropped, kept as text or cleaned, never a reason to refuse the escalation, and
 * `droppedFrom(result)` says which (`registry.escalate` reports it).
 * Two leniencies for the SDK's sake: an empty `conversationId` counts as `null`, and a message
 * whose `content` is `null` or missing (a tool-only assistant turn) gets `''`.
 * The conversation-size limits (`maxMessages`, `maxMessageLength`, `maxTotalLength`) are lifted
 * unless `limits` sets them; the other limits keep their defaults.
 */
export function fromPillarChat(
  chat: PillarChatContext | null | undefined,
  extra: PillarChatExtra = {},
  limits?: Partial<ContextLimits>,
): EscalationContext {
  if (chat != null && typeof chat !== 'object') {
    throw invalidContext({ path: '', reason: 'type' }, `from Pillar must be an object or null (got ${describe(chat)})`);
  }
  let conversation: { conversationId: unknown; messages: unknown };
  try {
    conversation = readChat(chat);
  } catch (error) {
    if (isEscalationError(error) && error.code === 'INVALID_CONTEXT') throw error;
    throw invalidContext({ path: '', reason: 'unreadable' }, 'from Pillar could not be read', error);
  }
  const { user, page, reason, metadata } = extra ?? {};
  const merged: Partial<ContextLimits> = { ...CONVERSATION_UNLIMITED };
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[name] = value;
  }
  return parseContext({ ...conversation, user, page, reason, metadata }, merged);
}

function readChat(chat: PillarChatContext | null | undefined): { conversationId: unknown; messages: unknown } {
  if (chat == null) return { conversationId: null, messages: [] };
  const id: unknown = chat.conversationId;
  const messages: unknown = chat.messages;
  return {
    conversationId: typeof id === 'string' && id.trim() === '' ? null : id,
    // Copy only role and content; anything else (a non-object, a non-array) is left for parseContext to name.
    messages: Array.isArray(messages)
      ? messages.map((message: unknown) => {
          if (typeof message !== 'object' || message === null || Array.isArray(message)) return message;
          const { role, content } = message as { role?: unknown; content?: unknown };
          return { role, content: content ?? '' };
        })
      : messages,
  };
}
