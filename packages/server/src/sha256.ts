// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, synchronous and dependency-free: the web's
// crypto.subtle is async and, on Node, costs tens of microseconds per call through a worker
// hop, which matters on the relay's hot path. Only used to derive idempotency keys.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const encoder = new TextEncoder();
const W = new Uint32Array(64);
const H = new Int32Array(8);
/** Reused for inputs up to 247 bytes (the relay's keys), so a digest allocates nothing but its result. */
const SCRATCH = new Uint8Array(256);
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The hex digest of `text` (UTF-8). */
export function sha256Hex(text: string): string {
  // Worst case 3 bytes per UTF-16 unit, plus the padding.
  const small = text.length * 3 + 9 <= SCRATCH.length;
  const buffer = small ? SCRATCH : new Uint8Array(Math.ceil((text.length * 3 + 9) / 64) * 64);
  const length = encoder.encodeInto(text, buffer).written;
  // Message, a 1 bit, zeros, and the bit length in 64 bits: a multiple of 64 bytes.
  const total = Math.ceil((length + 9) / 64) * 64;
  buffer.fill(0, length, total);
  buffer[length] = 0x80;
  const bits = length * 8;
  const high = Math.floor(bits / 0x1_0000_0000);
  buffer[total - 8] = high >>> 24;
  buffer[total - 7] = high >>> 16;
  buffer[total - 6] = high >>> 8;
  buffer[total - 5] = high;
  buffer[total - 4] = bits >>> 24;
  buffer[total - 3] = bits >>> 16;
  buffer[total - 2] = bits >>> 8;
  buffer[total - 1] = bits;

  H[0] = 0x6a09e667; H[1] = 0xbb67ae85; H[2] = 0x3c6ef372; H[3] = 0xa54ff53a;
  H[4] = 0x510e527f; H[5] = 0x9b05688c; H[6] = 0x1f83d9ab; H[7] = 0x5be0cd19;
  for (let offset = 0; offset < total; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const i = offset + t * 4;
      W[t] = (buffer[i]! << 24) | (buffer[i + 1]! << 16) | (buffer[i + 2]! << 8) | buffer[i + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const a = W[t - 15]!, b = W[t - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
    }
    let a: number = H[0]!, b: number = H[1]!, c: number = H[2]!, d: number = H[3]!;
    let e: number = H[4]!, f: number = H[5]!, g: number = H[6]!, h: number = H[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] = H[0]! + a; H[1] = H[1]! + b; H[2] = H[2]! + c; H[3] = H[3]! + d;
    H[4] = H[4]! + e; H[5] = H[5]! + f; H[6] = H[6]! + g; H[7] = H[7]! + h;
  }
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const word = H[i]!;
    hex += HEX[(word >>> 24) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  return hex;
}
