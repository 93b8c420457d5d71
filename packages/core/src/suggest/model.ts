import type { EscalationReason } from '../context/types';

/** The reasons the model tells apart (besides "no human needed", the reference class). */
export const MODEL_REASONS = ['human_requested', 'billing', 'account', 'bug', 'complex'] as const satisfies ReadonlyArray<Exclude<EscalationReason, 'other'>>;

/** A trained model as it ships: int8 weights for the features that matter, packed and base64-encoded. */
export interface PackedModel {
  /** Number of features kept. */
  count: number;
  /** Multiply an int8 weight by this to get the real weight. */
  scale: number;
  /** Per reason, in `MODEL_REASONS` order. */
  bias: readonly number[];
  /** Per feature (ascending hash): a varint delta of the hash, then all class masks, then the int8 weights of the set bits. */
  data: string;
}

/** Weights per feature hash: one number per reason. */
export type Weights = Map<number, Float64Array>;

/** Packs weights (already divided by `scale` and rounded) into a `PackedModel`'s `data`. */
export function packWeights(weights: ReadonlyMap<number, ArrayLike<number>>): { count: number; data: string } {
  const keys = [...weights.keys()].sort((a, b) => a - b);
  const deltas: number[] = [];
  const masks: number[] = [];
  const values: number[] = [];
  let last = 0;
  for (const key of keys) {
    let delta = key - last;
    last = key;
    while (delta >= 0x80) {
      deltas.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    deltas.push(delta);
    const w = weights.get(key)!;
    let mask = 0;
    for (let c = 0; c < MODEL_REASONS.length; c++) {
      if (w[c] !== 0) {
        mask |= 1 << c;
        values.push(w[c]! & 0xff);
      }
    }
    masks.push(mask);
  }
  const bytes = [...deltas, ...masks, ...values];
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { count: keys.length, data: btoa(binary) };
}

/** Unpacks a `PackedModel` into real-valued weights per feature hash. */
export function unpackWeights(model: PackedModel): Weights {
  const binary = atob(model.data);
  const keys: number[] = [];
  let at = 0;
  let key = 0;
  for (let i = 0; i < model.count; i++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = binary.charCodeAt(at++);
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    keys.push((key += delta));
  }
  let value = at + model.count;
  const weights: Weights = new Map();
  keys.forEach((k, i) => {
    const mask = binary.charCodeAt(at + i);
    const w = new Float64Array(MODEL_REASONS.length);
    for (let c = 0; c < MODEL_REASONS.length; c++) if (mask & (1 << c)) w[c] = ((binary.charCodeAt(value++) << 24) >> 24) * model.scale;
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
