import type { ChatMessage, EscalationContext, EscalationReason } from '../context/types';
import { EscalationError } from '../errors';
import { compilePhrase, findPhrase, fuzzyVocabulary, nearWords, type Phrase } from './pattern';
import {
  DECLINED_PENALTY,
  LEXICON,
  NEGATION_WINDOW,
  NEGATIONS,
  REASON_PRECEDENCE,
  REPEATED_QUESTION_WEIGHT,
  RESOLVED_FACTOR,
  SIGNALS,
  SUGGEST_THRESHOLD,
  type Signal,
  type SignalKind,
} from './signals';
import { sentences, type Token } from './text';
import type { ContextIssue } from '../context/issue';

/** What `suggestEscalation` concludes. */
export interface SuggestResult {
  /** Whether to offer the user a human now. */
  suggest: boolean;
  /** Why, when `suggest` is true. `human_requested` wins when the user plainly asked for a person. */
  reason?: Exclude<EscalationReason, 'other'>;
  /**
   * How strong the case for a human is, from 0 to 1 (two decimals). `suggest` is true exactly when
   * it reaches 0.5. Deterministic: the same conversation always gives the same number.
   */
  confidence: number;
  /**
   * The sentence that decided it, quoted from the conversation (at most 160 characters): the
   * request, the dispute, the error, or the "thanks, that worked" that closed the case. Plain
   * text from the user: escape it before putting it in HTML.
   */
  evidence?: string;
  /** Ids of the signal-table rows that counted (see `SIGNALS`), for logs and tuning. */
  signals: string[];
}

/** The conversation to read: an `EscalationContext`, or anything with its `messages` (e.g. Pillar's `getChatContext()`). */
export interface SuggestInput {
  /**
   * The conversation, oldest first. Only the latest 60 messages and the first 4,000 characters
   * of each are read; `system` messages never count. A bad role or content is `INVALID_CONTEXT`.
   */
  messages: ReadonlyArray<Pick<ChatMessage, 'role' | 'content'>>;
}

/** Only the latest messages are read, and only the start of each: the work is bounded whatever the input. */
const MAX_MESSAGES = 60;
const MAX_MESSAGE_LENGTH = 4_000;
const MAX_EVIDENCE_LENGTH = 160;
/** A later user message that contains this share of an earlier one's words (of at least `MIN_QUESTION_WORDS`) repeats it. */
const REPEAT_CONTAINMENT = 0.8;
const MIN_QUESTION_WORDS = 3;

type Reason = Exclude<EscalationReason, 'other'>;

interface CompiledSignal {
  signal: Signal;
  phrases: Phrase[];
  unless: Phrase[];
  notWith: Phrase[];
}

interface Hit {
  id: string;
  kind: SignalKind;
  weight: number;
  /** Where it was said: message index, then character offset, for "what came last". */
  message: number;
  offset: number;
  evidence: string;
}

let compiled: { signals: CompiledSignal[]; negations: Phrase[]; near: (word: string) => readonly string[] | undefined } | undefined;

function table(): NonNullable<typeof compiled> {
  // Rows share their `notWith` lists: compile each list once, so a message checks it once.
  const lists = new Map<readonly string[], Phrase[]>();
  const list = (source: readonly string[]): Phrase[] => {
    let phrases = lists.get(source);
    if (!phrases) lists.set(source, (phrases = source.map((p) => compilePhrase(p, LEXICON))));
    return phrases;
  };
  compiled ??= {
    signals: SIGNALS.map((signal) => ({
      signal,
      phrases: signal.phrases.map((p) => compilePhrase(p, LEXICON)),
      unless: (signal.unless ?? []).map((p) => compilePhrase(p, LEXICON)),
      notWith: list(signal.notWith ?? []),
    })),
    negations: NEGATIONS.map((p) => compilePhrase(p, LEXICON)),
    near: nearWords(fuzzyVocabulary(LEXICON)),
  };
  return compiled;
}

/**
 * Reads a co-pilot conversation and says whether a human would serve the user better, and why:
 * the user asks for a person (English, German, Spanish, French, Portuguese), a billing dispute,
 * an account the user cannot get into or must hand over, a defect that needs engineering, or a
 * case the assistant could not resolve (repeated questions, "that didn't work", the assistant
 * saying it cannot help). It tells these from look-alikes: a build "agent", "do you support
 * SSO", a CRM "contact", an API "call", a billing question answered to the user's
 * satisfaction, and a user who says they do not need a human.
 *
 * Deterministic and dependency-free: a table of weighted phrase signals (`SIGNALS`), no model,
 * no network. Works on `EscalationContext` and on Pillar's `getChatContext()` as they are.
 *
 * @throws `EscalationError` `INVALID_CONTEXT` naming the path when the input has no `messages`
 *   array or a message is not `{ role, content: string }`.
 */
