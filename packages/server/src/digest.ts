// SHA-256 from the platform, for the provider's idempotency keys. node:crypto's createHash is
// synchronous and about 1 µs a key; crypto.subtle.digest is async and, on Node, costs some 25 µs
// of CPU a call (a thread-pool hop), which the relay would pay on every escalation. So: Node's
// hash where the runtime has one (Node 20.16+, Deno, Bun, Workers with nodejs_compat, found
// through process.getBuiltinModule, so bundles for edge runtimes import nothing from Node),
// else the web's.

interface NodeHash {
  update(data: string, encoding: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}

type CreateHash = (algorithm: 'sha256') => NodeHash;

function findCreateHash(): CreateHash | undefined {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const module = runtime?.getBuiltinModule?.('node:crypto') as { createHash?: unknown } | undefined;
    return typeof module?.createHash === 'function' ? (module.createHash as CreateHash) : undefined;
  } catch {
    return undefined;
  }
}

const createHash = findCreateHash();
const encoder = new TextEncoder();
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The SHA-256 hex digest of `text` (UTF-8): synchronous where the runtime has node:crypto. */
export function sha256Hex(text: string): string | Promise<string> {
  return createHash ? createHash('sha256').update(text, 'utf8').digest('hex') : webSha256Hex(text);
}

/** The same digest through `crypto.subtle` (every runtime with web crypto). */
export async function webSha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += HEX[byte]!;
  return hex;
}
