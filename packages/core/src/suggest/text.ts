/** One word of a message: its folded form (for matching) and where it sits in the original text (for evidence). */
export interface Token {
  /** Lower case, accents removed: `Möchte` → `mochte`. */
  word: string;
  start: number;
  end: number;
  /** Index of the clause within the sentence: commas, colons and dashes start a new one. */
  clause: number;
  /** Inside quotation marks: the user quotes words (a button label, a phrase their bot must know) rather than saying them. */
  quoted?: boolean;
  /** Lexicon words one typo away (`persn` → `person`), when there are any. */
  near?: readonly string[];
}

/** Lower case without diacritics, so phrases match `atención` and `atencion`, `não` and `nao`. */
export function fold(word: string): string {
  // Most words are ASCII: nothing to strip.
  return /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Splits a message into sentences of words. Punctuation and apostrophes separate words
 * (`don't` → `don t`, `quelqu'un` → `quelqu un`), and a phrase never spans two sentences, so a
 * "no" in one sentence cannot negate a request in the next.
 */
export function sentences(text: string): Token[][] {
  const result: Token[][] = [];
  let current: Token[] = [];
  let clause = 0;
  let quoted = false;
  // A word; a sentence end (. ! ? ; or a line break, followed by space or the end, so "4.2" stays
  // one sentence); or a clause break (, : and dashes), which bounds a negation ("No, I want a human").
  for (const match of text.matchAll(/[\p{L}\p{N}]+|["\u201C\u201D\u201E\u00AB\u00BB]|[.!?;]+(?=\s|$)|\n|[,:\u2013\u2014]|\s-\s/gu)) {
    const value = match[0];
    const start = match.index ?? 0;
    if (/^["\u201C\u201D\u201E\u00AB\u00BB]$/u.test(value)) {
      // Quotes open and close in turn, whatever their shape; a line break ends a forgotten one.
      quoted = !quoted;
    } else if (/^[\p{L}\p{N}]/u.test(value)) {
      current.push({ word: fold(value), start, end: start + value.length, clause, ...(quoted ? { quoted } : {}) });
    } else if (/^[,:\u2013\u2014]$|^\s-\s$/u.test(value)) {
      clause += 1;
    } else {
      if (value === '\n') quoted = false;
      if (current.length === 0) continue;
      result.push(current);
      current = [];
      clause = 0;
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** A test for folded words that start with one of the stems (space-separated; `$` ends a whole word): `stems('charg paid$')`. */
export const stems = (list: string): RegExp => new RegExp(`^(${list.replace(/ /g, '|')})`);
