import { fold, type Token } from './text';

/**
 * A phrase, compiled. Phrases are written as words separated by spaces:
 *
 * | syntax | matches |
 * |---|---|
 * | `refund` | the word (case and accents ignored) |
 * | `charg*` | any word starting with `charg` |
 * | `talk\|speak` | either word |
 * | `fed_up\|tired` | `fed up` (two words in a row) or `tired` |
 * | `{person}` | any word of a lexicon group |
 * | `real?` | the slot is optional |
 * | `…` | up to three words of anything (`…5`: up to five) |
 *
 * Words that come from a `{group}` and have at least `FUZZY_MIN_LENGTH` letters also match a
 * word one typo away that starts with the same letter (`persn`, `reprasentative`, `custmer`):
 * see `nearWords`. Words written out in the phrase match exactly, so `locked out` never matches
 * `looked out`.
 */
export interface Phrase {
  source: string;
  slots: Slot[];
}

type Slot =
  | { kind: 'word'; words: ReadonlySet<string>; prefixes: readonly string[]; fuzzy: ReadonlySet<string>; sequences: readonly (readonly string[])[]; optional: boolean }
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
        if (!group) return [{ alt, grouped: false }];
        const words = lexicon[group[1]!];
        if (!words) throw new Error(`suggest: phrase "${source}" uses an unknown group {${group[1]}}`);
        return words.map((word) => ({ alt: word, grouped: true }));
      });
      const words = new Set<string>();
      const fuzzy = new Set<string>();
      const prefixes: string[] = [];
      const sequences: string[][] = [];
      for (const { alt, grouped } of alternatives) {
        if (alt.includes('_')) {
          const sequence = alt.split('_');
          if (!sequence.every((word) => /^[\p{L}\p{N}]+$/u.test(word))) throw new Error(`suggest: phrase "${source}" has a bad word "${alt}"`);
          sequences.push(sequence.map(fold));
          continue;
        }
        // Words are matched whole (or as a prefix with a trailing *): anything else in the table is a typo.
        if (!/^[\p{L}\p{N}]+\*?$/u.test(alt)) throw new Error(`suggest: phrase "${source}" has a bad word "${alt}"`);
        if (alt.endsWith('*')) prefixes.push(fold(alt.slice(0, -1)));
        else {
          const word = fold(alt);
          words.add(word);
          if (grouped && word.length >= FUZZY_MIN_LENGTH) fuzzy.add(word);
        }
      }
      return { kind: 'word', words, prefixes, fuzzy, sequences, optional };
    });
  if (slots.length === 0 || slots.every((slot) => slot.kind === 'gap' || slot.optional)) {
    throw new Error(`suggest: phrase "${source}" must have at least one required word`);
  }
  return { source, slots };
}

function accepts(slot: Extract<Slot, { kind: 'word' }>, token: Token): boolean {
  const { word, near } = token;
  if (slot.words.has(word) || slot.prefixes.some((prefix) => word.startsWith(prefix))) return true;
  if (near) for (const candidate of near) if (slot.fuzzy.has(candidate)) return true;
  return false;
}

/** Group words this long or longer tolerate one typo. */
export const FUZZY_MIN_LENGTH = 5;

/** The words of every `{group}` in the lexicon that tolerate a typo. */
export function fuzzyVocabulary(lexicon: Lexicon): Set<string> {
  const vocabulary = new Set<string>();
  for (const words of Object.values(lexicon)) {
    for (const word of words) if (!word.endsWith('*') && word.length >= FUZZY_MIN_LENGTH) vocabulary.add(fold(word));
  }
  return vocabulary;
}

/** `word` and every string it gives with one letter left out. */
function deletions(word: string): string[] {
  const result = [word];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}

/** One insertion, deletion, substitution or swap of neighbours turns `a` into `b`. */
function oneTypo(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (a.length === b.length) return restA.slice(1) === restB.slice(1) || (restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2));
  return a.length > b.length ? restA.slice(1) === restB : restA === restB.slice(1);
}

/**
 * Finds the vocabulary words one typo from a word (same first letter, at least
 * `FUZZY_MIN_LENGTH` letters): `persn` → `person`, `reprasentative` → `representative`.
 * Built once from the vocabulary (a symmetric-deletion index); answers are cached.
 */
export function nearWords(vocabulary: ReadonlySet<string>): (word: string) => readonly string[] | undefined {
  const index = new Map<string, string[]>();
  for (const word of vocabulary) {
    for (const key of deletions(word)) {
      const list = index.get(key);
      if (list) list.push(word);
      else index.set(key, [word]);
    }
  }
  const cache = new Map<string, readonly string[] | undefined>();
  return (word) => {
    if (word.length < FUZZY_MIN_LENGTH - 1 || vocabulary.has(word)) return undefined;
    if (cache.has(word)) return cache.get(word);
    const found = new Set<string>();
    for (const key of deletions(word)) {
      for (const candidate of index.get(key) ?? []) if (candidate[0] === word[0] && oneTypo(word, candidate)) found.add(candidate);
    }
    const result = found.size > 0 ? [...found] : undefined;
    // Bounded: a long-lived page sees many words.
    if (cache.size >= 5_000) cache.clear();
    cache.set(word, result);
    return result;
  };
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
  if (ti < tokens.length && accepts(slot, tokens[ti]!)) {
    const end = matchFrom(slots, si + 1, tokens, ti + 1);
    if (end !== -1) return end;
  }
  for (const sequence of slot.sequences) {
    if (ti + sequence.length <= tokens.length && sequence.every((word, k) => tokens[ti + k]!.word === word)) {
      const end = matchFrom(slots, si + 1, tokens, ti + sequence.length);
      if (end !== -1) return end;
    }
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
