import { EscalationError } from '@pillar/escalation-core';

/**
 * The token that stamps an escalation key on what Intercom stores: `pillar` and 24 hex digits
 * of the key's SHA-256. Letters and digits only, so Intercom's word search (`source.body ~`,
 * `description ~`) sees it as one word, whatever characters the key itself holds.
 */
export async function keyToken(idempotencyKey: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(idempotencyKey));
  let hex = '';
  for (const byte of new Uint8Array(digest).subarray(0, 12)) hex += byte.toString(16).padStart(2, '0');
  return `pillar${hex}`;
}

/** The line `deliver` appends to a body or description to carry the token. */
export function referenceLine(token: string): string {
  return `\n\nReference: ${token}`;
}

/** How many UTF-16 units {@link referenceLine} takes, reserved when the text is cut. */
export const REFERENCE_LINE_LENGTH = referenceLine(`pillar${'0'.repeat(24)}`).length;

/** The key, checked: a non-empty string (its token goes in the body). */
export function checkKey(idempotencyKey: unknown, adapter: string): string {
  if (typeof idempotencyKey !== 'string' || idempotencyKey === '') {
    throw new EscalationError('CONFIGURATION', `${adapter}: the idempotency key must be a non-empty string (its token is stamped on what Intercom creates)`);
  }
  return idempotencyKey;
}