export function suggestEscalation(input: EscalationContext | SuggestInput | null | undefined): SuggestResult {
  const messages = readMessages(input);
  const { signals, negations, near } = table();
  const hits: Hit[] = [];

  messages.forEach(({ role, content }, index) => {
    const text = content.length > MAX_MESSAGE_LENGTH ? content.slice(0, MAX_MESSAGE_LENGTH) : content;
    const parts = sentences(text);
    if (parts.length === 0) return;
    for (const tokens of parts) {
      for (const token of tokens) {
        const words = near(token.word);
        if (words) token.near = words;
      }
    }
    // Sentences about something else (the user's own customers, their bot, their alerts): once per list and message.
    const otherSense = new Map<Phrase[], boolean[]>();
    for (const { signal, phrases, unless, notWith } of signals) {
      if (signal.from !== role) continue;
      if (unless.some((phrase) => parts.some((tokens) => findPhrase(phrase, tokens)))) continue;
      let counted: Hit | undefined;
      let negated: Hit | undefined;
      for (const phrase of phrases) {
        for (const tokens of parts) {
          const match = findPhrase(phrase, tokens);
          if (!match) continue;
          if (signal.whole && (parts.length > 1 || match.start !== 0 || match.end !== tokens.length)) continue;
          // Quoted words are mentioned, not said ("add a 'Talk to a human' button").
          if (signal.from === 'user' && tokens.slice(match.start, match.end).some((token) => token.quoted)) continue;
          if (notWith.length > 0) {
            let flags = otherSense.get(notWith);
            if (!flags) otherSense.set(notWith, (flags = parts.map((sentence) => notWith.some((p) => findPhrase(p, sentence) !== undefined))));
            if (flags[parts.indexOf(tokens)]) continue;
          }
          const hit: Hit = {
            id: signal.id,
            kind: signal.kind,
            weight: signal.weight,
            message: index,
            offset: tokens[match.start]!.start,
            evidence: quote(text, tokens, match.start, match.end),
          };
          if (signal.negatable && isNegated(negations, tokens, match.start)) negated ??= { ...hit, id: 'declines-person', kind: 'declined', weight: DECLINED_PENALTY };
          else if (!counted || hit.offset > counted.offset) counted = hit;
        }
      }
      if (counted) hits.push(counted);
      if (negated) hits.push(negated);
    }
  });
  const repeated = repeatedQuestion(messages);
  if (repeated) hits.push(repeated);

  return decide(hits, messages);
}

function decide(hits: Hit[], messages: readonly ChatMessage[]): SuggestResult {
  const scores: Record<Reason, number> = { human_requested: 0, billing: 0, account: 0, bug: 0, complex: 0 };
  const counted = new Map<string, Hit>();
  for (const hit of hits) {
    if (hit.kind === 'resolved') continue;
    // A row counts once per conversation: its latest hit stands for it.
    const key = `${hit.kind}:${hit.id}`;
    const previous = counted.get(key);
    if (!previous || later(hit, previous)) counted.set(key, hit);
  }
  let declined: Hit | undefined;
  for (const hit of counted.values()) {
    if (hit.kind === 'declined') {
      declined = hit;
      scores.human_requested -= hit.weight;
    } else if (hit.kind !== 'resolved') {
      scores[hit.kind] += hit.weight;
    }
  }

  // "Thanks, that worked" as the user's last word, after every other signal, closes the case.
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  const positives = [...counted.values()].filter((hit) => hit.kind !== 'declined');
  const lastPositive = positives.reduce<Hit | undefined>((a, b) => (!a || later(b, a) ? b : a), undefined);
  const closing = hits
    .filter((hit) => hit.kind === 'resolved' && hit.message === lastUser)
    .reduce<Hit | undefined>((a, b) => (!a || later(b, a) ? b : a), undefined);
  const resolved = closing !== undefined && (!lastPositive || later(closing, lastPositive));
  if (resolved) for (const reason of REASON_PRECEDENCE) scores[reason] *= RESOLVED_FACTOR;

  const best = REASON_PRECEDENCE.reduce((a, b) => (scores[b] > scores[a] ? b : a));
  // An explicit request for a person is honoured even when another reason scores higher.
  const reason: Reason = scores.human_requested >= SUGGEST_THRESHOLD ? 'human_requested' : best;
  const suggest = scores[reason] >= SUGGEST_THRESHOLD;
  const strength = Math.max(0, scores[best]);
  const confidence = Math.round((1 - 2 ** (-strength / SUGGEST_THRESHOLD)) * 100) / 100;
  const signals = [...new Set([...counted.values()].map((hit) => hit.id).concat(resolved ? ['resolved'] : []))];

  if (suggest) {
    const evidence = strongest(positives.filter((hit) => hit.kind === reason));
    return { suggest, reason, confidence, ...(evidence ? { evidence: evidence.evidence } : {}), signals };
  }
  const why = resolved ? closing : declined;
  return { suggest, confidence: Math.min(confidence, 0.49), ...(why ? { evidence: why.evidence } : {}), signals };
}

