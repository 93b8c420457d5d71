import { sentences, type Token } from './text';

/** One message of the conversation as the model reads it. */
export interface ModelMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A sentence and the hashed features it contributes (`sentenceFeatures`, read only for the evidence). */
export interface SentenceFeatures {
  /** The sentence's words, with where they sit in their message's text. */
  tokens: Token[];
  /** Hashed features (see `featureHash`). */
  hashes: number[];
  /** The readable word features, for `signals` (no character n-grams). */
  words: string[];
}

/** A message and its features: the model scores each message, and a conversation by its strongest message per reason. */
export interface MessageFeatures {
  role: 'user' | 'assistant';
  text: string;
  /** The message's sentences as words; their features, when needed, come from `sentenceFeatures`. */
  sentences: Token[][];
  /** Every feature of the message once (the model reads presence, not counts). */
  hashes: number[];
  /** The value of each feature: fewer features, each weighs more (see `FeatureOptions.norm`). */
  value: number;
}

/** What the model reads from a conversation. */
export interface ConversationFeatures {
  messages: MessageFeatures[];
  /** Features of the whole conversation: the user's last message read apart, its length, a repeated question. */
  global: number[];
  /** The user message that repeats an earlier question, if any. */
  repeat?: number;
}

/** Feature options; the defaults are what the shipped model was trained with. */
export interface FeatureOptions {
  /** Character n-gram lengths within words (for typos and inflections). */
  charMin: number;
  charMax: number;
  /** Also read the user's last message apart (for "thanks, that worked"). */
  last: boolean;
  /** A message with n features gives each the value min(1, 32/n)^norm: 0 counts presence only. */
  norm: number;
}

export const FEATURE_DEFAULTS: FeatureOptions = { charMin: 3, charMax: 5, last: true, norm: 0.5 };

/** Hash space: 2^18 buckets; the model keeps the few thousand that matter. */
export const HASH_BITS = 18;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `text` continued from the state `h` (so a prefix is hashed once for all the names that share it). */
function extend(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Folds an FNV-1a state to `HASH_BITS`. */
const bucket = (h: number): number => (h >>> 0) >>> (32 - HASH_BITS);

/** FNV-1a over UTF-16 code units, folded to `HASH_BITS`. Stable across platforms. */
export function featureHash(feature: string): number {
  return bucket(extend(FNV_OFFSET, feature));
}

/** Words that negate what follows in their clause: "don't (need a human)", "nicht", "ne … pas", "não". */
export const NEGATION = new Set('not no never t n dont didnt doesnt cant cannot wont nicht kein keine keinen nie niemals ohne pas ne jamais sans aucun nunca nada sin tampoco nao nem sem nenhum non mai senza nessuno nessun'.split(' '));
/** How many words after a negation it reaches. */
const NEGATION_REACH = 4;
/** A later user message that contains this share of an earlier one's words (of at least 3) repeats it. */
const REPEAT_CONTAINMENT = 0.8;

/**
 * Words that say the conversation is about someone else's problem or about building something:
 * the user's own customers (after "my", "our", "unsere", "mes", "nuestros", "meus", "nostri", …),
 * bot building, on-call alerting. A user message with one adds a conversation feature per kind
 * (`c:own`, `c:bot`, `c:oncall`), which the model weighs against every reason.
 */
const OWNERS = new Set('my our mine ours unsere unser unseren unserer meine meinen meiner mes nos notre mis nuestros nuestras nuestro meus minhas nossos nossas nosso miei mie nostri nostre nostro'.split(' '));
export const OWNED = /^(customers?|clients?|users?|buyers?|patients?|members?|subscribers?|guests?|students?|shoppers?|kunden|kundinnen|nutzer|nutzern|patienten|mitglieder|clientes?|usuarios?|utilisateurs?|usagers?|abonnes|acheteurs|membres|pacientes?|compradores|utenti|clienti|pazienti|iscritti|ospiti|alunni|eleves|alumnos)$/;
const CUES: ReadonlyArray<[string, RegExp]> = [
  ['bot', /^(bot|bots|chatbot|chatbots|intent|intents|handoff|handover|widget|flow|flows|fallback|prompt|prompts|nlu|llm)$/],
  ['oncall', /^(oncall|on-call|pager|pagerduty|opsgenie|alert|alerts|alerting|alarm|alarme|alarmes|alertas?|avvisi|sev1|sev2|escalation|escalations|bereitschaft|astreinte|guardia|plantao|reperibilita|runbook|incident|incidents)$/],
];

/** Digits become `#` after the first: "503" and "500" both read `5##`, a year `2###`. */
const shape = (word: string): string => (/\d\d/.test(word) ? word.replace(/(?<=\d)\d/g, '#') : word);

/**
 * Which buckets a message has already emitted: `marks[h] === mark` (one byte per bucket, 256 KB,
 * made on first use). Each message takes the next mark, so nothing is cleared between messages
 * but once every 255.
 */
let marks: Uint8Array | undefined;
let lastMark = 0;

function nextMark(): number {
  marks ??= new Uint8Array(1 << HASH_BITS);
  if (lastMark === 255) {
    marks.fill(0);
    lastMark = 0;
  }
  return ++lastMark;
}

/**
 * Reads one sentence: calls `emit` with the hash of each feature (word features also with their
 * name when `named`), and `onWord` with each word and its negation mark. Hashes continue FNV-1a
 * from shared prefixes, so no feature name is built unless asked for.
 */
function readSentence(
  r: 'u' | 'a',
  tokens: readonly Token[],
  first: boolean,
  options: FeatureOptions,
  named: boolean,
  emit: (hash: number, name?: string) => void,
  onWord?: (word: string, not: string) => void,
): void {
  if (first) emit(featureHash(`${r}^`), named ? `${r}^` : undefined);
  const gramPrefix = extend(FNV_OFFSET, `${r}#`);
  let negated = -1;
  let clause = -1;
  let previous = '^';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = shape(token.word);
    if (token.clause !== clause) {
      clause = token.clause;
      negated = -1;
      previous = ',';
    }
    const q = token.quoted ? 'q' : '';
    const not = negated >= 0 && i - negated <= NEGATION_REACH ? '!' : '';
    const tag = `${r}${q}${not}:`;
    const head = extend(FNV_OFFSET, tag);
    emit(bucket(extend(head, word)), named ? tag + word : undefined);
    emit(bucket(extend(extend(head, `${previous} `), word)), named ? `${tag}${previous} ${word}` : undefined);
    onWord?.(word, not);
    if (!q) {
      const padded = `<${word}>`;
      for (let s = 0; s + options.charMin <= padded.length; s++) {
        let h = gramPrefix;
        for (let n = 1; n <= options.charMax && s + n <= padded.length; n++) {
          h = Math.imul(h ^ padded.charCodeAt(s + n - 1), FNV_PRIME);
          if (n >= options.charMin) emit(bucket(h));
        }
      }
    }
    if (NEGATION.has(token.word)) negated = i;
    previous = word;
  }
}

