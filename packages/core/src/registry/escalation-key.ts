import type { EscalationContext } from '../context/types';

/**
 * The idempotency key of one escalation: the same option and conversation state (conversation
 * id, user, message count; the first message when there is no conversation id yet) always
 * give the same key, so a double click or a retried POST never makes two tickets where the
 * provider honours keys. Header-safe: `pe-` and 16 hex digits.
 */
export function escalationKey(context: EscalationContext, optionId: string): string {
  const user = context.user?.id ?? context.user?.email ?? '';
  const anchor = context.conversationId ?? `anon:${context.messages[0]?.content ?? context.page?.url ?? ''}`;
  return `pe-${fnv1a64([optionId, user, anchor, String(context.messages.length)].join('\u0000'))}`;
}

/** FNV-1a, 64 bits as two 32-bit halves (no BigInt, no crypto: sync and tiny). */
function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
