import type { EscalationReason } from '../context/types';

/** The reasons the model tells apart (besides "no human needed", the reference class). */
export const MODEL_REASONS = ['human_requested', 'billing', 'account', 'bug', 'complex'] as const satisfies ReadonlyArray<Exclude<EscalationReason, 'other'>>;

/**
 * A trained model as it ships: small integer weights for the features that matter, written as
 * characters of a 64-letter alphabet, one symbol per number, so that gzip's Huffman codes get
 * close to what each kind of number really costs.
 */
export interface PackedModel {
  /** Number of features kept. */
  count: number;
  /** A stored weight q (−steps to steps) is the real weight q·|q|·scale (finer steps near 0, where most weights are). */
  scale: number;
  /** The largest stored magnitude, at most `PACKED_MAX`: fewer steps pack smaller. */
  steps: number;
  /** Per reason, in `MODEL_REASONS` order. */
  bias: readonly number[];
  /**
   * Per feature (ascending hash): the delta of the hash (one letter below 32, two below 1,056,
   * else four: see `packDelta`), then all class masks (one letter each), then the weights of the set bits
   * (one letter each, the weight plus 32).
   */
  data: string;
}

/** Weights per feature hash: one number per reason. */
export type Weights = Map<number, Float64Array>;

/** The 64 letters of `PackedModel.data` (URL-safe base64's, none of which needs escaping in a string). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The largest magnitude of a stored weight. */
export const PACKED_MAX = 15;

/**
 * A hash delta as letters: below 32, one letter; below 1,056, a letter from 32 to 47 (the high
 * bits) and one more; otherwise a letter from 48 (the highest bits) and three more.
 */
function packDelta(delta: number): string {
  if (delta < 32) return ALPHABET[delta]!;
  if (delta < 1056) return ALPHABET[32 + ((delta - 32) >> 6)]! + ALPHABET[(delta - 32) & 63];
  const v = delta - 1056;
  return ALPHABET[48 + Math.floor(v / 2 ** 18)]! + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
}

/** Packs weights (already divided by `scale` and rounded to integers within ±`PACKED_MAX`) into a `PackedModel`'s `data`. */
export function packWeights(weights: ReadonlyMap<number, ArrayLike<number>>): { count: number; data: string } {
  const keys = [...weights.keys()].sort((a, b) => a - b);
  let deltas = '';
  let masks = '';
  let values = '';
  let last = 0;
  for (const key of keys) {
    deltas += packDelta(key - last);
    last = key;
    const w = weights.get(key)!;
    let mask = 0;
    for (let c = 0; c < MODEL_REASONS.length; c++) {
      if (w[c] !== 0) {
        mask |= 1 << c;
        values += ALPHABET[Math.max(-PACKED_MAX, Math.min(PACKED_MAX, w[c]!)) + 32];
      }
    }
    masks += ALPHABET[mask];
  }
  return { count: keys.length, data: deltas + masks + values };
}

/** Unpacks a `PackedModel` into real-valued weights per feature hash. */
export function unpackWeights(model: PackedModel): Weights {
  const data = model.data;
  const read = (at: number): number => ALPHABET.indexOf(data[at]!);
  const keys: number[] = [];
  let at = 0;
  let key = 0;
  for (let i = 0; i < model.count; i++) {
    const first = read(at++);
    const delta = first < 32 ? first : first < 48 ? 32 + (first - 32) * 64 + read(at++) : 1056 + (first - 48) * 2 ** 18 + read(at++) * 4096 + read(at++) * 64 + read(at++);
    keys.push((key += delta));
  }
  let value = at + model.count;
  const weights: Weights = new Map();
  keys.forEach((k, i) => {
    const mask = read(at + i);
    const w = new Float64Array(MODEL_REASONS.length);
    for (let c = 0; c < MODEL_REASONS.length; c++) if (mask & (1 << c)) {
        const q = read(value++) - 32;
        w[c] = q * Math.abs(q) * model.scale;
      }
    weights.set(k, w);
  });
  return weights;
}

/** Per reason, the score of the features present, each with `value`. */
export function featureScores(weights: Weights, features: Iterable<number>, value = 1): number[] {
  const z = new Array<number>(MODEL_REASONS.length).fill(0);
  for (const f of features) {
    const w = weights.get(f);
    if (w) for (let c = 0; c < z.length; c++) z[c]! += w[c]! * value;
  }
  return z;
}

/** A conversation's scores per reason, and which message carries each. */
export interface ConversationScores {
  /** Per reason: bias + the whole conversation's features + its strongest message for that reason. */
  z: number[];
  /** Per reason, the index of the strongest message (-1 when there is none). */
  best: number[];
  /** Per reason, the part of `z` from the whole-conversation features. */
  global: number[];
}

/**
 * Scores a conversation: each message on its own, and per reason the strongest message counts
 * (so a request in a long conversation weighs as much as in a short one), plus the features of
 * the whole conversation and the bias.
 */
export function conversationScores(
  weights: Weights,
  bias: readonly number[],
  messages: ReadonlyArray<{ hashes: readonly number[]; value: number }>,
  global: readonly number[],
): ConversationScores {
  const g = featureScores(weights, global);
  const best = new Array<number>(MODEL_REASONS.length).fill(-1);
  const top = new Array<number>(MODEL_REASONS.length).fill(0);
  messages.forEach((m, index) => {
    const s = featureScores(weights, m.hashes, m.value);
    for (let c = 0; c < s.length; c++) {
      if (best[c] === -1 || s[c]! > top[c]!) {
        top[c] = s[c]!;
        best[c] = index;
      }
    }
  });
  return { z: bias.map((b, c) => b + g[c]! + top[c]!), best, global: g };
}

/** The probability that a human is needed at all: 1 − P(no reason), a softmax with "none" at 0. */
export function escalationProbability(z: readonly number[]): number {
  let sum = 1;
  for (const v of z) sum += Math.exp(v);
  return 1 - 1 / sum;
}

/**
 * `human_requested` wins over every other reason whenever the model finds, on its own, that the
 * user asking for a person is likelier than not: its score (log-odds against "no human needed")
 * reaches this.
 */
export const HUMAN_PRECEDENCE = 0.5;

/** The reason (index in `MODEL_REASONS`) for scores `z` once a human is suggested: `human_requested` by precedence, else the strongest. */
export function reasonIndex(z: readonly number[], precedence = HUMAN_PRECEDENCE): number {
  return z[0]! >= precedence ? 0 : z.indexOf(Math.max(...z));
}
