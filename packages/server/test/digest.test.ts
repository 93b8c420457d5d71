import { createHash, hash } from 'node:crypto';
import { nodeSha256, sha256Hex, sha256HexUtf16, utf16le, webSha256Hex } from '../src/digest';

const nodeDigest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  const inputs: [string, string][] = [
    ['empty', ''],
    ['abc', 'abc'],
    ['a scoped key', 'user:u1\nticket\nbench-123'],
    ['multi-byte text', 'user:ü€😀\nticket\npe-key'],
    ['a lone surrogate (encoded as U+FFFD)', 'user:\ud800\nticket\nk'],
    ['100,000 characters', 'x'.repeat(100_000)],
  ];

  it.each(inputs)('is synchronous under Node and matches node:crypto for %s', (_name, text) => {
    const digest = sha256Hex(text);
    expect(typeof digest).toBe('string');
    expect(digest).toBe(nodeDigest(text));
  });

  it.each(inputs)('with node:crypto\'s one-shot hash gives the same digest for %s', (_name, text) => {
    expect(nodeSha256({ hash, createHash: undefined })!(text)).toBe(nodeDigest(text));
  });

  it.each(inputs)('with only createHash (older runtimes) gives the same digest for %s', (_name, text) => {
    expect(nodeSha256({ createHash })!(text)).toBe(nodeDigest(text));
  });

  it('has no synchronous hash without node:crypto', () => {
    expect(nodeSha256(undefined)).toBeUndefined();
    expect(nodeSha256({})).toBeUndefined();
  });

  it.each(inputs)('through crypto.subtle (runtimes without node:crypto) gives the same digest for %s', async (_name, text) => {
    await expect(webSha256Hex(text)).resolves.toBe(nodeDigest(text));
  });
});

describe('sha256HexUtf16', () => {
  // Longer and shorter texts in turn (a reused buffer must never leak one into the next), and one past it.
  const texts = ['', 'abc', 'x'.repeat(10_000), 'Zahlung über 12 € 😀', 'lone \ud800 and \udc00', 'y'.repeat(40_000), 'ab'];

  it.each(texts)('hashes the UTF-16LE code units of %j, synchronously under Node', (text) => {
    const digest = sha256HexUtf16(text);
    expect(typeof digest).toBe('string');
    expect(digest).toBe(createHash('sha256').update(Buffer.from(text, 'utf16le')).digest('hex'));
  });

  it.each(texts)('encodes %j the same without Buffer (runtimes without node:buffer)', (text) => {
    expect(Buffer.from(utf16le(text, undefined)).equals(Buffer.from(text, 'utf16le'))).toBe(true);
  });

  it('with only createHash (older runtimes) gives the same digest', () => {
    const bytes = Buffer.from('Zahlung über 12 € 😀', 'utf16le');
    expect(nodeSha256({ createHash })!(bytes)).toBe(nodeSha256({ hash, createHash })!(bytes));
    expect(nodeSha256(undefined)).toBeUndefined();
  });
});
