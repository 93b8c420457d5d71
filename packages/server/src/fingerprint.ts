import type { EscalationContext } from '@pillar/escalation-core';
import { sha256Hex } from './digest';

/**
 * The fingerprint of an escalation request: the hex SHA-256 of the canonical JSON of what makes
 * it one escalation, the same parts core's `escalationKey` derives a key from: the option, the
 * user (`id`, else `email`), the conversation id and every message (role, content,
 * `createdAt`). It is stored with the answer: the same idempotency key with another
 * fingerprint answers 422. The page, the reason, names and metadata do not count, so the same
 * conversation escalated again from another page (or a newer title) replays the first answer
 * instead of being refused as a reused key.
 */
export function requestFingerprint(optionId: string, context: EscalationContext): string | Promise<string> {
  return sha256Hex(
    canonicalJson({
      optionId,
      user: context.user?.id ?? context.user?.email ?? null,
      conversationId: context.conversationId,
      messages: context.messages.map(({ role, content, createdAt }) => [role, content, createdAt ?? null]),
    }),
  );
}

/** JSON with object keys sorted (JCS-like for the values `JSON.parse` produces). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