/** The features of one sentence of a message (each once), with the readable word features: for the evidence and its signals. */
export function sentenceFeatures(message: Pick<MessageFeatures, 'role' | 'sentences'>, index: number, options: FeatureOptions = FEATURE_DEFAULTS): SentenceFeatures {
  const tokens = message.sentences[index]!;
  const own = new Set<number>();
  const hashes: number[] = [];
  const words: string[] = [];
  readSentence(message.role === 'user' ? 'u' : 'a', tokens, index === 0, options, true, (h, name) => {
    if (own.has(h)) return;
    own.add(h);
    hashes.push(h);
    if (name !== undefined) words.push(name);
  });
  return { tokens, hashes, words };
}

/**
 * The features of a conversation: per message, word unigrams and bigrams (marked when a negation
 * precedes them in the clause, or when they sit in quotation marks) and character n-grams within
 * words, all tagged with who said them; for the whole conversation, the user's last message
 * read apart, how long it is, and whether a user repeats an earlier question.
 */
export function conversationFeatures(messages: readonly ModelMessage[], options: FeatureOptions = FEATURE_DEFAULTS): ConversationFeatures {
  const result: MessageFeatures[] = [];
  const global = new Set<string>();
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  const asked: Set<string>[] = [];
  let repeat: number | undefined;
  messages.forEach(({ role, content }, message) => {
    const r = role === 'user' ? 'u' : 'a';
    const parts = sentences(content);
    const hashes: number[] = [];
    const mark = nextMark();
    const emit = (h: number): void => {
      if (marks![h] !== mark) {
        marks![h] = mark;
        hashes.push(h);
      }
    };
    const onWord = options.last && message === lastUser ? (word: string, not: string) => global.add(`L${not}:${word}`) : undefined;
    parts.forEach((tokens, index) => readSentence(r, tokens, index === 0, options, false, emit, onWord));
    const value = Math.min(1, 32 / Math.max(1, hashes.length)) ** options.norm;
    result.push({ role, text: content, sentences: parts, hashes, value });
    if (role === 'user') {
      for (const tokens of parts) {
        tokens.forEach((token, i) => {
          if (i > 0 && OWNED.test(token.word) && OWNERS.has(tokens[i - 1]!.word)) global.add('c:own');
          for (const [kind, pattern] of CUES) if (pattern.test(token.word)) global.add(`c:${kind}`);
        });
      }
    }
    if (role === 'user' && repeat === undefined) {
      const words = new Set(parts.flat().map((t) => t.word));
      for (const earlier of asked) {
        if (earlier.size < 3) continue;
        let shared = 0;
        for (const word of earlier) if (words.has(word)) shared += 1;
        if (shared / earlier.size >= REPEAT_CONTAINMENT) {
          repeat = message;
          break;
        }
      }
      asked.push(words);
    }
  });
  const users = messages.filter((m) => m.role === 'user').length;
  global.add(`n:${Math.min(users, 4)}`);
  global.add(`m:${Math.min(messages.length, 8)}`);
  if (repeat !== undefined) global.add('s:repeat');
  return { messages: result, global: [...global].map(featureHash), ...(repeat !== undefined ? { repeat } : {}) };
}
