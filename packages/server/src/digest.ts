// SHA-256 from the platform, for the provider's idempotency keys. node:crypto is synchronous
// and about 0.5 µs a key with its one-shot `hash` (1 µs with `createHash`, which also leaves a
// native Hash object per call for the garbage collector); crypto.subtle.digest is async and, on
// Node, costs some 25 µs of CPU a call (a thread-pool hop), which the relay would pay on every
// escalation. So: Node's hash where the runtime has one (Node 20.16+, Deno, Bun, Workers with
// nodejs_compat, found through process.getBuiltinModule, so bundles for edge runtimes import
// nothing from Node), else the web's.

interface NodeHash {
  update(data: string | Uint8Array, encoding?: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}

/** The parts of node:crypto used here: `hash` (Node 20.12+, 21.7+) and `createHash`. */
export interface NodeCryptoHashing {
  hash?: unknown;
  createHash?: unknown;
}

/**
 * A synchronous hex SHA-256 from node:crypto's one-shot `hash`, else `createHash`; `undefined`
 * without either. A string is hashed as UTF-8, bytes as they are.
 */
export function nodeSha256(module: NodeCryptoHashing | undefined): ((data: string | Uint8Array) => string) | undefined {
  const oneShot = module?.hash;
  if (typeof oneShot === 'function') {
    const hash = oneShot as (algorithm: 'sha256', data: string | Uint8Array, encoding: 'hex') => string;
    return (data) => hash('sha256', data, 'hex');
  }
  const createHash = module?.createHash;
  if (typeof createHash === 'function') {
    const make = createHash as (algorithm: 'sha256') => NodeHash;
    return (data) => (typeof data === 'string' ? make('sha256').update(data, 'utf8') : make('sha256').update(data)).digest('hex');
  }
  return undefined;
}

function nodeCrypto(): NodeCryptoHashing | undefined {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return runtime?.getBuiltinModule?.('node:crypto') as NodeCryptoHashing | undefined;
  } catch {
    return undefined;
  }
}

const nodeModule = nodeCrypto();
const nodeHex = nodeSha256(nodeModule);
const encoder = new TextEncoder();
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The SHA-256 hex digest of `text` (UTF-8): synchronous where the runtime has node:crypto. */
export function sha256Hex(text: string): string | Promise<string> {
  return nodeHex ? nodeHex(text) : webSha256Hex(text);
}

/** The same digest through `crypto.subtle` (every runtime with web crypto). */
export async function webSha256Hex(text: string): Promise<string> {
  return webDigestHex(encoder.encode(text));
}

/**
 * The SHA-256 hex digest of `text`'s UTF-16LE code units: every JS string, lone surrogates
 * included, has its own bytes (UTF-8 would turn each lone surrogate into U+FFFD), and a string
 * that V8 holds as two-byte text is copied, not transcoded. Synchronous where the runtime has
 * node:crypto.
 */
export function sha256HexUtf16(text: string): string | Promise<string> {
  if (nodeHex && scratch && text.length <= MAX_SCRATCH_UNITS) {
    // Copied into one reused buffer and hashed at once (synchronous: nothing else can use it
    // between the two), sparing an allocation per request.
    const size = text.length * 2;
    scratch.write(text, 0, size, 'utf16le');
    return nodeHex(scratch.subarray(0, size));
  }
  const bytes = utf16le(text);
  return nodeHex ? nodeHex(bytes) : webDigestHex(bytes);
}

/** Longest text (UTF-16 code units) hashed through the reused buffer: 64 KiB of it. */
const MAX_SCRATCH_UNITS = 32_768;

/** `text` as UTF-16LE bytes: `Buffer`'s native copy where there is one, else code unit by code unit. */
export function utf16le(text: string, buffer: { from(text: string, encoding: 'utf16le'): Uint8Array } | undefined = nodeBuffer): Uint8Array {
  if (buffer) return buffer.from(text, 'utf16le');
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  return bytes;
}

interface NodeBufferClass {
  from(text: string, encoding: 'utf16le'): Uint8Array;
  allocUnsafeSlow(size: number): Uint8Array & { write(text: string, offset: number, length: number, encoding: 'utf16le'): number };
}

const nodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;
const scratch = nodeBuffer?.allocUnsafeSlow(MAX_SCRATCH_UNITS * 2);

async function webDigestHex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += HEX[byte]!;
  return hex;
}
