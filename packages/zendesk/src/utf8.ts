/** Renders with a shrinking `maxLength` until the text fits `maxBytes` of UTF-8. Deterministic. */
export function fitUtf8(render: (maxLength: number) => string, maxBytes: number): string {
  let maxLength = maxBytes;
  for (let i = 0; i < 24 && maxLength > 0; i++) {
    const text = render(maxLength);
    const bytes = utf8Length(text);
    if (bytes <= maxBytes) return text;
    maxLength = Math.min(maxLength - 1, Math.floor((maxLength * maxBytes) / bytes));
  }
  return '';
}

/** UTF-8 size of a string, without allocating (lone surrogates count as the 3-byte replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
