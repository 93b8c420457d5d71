// SHA-256 from the platform, for the provider's idempotency keys. node:crypto is synchronous
// and about 0.5 µs a key with its one-shot `hash` (1 µs with `createHash`, which also leaves a
// native Hash object per call for the garbage collector); crypto.subtle.digest is async and, on
// Node, costs some 25 µs of CPU a call (a thread-pool hop), which the relay would pay on every
// escalation. So: Node's hash where the runtime has one (Node 20.16+, Deno, Bun, Workers with
// nodejs_compat, found through process.getBuiltinModule, so bundles for edge runtimes import
// nothing from Node), else the web's.

interface NodeHash {
  update(data: string, encoding: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}

/** The parts of node:crypto used here: `hash` (Node 20.12+, 21.7+) and `createHash`. */
export interface NodeCryptoHashing {
  hash?: unknown;
  createHash?: unknown;
}

/** A synchronous hex SHA-256 from node:crypto's one-shot `hash`, else `createHash`; `undefined` without either. */
export function nodeSha256(module: NodeCryptoHashing | undefined): ((text: string) => string) | undefined {
  const oneShot = module?.hash;
  if (typeof oneShot === 'function') {
    const hash = oneShot as (algorithm: 'sha256', data: string, encoding: 'hex') => string;
    return (text) => hash('sha256', text, 'hex');
  }
  const createHash = module?.createHash;
  if (typeof createHash === 'function') {
    const make = createHash as (algorithm: 'sha256') => NodeHash;
    return (text) => make('sha256').update(text, 'utf8').digest('hex');
  }
  return undefined;
}

function findNodeSha256(): ((text: string) => string) | undefined {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return nodeSha256(runtime?.getBuiltinModule?.('node:crypto') as NodeCryptoHashing | undefined);
  } catch {
    return undefined;
  }
}

const nodeHex = findNodeSha256();
const encoder = new TextEncoder();
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The SHA-256 hex digest of `text` (UTF-8): synchronous where the runtime has node:crypto. */
export function sha256Hex(text: string): string | Promise<string> {
  return nodeHex ? nodeHex(text) : webSha256Hex(text);
}

/** The same digest through `crypto.subtle` (every runtime with web crypto). */
export async function webSha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += HEX[byte]!;
  return hex;
}
