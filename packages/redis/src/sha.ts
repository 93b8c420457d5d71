import { createHash } from 'node:crypto';

/** Hex digest of UTF-8 text (node:crypto: this package runs on servers only). */
export function sha256Hex(text: string, algorithm: 'sha1' | 'sha256' = 'sha256'): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}
