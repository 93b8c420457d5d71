import type { ChatMessage, EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { truncateText } from '../transcript/text';

/** How much of a context one relay request may carry. */
export interface RelayBudget {
  /** Most messages (the server's `maxMessages`). */
  maxMessages: number;
  /** Longest message `content`, in UTF-16 units (the server's `maxMessageLength`). */
  maxMessageLength: number;
  /** Most characters of all strings together (the server's `maxTotalLength`). */
  maxTotalLength: number;
  /** Most UTF-8 bytes of the JSON of the context (the server's body limit, less room for the envelope). */
  maxBytes: number;
}

/** Says how many messages the relay left out, where they were. */
function omittedNote(count: number): ChatMessage {
  return { role: 'system', content: `[${count} earlier message${count === 1 ? '' : 's'} left out to fit the relay's size limit]` };
}

/**
 * Fits a context into what the server relay accepts, so a long paste or a very long
 * conversation still reaches a human instead of failing with 413: every message is cut to
 * `maxMessageLength`; then, while the JSON is over `maxBytes` or the strings over
 * `maxTotalLength`, the oldest messages after the user's first one are left out (a system note
 * says how many), and last the longest remaining message is cut. Pure and deterministic;
 * returns the input itself when it already fits. Throws `INVALID_CONTEXT` (reason `limit`)
 * when the fields other than the messages alone are too big.
 */
export function fitContextForRelay(context: EscalationContext, budget: RelayBudget): EscalationContext {
  const source = Array.isArray(context.messages) ? context.messages : [];
  let changed = false;
  let messages: ChatMessage[] = source.map((message) => {
    if (typeof message?.content !== 'string' || message.content.length <= budget.maxMessageLength) return message;
    changed = true;
    return { ...message, content: truncateText(message.content, budget.maxMessageLength) };
  });
  let omitted = 0;
  if (messages.length > budget.maxMessages) {
    const keep = Math.max(0, budget.maxMessages - 2);
    omitted = messages.length - 1 - keep;
    messages = [messages[0]!, ...messages.slice(messages.length - keep)];
    changed = true;
  }

  const rest: EscalationContext = { ...context, messages: [] };
  const restBytes = utf8Length(JSON.stringify(rest));
  const restChars = stringChars(rest);
  if (restBytes > budget.maxBytes || restChars > budget.maxTotalLength) {
    throw new EscalationError('INVALID_CONTEXT', `context is too large to relay even without its messages (the limit is ${budget.maxBytes} bytes)`, {
      details: { path: '', reason: 'limit', limit: restBytes > budget.maxBytes ? 'maxBodyBytes' : 'maxTotalLength', max: restBytes > budget.maxBytes ? budget.maxBytes : budget.maxTotalLength },
    });
  }

  // Sizes per message, kept in step with `messages`: the JSON bytes (with the comma) and the characters.
  const bytesOf = (m: ChatMessage) => utf8Length(JSON.stringify(m)) + 1;
  const charsOf = (m: ChatMessage) => m.role.length + m.content.length + (m.createdAt?.length ?? 0);
  for (;;) {
    const withNote = omitted > 0 ? [messages[0]!, omittedNote(omitted), ...messages.slice(1)] : messages;
    let bytes = restBytes;
    let chars = restChars;
    for (const m of withNote) {
      bytes += bytesOf(m);
      chars += charsOf(m);
    }
    const overBytes = bytes - budget.maxBytes;
    const overChars = chars - budget.maxTotalLength;
    if (overBytes <= 0 && overChars <= 0) return changed ? { ...context, messages: withNote } : context;
    changed = true;
    if (messages.length > 2) {
      // Leave out the oldest messages after the first until the excess is covered (at least one).
      let freedBytes = 0;
      let freedChars = 0;
      let drop = 0;
      while (drop < messages.length - 2 && (freedBytes < overBytes + 128 || freedChars < overChars + 128)) {
        const m = messages[1 + drop]!;
        freedBytes += bytesOf(m);
        freedChars += charsOf(m);
        drop += 1;
      }
      messages = [messages[0]!, ...messages.slice(1 + drop)];
      omitted += drop;
      continue;
    }
    // One or two messages left: cut the longest by the excess, in characters at its own bytes per character.
    const index = messages.length === 2 && messages[1]!.content.length > messages[0]!.content.length ? 1 : 0;
    const target = messages[index];
    if (!target || target.content.length === 0) {
      throw new EscalationError('INVALID_CONTEXT', `context is too large to relay (the limit is ${budget.maxBytes} bytes)`, {
        details: { path: 'messages', reason: 'limit', limit: 'maxBodyBytes', max: budget.maxBytes },
      });
    }
    const perChar = utf8Length(JSON.stringify(target.content)) / target.content.length;
    const cut = Math.max(Math.ceil(overBytes / perChar), overChars) + 8;
    const length = Math.max(0, target.content.length - cut);
    messages = messages.map((m, i) => (i === index ? { ...m, content: length === 0 ? '' : truncateText(m.content, length) } : m));
  }
}

/** UTF-8 length of a string without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 2 units, 4 bytes
      i += 1;
    } else bytes += 2;
  }
  return bytes;
}

/** Characters of every string value and key; a little over what parseContext counts (it skips fixed keys), which is safe. */
function stringChars(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + stringChars(v), 0);
  if (typeof value === 'object' && value !== null) {
    let n = 0;
    for (const [key, v] of Object.entries(value)) n += key.length + stringChars(v);
    return n;
  }
  return 0;
}
