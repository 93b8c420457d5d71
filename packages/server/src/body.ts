/** Why a body could not be read. */
/** Why a body could not be read: over the limit, a broken stream, not UTF-8, or not all there by the deadline. */
export type BodyFailure = 'too-large' | 'unreadable' | 'not-utf8' | 'timeout';

const decoder = new TextDecoder('utf-8', { fatal: true });
const EMPTY = new Uint8Array(0);

/**
 * Reads a request body as UTF-8 text, at most `maxBytes` of it. A declared `Content-Length`
 * over the limit is refused before reading anything; a streamed body stops being read (and is
 * cancelled) as soon as it passes the limit, so an endless or huge body never sits in memory.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string | BodyFailure> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const length = Number(declared);
    if (Number.isFinite(length) && length > maxBytes) return 'too-large';
  }
  const stream = request.body;
  if (!stream) return '';
  const reader = stream.getReader();
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      // Most bodies arrive in one chunk: keep it without copying.
      if (first === undefined) first = value;
      else (chunks ??= [first]).push(value);
    }
  } catch (error) {
    return (error as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timeout' : 'unreadable';
  } finally {
    reader.releaseLock();
  }
  return decodeUtf8(chunks ? concat(chunks, size) : (first ?? EMPTY));
}

/** Strict UTF-8 (a BOM is dropped), or `not-utf8`. */
export function decodeUtf8(bytes: Uint8Array): string | 'not-utf8' {
  try {
    return decoder.decode(bytes);
  } catch {
    return 'not-utf8';
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
