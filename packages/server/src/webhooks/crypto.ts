// Signature checks with WebCrypto only (every runtime the handler runs on). `crypto.subtle.verify`
// compares the MAC in constant time inside the engine; the shared-secret check hashes both sides
// first, so the comparison always runs over 32 bytes whatever was sent.

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string, hash: 'SHA-1' | 'SHA-256'): Promise<CryptoKey> {
  const id = `${hash}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign', 'verify']);
    // A handful of secrets per process: keep their keys.
    if (keys.size < 64) keys.set(id, key);
  }
  return key;
}

/** Whether `mac` is the HMAC of `message` under `secret` (constant-time, by `crypto.subtle.verify`). */
export async function verifyHmac(hash: 'SHA-1' | 'SHA-256', secret: string, message: string, mac: Uint8Array): Promise<boolean> {
  const key = await hmacKey(secret, hash);
  return crypto.subtle.verify('HMAC', key, mac as Uint8Array<ArrayBuffer>, encoder.encode(message));
}

/** Bytes of a lower- or upper-case hex string, or `undefined` when it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Bytes of standard base64 (padding optional), or `undefined` when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Whether two secrets are equal, in time that does not depend on where they differ. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([crypto.subtle.digest('SHA-256', encoder.encode(given)), crypto.subtle.digest('SHA-256', encoder.encode(expected))]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/** Hex SHA-256 of UTF-8 text: an event id for bodies that carry none. */
export async function bodyDigest(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
