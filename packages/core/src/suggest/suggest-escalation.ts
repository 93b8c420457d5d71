import type { ChatMessage, EscalationContext, EscalationReason } from '../context/types';
import { EscalationError } from '../errors';
import type { ContextIssue } from '../context/issue';
import { decide, readRules } from './decide';
import { conversationFeatures, featureHash, sentenceFeatures, type MessageFeatures, type SentenceFeatures } from './features';
import { conversationScores, MODEL_REASONS, reasonIndex, unpackWeights, type Weights } from './model';
import type { Token } from './text';
import { MODEL } from './weights';

/** `suggest` is true exactly when `confidence` reaches this. */
export const SUGGEST_THRESHOLD = 0.5;

/** The least confidence of a plain ask for a person ("Can I speak to a human?"), whatever the model's. */
const ASKED_CONFIDENCE = 0.9;

/** What `suggestEscalation` concludes. */
export interface SuggestResult {
  /** Whether to offer the user a human now. */
  suggest: boolean;
  /** Why, when `suggest` is true. `human_requested` wins when the user asked for a person. */
  reason?: Exclude<EscalationReason, 'other'>;
  /**
   * How likely it is that a human is needed, from 0 to 1 (two decimals). `suggest` is true
   * exactly when it reaches 0.5. 0 when no word of the conversation is known to the model (a
   * bare "hi"). Deterministic: the same conversation always gives the same number.
   */
  confidence: number;
  /**
   * The sentence that decided it, quoted from the conversation (at most 160 characters): the
   * request, the dispute, the error, the assistant's admission, or the "no need, thanks" that
   * closed the case. Plain text from the conversation: escape it before putting it in HTML.
   */
  evidence?: string;
  /**
   * The words that weighed most (from the evidence sentence; `!` marks a word after a negation),
   * `asked-for-a-person` first when the user's latest message plainly asks for one,
   * `account-emergency` or `billing-dispute` first when that rule gave the reason, and
   * `repeated-question` when the user asked the same thing again: for logs and tuning.
   */
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
const MAX_SIGNALS = 3;
/** Without a suggestion, a sentence that pulls the case down by at least this much is quoted as the reason why not. */
const CLOSING_PULL = -1;

type Reason = Exclude<EscalationReason, 'other'>;

let weights: Weights | undefined;

/**
 * Reads a co-pilot conversation and says whether a human would serve the user better, and why:
 * the user asks for a person (plainly, indirectly or misspelled, in English, German, French,
 * Spanish, Portuguese or Italian), a billing dispute, an account emergency, a defect or lost
 * data that needs engineering, or a case the assistant could not resolve (repeated failures,
 * the assistant admitting it cannot see or do something). It tells these from look-alikes: the
 * product's own features ("agent seats", "refund workflow"), the user's own customers, on-call
 * tooling and bot building.
 *
 * A small linear model over hashed word and character n-gram features, trained by
 * `pnpm train:suggest` and shipped as a few KB of int8 weights: deterministic, no network. Each
 * message is scored on its own, and per reason the strongest message counts. Three rules read
 * by structure follow the label order: a plain ask for a person is `human_requested`, an
 * account emergency `account`, a disputed charge `billing`. Works on
 * `EscalationContext` and on Pillar's `getChatContext()` as they are.
 *
 * @throws `EscalationError` `INVALID_CONTEXT` naming the path when the input has no `messages`
 *   array or a message is not `{ role, content: string }`.
 */
export function suggestEscalation(input: EscalationContext | SuggestInput | null | undefined): SuggestResult {
  const messages = readMessages(input).map(({ role, content }) => ({
    role: role as 'user' | 'assistant',
    content: content.length > MAX_MESSAGE_LENGTH ? content.slice(0, MAX_MESSAGE_LENGTH) : content,
  }));
  if (messages.length === 0) return { suggest: false, confidence: 0, signals: [] };
  weights ??= unpackWeights(MODEL);
  const features = conversationFeatures(messages);
  const { z, best, global } = conversationScores(weights, MODEL.bias, features.messages, features.global);
  const rules = readRules(features.messages);
  const decision = decide(z, rules);
  const { probability, suggest } = decision;
  // Without a suggestion, the strongest reason still says which sentence pulled the case down.
  const c = suggest ? decision.reason : reasonIndex(z);
  const asked = rules.asked >= 0;
  // The message a rule read the reason from (an account emergency, a billing dispute), if any.
  const ruled = !suggest || asked ? -1 : MODEL_REASONS[c] === 'account' ? rules.account : MODEL_REASONS[c] === 'billing' ? rules.billing : -1;
  // No word the model knows (a bare greeting): its probability would be only the training mix's prior, so nothing points to a human.
  const known = z.some((v, i) => v !== MODEL.bias[i]);
  const rounded = known ? Math.round(probability * 100) / 100 : 0;
  const confidence = asked ? Math.max(rounded, ASKED_CONFIDENCE) : suggest ? Math.max(rounded, SUGGEST_THRESHOLD) : Math.min(rounded, 0.49);
  const reason: Reason = MODEL_REASONS[c]!;
  const repeatWeight = weight(featureHash('s:repeat'), c);
  const repeated = features.repeat !== undefined && repeatWeight > 0 && global[c]! > 0;

  let chosen: { message: MessageFeatures; sentence: SentenceFeatures; score: number } | undefined;
  if (asked) {
    const message = features.messages[rules.lastUser]!;
    chosen = { message, sentence: sentenceFeatures(message, rules.asked), score: Infinity };
  } else if (suggest) {
    // The strongest sentence of the message that carried the reason (the one a rule read, or the repeated question).
    const candidates = [ruled >= 0 ? ruled : best[c]!, ...(repeated ? [features.repeat!] : [])].filter((m) => m >= 0);
    for (const index of candidates) {
      const message = features.messages[index]!;
      message.sentences.forEach((_, s) => {
        const sentence = sentenceFeatures(message, s);
        const score = sentenceScore(sentence, c) * message.value + (index === features.repeat && s === 0 ? repeatWeight : 0);
        if (!chosen || score > chosen.score) chosen = { message, sentence, score };
      });
    }
  } else {
    // The sentence that pulled the case down most: "I don't need a human", "thanks, that worked".
    features.messages.forEach((message, index) => {
      if (message.role !== 'user') return;
      message.sentences.forEach((_, s) => {
        const sentence = sentenceFeatures(message, s);
        const score = sentenceScore(sentence, c) * message.value + (index === rules.lastUser ? lastScore(sentence, c) : 0);
        if (score <= CLOSING_PULL && (!chosen || score < chosen.score)) chosen = { message, sentence, score };
      });
    });
  }
  const signals = chosen ? topWords(chosen.sentence, c, suggest) : [];
  if (asked) signals.unshift('asked-for-a-person');
  if (ruled >= 0) signals.unshift(MODEL_REASONS[c] === 'account' ? 'account-emergency' : 'billing-dispute');
  if (suggest && repeated) signals.push('repeated-question');
  return {
    suggest,
    ...(suggest ? { reason } : {}),
    confidence,
    ...(chosen ? { evidence: quote(chosen.message.text, chosen.sentence.tokens) } : {}),
    signals,
  };
}

function weight(hash: number, c: number): number {
  return weights!.get(hash)?.[c] ?? 0;
}

function sentenceScore(sentence: SentenceFeatures, c: number): number {
  let score = 0;
  for (const h of sentence.hashes) score += weight(h, c);
  return score;
}

/** The pull of a sentence of the user's last message read apart (`L:` features). */
function lastScore(sentence: SentenceFeatures, c: number): number {
  let score = 0;
  for (const word of new Set(sentence.words.filter((w) => /^u!?:[^ ]+$/.test(w)))) score += weight(featureHash(`L${word.slice(1)}`), c);
  return score;
}

/** The readable word features that pushed most toward the verdict, without who said them. */
function topWords(sentence: SentenceFeatures, c: number, toward: boolean): string[] {
  return sentence.words
    .map((word) => ({ word, w: weight(featureHash(word), c) * (toward ? 1 : -1) }))
    .filter((x) => x.w > 0 && !x.word.endsWith('^'))
    .sort((a, b) => b.w - a.w)
    .map((x) => x.word.replace(/^[ua]q?(!?):/, '$1').replace(/^(!?)[\^,] /, '$1'))
    .filter((word, i, all) => all.indexOf(word) === i)
    .slice(0, MAX_SIGNALS);
}

/** A sentence, cut to `MAX_EVIDENCE_LENGTH`, never splitting a surrogate pair. */
function quote(text: string, tokens: readonly Token[]): string {
  let from = tokens[0]?.start ?? 0;
  let to = Math.min(tokens[tokens.length - 1]?.end ?? text.length, from + MAX_EVIDENCE_LENGTH);
  if (/[\uDC00-\uDFFF]/.test(text[from] ?? '')) from += 1;
  if (/[\uD800-\uDBFF]/.test(text[to - 1] ?? '')) to -= 1;
  return text.slice(from, to).trim();
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
