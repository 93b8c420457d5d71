/** One attribute of a scanned tag, its value with character references decoded. */
export interface ScannedAttribute {
  /** Lower-cased attribute name. */
  name: string;
  /** The value with character references decoded; `''` for a bare attribute. */
  value: string;
}

/** A start tag, end tag or markup declaration (`<!--`, `<!DOCTYPE`, `<?`) found in HTML. */
export interface ScannedTag {
  /** Lower-cased tag name; `!` for a comment or declaration, `?` for a processing instruction. */
  name: string;
  /** An end tag (`</p>`). */
  closing: boolean;
  /** The attributes in the order written. */
  attributes: ScannedAttribute[];
  /** Where the tag starts in the scanned string. */
  index: number;
  /** The tag as written (cut at 120 characters). */
  raw: string;
}

/**
 * A tiny tokenizer that finds what a browser would treat as markup: `<` followed by a letter
 * (start tag), `</` + letter (end tag), or `<!` / `<?` (comments and declarations). Everything
 * else is text. No DOM needed, linear in the input.
 */
export function scanTags(html: string): ScannedTag[] {
  const tags: ScannedTag[] = [];
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length - 1) {
    const next = html[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i + 2);
      const stop = end === -1 ? html.length : end + 1;
      tags.push({ name: next, closing: false, attributes: [], index: i, raw: html.slice(i, Math.min(stop, i + 120)) });
      i = html.indexOf('<', stop);
      continue;
    }
    const closing = next === '/';
    const nameStart = closing ? i + 2 : i + 1;
    if (!/[A-Za-z]/.test(html[nameStart] ?? '')) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    let j = nameStart;
    while (j < html.length && !/[\s/>]/.test(html[j] ?? '')) j += 1;
    const name = html.slice(nameStart, j).toLowerCase();
    const attributes: ScannedAttribute[] = [];
    // Attributes, as the HTML tokenizer reads them: whitespace and `/` separate them.
    while (j < html.length && html[j] !== '>') {
      const c = html[j] ?? '';
      if (/[\s/]/.test(c)) {
        j += 1;
        continue;
      }
      const attrStart = j;
      j += 1; // a name may start with `=`
      while (j < html.length && !/[\s/>=]/.test(html[j] ?? '')) j += 1;
      const attrName = html.slice(attrStart, j).toLowerCase();
      let k = j;
      while (k < html.length && /\s/.test(html[k] ?? '')) k += 1;
      let value = '';
      if (html[k] === '=') {
        k += 1;
        while (k < html.length && /\s/.test(html[k] ?? '')) k += 1;
        const quote = html[k];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, k + 1);
          const end = close === -1 ? html.length : close;
          value = html.slice(k + 1, end);
          j = end + 1;
        } else {
          const valueStart = k;
          while (k < html.length && !/[\s>]/.test(html[k] ?? '')) k += 1;
          value = html.slice(valueStart, k);
          j = k;
        }
      }
      attributes.push({ name: attrName, value: decodeEntities(value) });
    }
    const stop = Math.min(j + 1, html.length);
    tags.push({ name, closing, attributes, index: i, raw: html.slice(i, Math.min(stop, i + 120)) });
    i = html.indexOf('<', stop);
  }
  return tags;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' };

/** Decodes the character references an attacker uses to hide `javascript:` in an attribute. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Whether a string reads as HTML: it contains a start or end tag, or a comment. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[A-Za-z][^\s/>]*[\s/>]|<!--/.test(text);
}
