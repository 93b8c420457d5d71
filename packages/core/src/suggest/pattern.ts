import { fold, type Token } from './text';

/**
 * A phrase, compiled. Phrases are written as words separated by spaces:
 *
 * | syntax | matches |
 * |---|---|
 * | `refund` | the word (case and accents ignored) |
 * | `charg*` | any word starting with `charg` |
 * | `talk\|speak` | either word |
 * | `{person}` | any word of a lexicon group |
 * | `real?` | the slot is optional |
 * | `…` | up to three words of anything (`…5`: up to five) |
 */
export interface Phrase {
  source: string;
  slots: Slot[];
}

type Slot =
  | { kind: 'word'; words: ReadonlySet<string>; prefixes: readonly string[]; optional: boolean }
  | { kind: 'gap'; max: number };

/** Words in a group; a trailing `*` makes a prefix. */
export type Lexicon = Readonly<Record<string, readonly string[]>>;

const GAP = '…';
const GAP_WORDS = 3;

/** Compiles a phrase; an unknown `{group}` or an empty phrase is a programming error in the table. */
export function compilePhrase(source: string, lexicon: Lexicon): Phrase {
  const slots: Slot[] = source
    .trim()
    .split(/\s+/)
    .map((part): Slot => {
      if (part.startsWith(GAP)) {
        const max = part === GAP ? GAP_WORDS : Number(part.slice(GAP.length));
        if (!Number.isInteger(max) || max < 1) throw new Error(`suggest: phrase "${source}" has a bad gap "${part}"`);
        return { kind: 'gap', max };
      }
      const optional = part.endsWith('?');
      const alternatives = (optional ? part.slice(0, -1) : part).split('|').flatMap((alt) => {
        const group = /^\{(\w+)\}$/.exec(alt);
        if (!group) return [alt];
        const words = lexicon[group[1]!];
        if (!words) throw new Error(`suggest: phrase "${source}" uses an unknown group {${group[1]}}`);
        return words;
      });
      const words = new Set<string>();
      const prefixes: string[] = [];
      for (const alt of alternatives) {
        // Words are matched whole (or as a prefix with a trailing *): anything else in the table is a typo.
        if (!/^[\p{L}\p{N}]+\*?$/u.test(alt)) throw new Error(`suggest: phrase "${source}" has a bad word "${alt}"`);
        if (alt.endsWith('*')) prefixes.push(fold(alt.slice(0, -1)));
        else words.add(fold(alt));
      }
      return { kind: 'word', words, prefixes, optional };
    });
  if (slots.length === 0 || slots.every((slot) => slot.kind === 'gap' || slot.optional)) {
    throw new Error(`suggest: phrase "${source}" must have at least one required word`);
  }
  return { source, slots };
}

function accepts(slot: Extract<Slot, { kind: 'word' }>, word: string): boolean {
  return slot.words.has(word) || slot.prefixes.some((prefix) => word.startsWith(prefix));
}

/** The end (exclusive) of a match of `slots[si..]` starting at `tokens[ti]`, or -1. */
function matchFrom(slots: readonly Slot[], si: number, tokens: readonly Token[], ti: number): number {
  if (si === slots.length) return ti;
  const slot = slots[si]!;
  if (slot.kind === 'gap') {
    for (let skip = 0; skip <= slot.max && ti + skip <= tokens.length; skip++) {
      const end = matchFrom(slots, si + 1, tokens, ti + skip);
      if (end !== -1) return end;
    }
    return -1;
  }
  if (ti < tokens.length && accepts(slot, tokens[ti]!.word)) {
    const end = matchFrom(slots, si + 1, tokens, ti + 1);
    if (end !== -1) return end;
  }
  return slot.optional ? matchFrom(slots, si + 1, tokens, ti) : -1;
}

/** A match: token indexes `[start, end)` in the sentence. */
export interface PhraseMatch {
  start: number;
  end: number;
}

/** The first match of the phrase in a sentence (a match never starts with a gap or a skipped optional word). */
export function findPhrase(phrase: Phrase, tokens: readonly Token[]): PhraseMatch | undefined {
  for (let start = 0; start < tokens.length; start++) {
    const end = matchFrom(phrase.slots, 0, tokens, start);
    if (end > start) return { start, end };
  }
  return undefined;
}