function later(a: Hit, b: Hit): boolean {
  return a.message > b.message || (a.message === b.message && a.offset > b.offset);
}

function strongest(hits: Hit[]): Hit | undefined {
  return hits.reduce<Hit | undefined>((a, b) => (!a || b.weight > a.weight || (b.weight === a.weight && later(b, a)) ? b : a), undefined);
}

/** A negation within `NEGATION_WINDOW` words before the match, in the same clause. */
function isNegated(negations: readonly Phrase[], tokens: readonly Token[], start: number): boolean {
  const from = Math.max(0, start - NEGATION_WINDOW);
  const clause = tokens[start]!.clause;
  const window = tokens.slice(from, start).filter((token) => token.clause === clause);
  return window.length > 0 && negations.some((phrase) => findPhrase(phrase, window) !== undefined);
}

/** The sentence around a match, cut to `MAX_EVIDENCE_LENGTH` around it. */
function quote(text: string, tokens: readonly Token[], start: number, end: number): string {
  let from = tokens[0]!.start;
  let to = tokens[tokens.length - 1]!.end;
  const matchFrom = tokens[start]!.start;
  const matchTo = tokens[end - 1]!.end;
  if (to - from > MAX_EVIDENCE_LENGTH) {
    const room = Math.max(0, MAX_EVIDENCE_LENGTH - (matchTo - matchFrom));
    from = Math.max(from, matchFrom - Math.floor(room / 2));
    to = Math.min(to, from + MAX_EVIDENCE_LENGTH);
  }
  // Never cut a surrogate pair.
  if (/[\uDC00-\uDFFF]/.test(text[from] ?? '')) from += 1;
  if (/[\uD800-\uDBFF]/.test(text[to - 1] ?? '')) to -= 1;
  return text.slice(from, to).trim();
}

/** The user asks (nearly) the same question again: the co-pilot's answer did not land. */
function repeatedQuestion(messages: readonly ChatMessage[]): Hit | undefined {
  const asked: Array<{ index: number; words: Set<string>; text: string }> = [];
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user') continue;
    const text = message.content.slice(0, MAX_MESSAGE_LENGTH);
    const words = new Set(sentences(text).flat().map((token) => token.word));
    for (const earlier of asked) {
      if (earlier.words.size < MIN_QUESTION_WORDS) continue;
      let shared = 0;
      for (const word of earlier.words) if (words.has(word)) shared += 1;
      if (shared / earlier.words.size >= REPEAT_CONTAINMENT) {
        const tokens = sentences(text).flat();
        return {
          id: 'repeated-question',
          kind: 'complex',
          weight: REPEATED_QUESTION_WEIGHT,
          message: index,
          offset: 0,
          evidence: tokens.length > 0 ? quote(text, tokens, 0, tokens.length) : text,
        };
      }
    }
    asked.push({ index, words, text });
  }
  return undefined;
}

function readMessages(input: EscalationContext | SuggestInput | null | undefined): ChatMessage[] {
  if (typeof input !== 'object' || input === null) {
    throw new EscalationError('INVALID_CONTEXT', `suggestEscalation: expected a context with messages, got ${input === null ? 'null' : typeof input}`, {
      details: { path: '', reason: 'type' } satisfies ContextIssue,
    });
  }
  const messages: unknown = (input as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) {
    throw new EscalationError('INVALID_CONTEXT', 'suggestEscalation: messages must be an array', { details: { path: 'messages', reason: 'type' } satisfies ContextIssue });
  }
  const start = Math.max(0, messages.length - MAX_MESSAGES);
  const result: ChatMessage[] = [];
  for (let i = start; i < messages.length; i++) {
    const message: unknown = messages[i];
    const role = (message as { role?: unknown } | null)?.role;
    const content = (message as { content?: unknown } | null)?.content;
    if (typeof message !== 'object' || message === null || (role !== 'user' && role !== 'assistant' && role !== 'system')) {
      throw new EscalationError('INVALID_CONTEXT', `suggestEscalation: messages[${i}].role must be user, assistant or system`, {
        details: { path: `messages[${i}].role`, reason: 'enum' } satisfies ContextIssue,
      });
    }
    if (typeof content !== 'string') {
      throw new EscalationError('INVALID_CONTEXT', `suggestEscalation: messages[${i}].content must be a string`, {
        details: { path: `messages[${i}].content`, reason: 'type' } satisfies ContextIssue,
      });
    }
    // System messages are the app's, not the conversation's: they never count.
    if (role !== 'system') result.push({ role, content });
  }
  return result;
}
