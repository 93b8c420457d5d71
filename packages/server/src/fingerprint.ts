import type { EscalationContext } from '@pillar/escalation-core';
import { sha256HexUtf16 } from './digest';

/**
 * The fingerprint of an escalation request: the hex SHA-256 of what makes it one escalation, the
 * same parts core's `escalationKey` derives a key from: the option, the user (`id`, else
 * `email`), the conversation id and every message (role, content, `createdAt`). It is stored
 * with the answer: the same idempotency key with another fingerprint answers 422. The page, the
 * reason, names and metadata do not count, so the same conversation escalated again from another
 * page (or a newer title) replays the first answer instead of being refused as a reused key.
 *
 * The parts are written one after the other, each with its length (`-` for none), and hashed as
 * UTF-16 code units: one encoding that no two different requests share (any string, lone
 * surrogates included), at about half the cost of hashing their canonical JSON.
 */
export function requestFingerprint(optionId: string, context: EscalationContext): string | Promise<string> {
  const { messages } = context;
  let text = `fingerprint/2\n${part(optionId)}${part(context.user?.id ?? context.user?.email)}${part(context.conversationId)}${messages.length}\n`;
  for (let i = 0; i < messages.length; i++) {
    const { role, content, createdAt } = messages[i]!;
    text += part(role) + part(content) + part(createdAt);
  }
  return sha256HexUtf16(text);
}

/** One part: its length in code units, `:` and itself; `-` when absent (null or undefined). */
function part(value: string | null | undefined): string {
  return value === null || value === undefined ? '-' : `${value.length}:${value}`;
}
