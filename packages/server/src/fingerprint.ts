import { sha256Hex } from './digest';

/**
 * The fingerprint of an escalation request: the hex SHA-256 of the canonical JSON of
 * `{ optionId, context }` as the browser sent them (object keys sorted at every level, so the
 * same request serialized in another key order has the same fingerprint). It is stored with
 * the answer: the same idempotency key with another fingerprint answers 422.
 */
export function requestFingerprint(optionId: string, context: unknown): string | Promise<string> {
  return sha256Hex(canonicalJson({ optionId, context }));
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
