/**
 * The tag that stamps an escalation key on a ticket: `pillar` and 24 hex digits of the key's
 * SHA-256. Any key (a caller may pass its own, with any characters) becomes a short tag of
 * letters and digits that Freshdesk stores and matches as it is.
 */
export async function keyTag(idempotencyKey: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(idempotencyKey));
  let hex = '';
  for (const byte of new Uint8Array(digest).subarray(0, 12)) hex += byte.toString(16).padStart(2, '0');
  return `pillar${hex}`;
}
