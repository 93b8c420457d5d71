import { createHash } from 'node:crypto';
import { sha256Hex } from '../src/sha256';

describe('sha256Hex', () => {
  it.each([
    ['empty', ''],
    ['abc', 'abc'],
    ['55 bytes (one block with the length)', 'a'.repeat(55)],
    ['56 bytes (the length spills into a second block)', 'a'.repeat(56)],
    ['64 bytes', 'a'.repeat(64)],
    ['multi-byte text', 'user:ü€😀\nticket\npe-key'],
    ['more than the reused buffer', 'k'.repeat(1_000)],
    ['100,000 characters', 'x'.repeat(100_000)],
  ])('matches node:crypto for %s', (_name, text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('gives the same digest again after a longer input used a bigger buffer', () => {
    const first = sha256Hex('user:u1\nticket\nk');
    sha256Hex('y'.repeat(5_000));
    expect(sha256Hex('user:u1\nticket\nk')).toBe(first);
  });
});
