/**
 * Trains the suggestEscalation model and writes packages/core/src/suggest/weights.ts.
 *
 * A multinomial logistic regression ("no human needed" plus the five reasons) over hashed
 * features (packages/core/src/suggest/features.ts), fitted with AdaGrad and an L1 penalty so
 * that only a few thousand features keep a weight, then quantised to 63 square-root steps. Deterministic: a fixed
 * seed for the example order, fixed epochs; the same data always gives the same file.
 *
 * It reads the DEVELOPMENT data only (never suggest-eval-v3-heldout.json):
 * - packages/core/test/fixtures/suggest-eval-v2-dev.json and suggest-eval-v2-heldout.json (the two
 *   v2 halves, written independently of the detector; the second was scored twice as held-out,
 *   then opened and became development data),
 * - suggest-eval-dev.json and suggest-eval-test.json (the v1 sets),
 * - suggest-train-extra.json (training phrasings written for the families, six languages).
 * Cross-validation folds are the 420 v2 conversations; every model also trains on the rest.
 *
 *   pnpm train:suggest            # train on everything and write weights.ts (prints 5-fold CV first)
 *   pnpm train:suggest --grid     # 5-fold cross-validation of the hyper-parameter grid (v2 folds)
 *   pnpm train:suggest --no-write # cross-validate and train, but do not write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversationFeatures, FEATURE_DEFAULTS, type FeatureOptions } from '../packages/core/src/suggest/features';
import { conversationScores, escalationProbability, MODEL_REASONS, PACKED_MAX, packWeights, unpackWeights, type PackedModel, type Weights } from '../packages/core/src/suggest/model';
import { loadEvalSet, type EvalConversation, type Expected } from '../packages/core/test/fixtures/suggest-eval';
import { seededRandom } from './test-support/seeded-random';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'packages/core/test/fixtures');
const TRAINING_FILES = ['suggest-eval-v2-dev.json', 'suggest-eval-v2-heldout.json', 'suggest-eval-dev.json', 'suggest-eval-test.json', 'suggest-train-extra.json'] as const;

/** The hyper-parameters; `CHOSEN` is what 5-fold cross-validation over both v2 halves picked (see --grid and the overrides). */
interface Params {
  epochs: number;
  rate: number;
  l1: number;
  /** Weight of a positive example relative to a negative one. */
  positiveWeight: number;
  /** Features kept: the most important after a first fit, then refitted on those alone (the size of the shipped model). */
  keep: number;
  /** 1: refit on the kept features; 0: keep the first fit's weights for them. */
  refit: number;
  /** Fits averaged, each with its own example order (bagging over seeds: less variance). */
  bags: number;
  /** Seeds the example order and the folds (`--seed=` shows how much the figures move with it). */
  seed: number;
  /** The L1 penalty of the refit (the first fit's selects, this one only fits). */
  refitL1: number;
  /** Importance = max |w| × df^dfPower. */
  dfPower: number;
  /** The share of "human needed" at which it suggests. */
  threshold: number;
  features: FeatureOptions;
}
const CHOSEN: Params = { epochs: 30, rate: 0.2, l1: 0.02, positiveWeight: 1, keep: 2100, refit: 1, bags: 5, seed: 20261207, refitL1: 0.01, dfPower: 0.5, threshold: 0.5, features: FEATURE_DEFAULTS };
const FOLDS = 5;
/** Weights whose magnitude rounds to 0 are dropped. */
const QUANT_MAX = PACKED_MAX;

interface Example {
  id: string;
  family: string;
  /** Index in MODEL_REASONS, or -1 for "no human needed". */
  label: number;
  messages: Array<{ hashes: number[]; value: number }>;
  global: number[];
  /** From one of the v2 halves (the folds of cross-validation). */
  v2: boolean;
}

function load(file: string): EvalConversation[] {
  return loadEvalSet(readFileSync(join(fixtures, file), 'utf8'));
}

const labelOf = (expect: Expected): number => (expect === null ? -1 : MODEL_REASONS.indexOf(expect));

function examples(features: FeatureOptions): Example[] {
  return TRAINING_FILES.flatMap((file) =>
    load(file).map((c) => ({
      id: c.id,
      family: c.family || (c.expect ?? 'negative'),
      label: labelOf(c.expect),
      ...(({ messages, global }) => ({ messages: messages.map((m) => ({ hashes: m.hashes, value: m.value })), global }))(conversationFeatures(c.messages.filter((m): m is typeof m & { role: 'user' | 'assistant' } => m.role !== 'system'), features)),
      v2: file.startsWith('suggest-eval-v2-'),
    })),
  );
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const C = MODEL_REASONS.length;

interface Trained {
  weights: Weights;
  bias: Float64Array;
}

/** Examples with their features as dense indices, for speed. */
interface Dense {
  label: number;
  messages: Array<{ index: Int32Array; value: number }>;
  global: Int32Array;
}

/**
 * AdaGrad with an L1 proximal step on the touched weights; "none" is the reference class (score
 * 0). Per reason, the gradient reaches the message that carried the score (max pooling) and the
 * whole-conversation features.
 */
function train(data: readonly Example[], params: Params): Trained {
  const first = fitBags(data, params);
  // Importance: the largest weight, times the square root of how many conversations have it.
  const df = new Map<number, number>();
  for (const ex of data) for (const h of new Set([...ex.global, ...ex.messages.flatMap((m) => m.hashes)])) df.set(h, (df.get(h) ?? 0) + 1);
  const ranked = [...first.weights]
    .map(([h, w]) => ({ h, score: Math.max(...w.map(Math.abs)) * (df.get(h) ?? 0) ** params.dfPower }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.h - b.h)
    .slice(0, params.keep);
  const kept = new Set(ranked.map((x) => x.h));
  const only = (hashes: number[]): number[] => hashes.filter((h) => kept.has(h));
  if (!params.refit) return { bias: first.bias, weights: new Map([...first.weights].filter(([h]) => kept.has(h))) };
  return fitBags(
    data.map((ex) => ({ ...ex, global: only(ex.global), messages: ex.messages.map((m) => ({ hashes: only(m.hashes), value: m.value })) })),
    { ...params, l1: params.refitL1 },
  );
}

/** The average of `params.bags` fits, each with its own example order. */
function fitBags(data: readonly Example[], params: Params): Trained {
  const fits = Array.from({ length: Math.max(1, params.bags) }, (_, bag) => trainOnce(data, params, params.seed + 7919 * bag));
  if (fits.length === 1) return fits[0]!;
  const weights: Weights = new Map();
  for (const f of fits) {
    for (const [h, w] of f.weights) {
      const sum = weights.get(h) ?? new Float64Array(C);
      for (let c = 0; c < C; c++) sum[c]! += w[c]! / fits.length;
      weights.set(h, sum);
    }
  }
  const bias = new Float64Array(C);
  for (const f of fits) for (let c = 0; c < C; c++) bias[c]! += f.bias[c]! / fits.length;
  return { weights, bias };
}

function trainOnce(data: readonly Example[], params: Params, seed: number): Trained {
  const ids = new Map<number, number>();
  const id = (h: number): number => {
    let i = ids.get(h);
    if (i === undefined) ids.set(h, (i = ids.size));
    return i;
  };
  const dense: Dense[] = data.map((ex) => ({
    label: ex.label,
    messages: ex.messages.map((m) => ({ index: Int32Array.from(m.hashes, id), value: m.value })),
    global: Int32Array.from(ex.global, id),
  }));
  const w = new Float64Array(ids.size * C);
  const g2 = new Float64Array(ids.size * C);
  const bias = new Float64Array(C);
  const biasG2 = new Float64Array(C);
  const next = seededRandom(seed);
  const update = (f: number, c: number, g: number): void => {
    const k = f * C + c;
    g2[k]! += g * g;
    const step = params.rate / (Math.sqrt(g2[k]!) + 1e-8);
    const v = w[k]! - step * g;
    w[k] = Math.sign(v) * Math.max(0, Math.abs(v) - step * params.l1);
  };
  const z = new Float64Array(C);
  const best = new Int32Array(C);
  const s = new Float64Array(C);
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    for (const ex of shuffle(dense, next)) {
      for (let c = 0; c < C; c++) z[c] = bias[c]!;
      for (const f of ex.global) for (let c = 0; c < C; c++) z[c]! += w[f * C + c]!;
      best.fill(-1);
      const top = new Float64Array(C);
      ex.messages.forEach((m, mi) => {
        s.fill(0);
        for (const f of m.index) for (let c = 0; c < C; c++) s[c]! += w[f * C + c]!;
        for (let c = 0; c < C; c++) {
          const v = s[c]! * m.value;
          if (best[c] === -1 || v > top[c]!) {
            top[c] = v;
            best[c] = mi;
          }
        }
      });
      let sum = 1;
      for (let c = 0; c < C; c++) sum += Math.exp((z[c]! += top[c]!));
      const weight = ex.label >= 0 ? params.positiveWeight : 1;
      for (let c = 0; c < C; c++) {
        const g = (Math.exp(z[c]!) / sum - (ex.label === c ? 1 : 0)) * weight;
        if (g === 0) continue;
        biasG2[c]! += g * g;
        bias[c]! -= (params.rate / (Math.sqrt(biasG2[c]!) + 1e-8)) * g;
        for (const f of ex.global) update(f, c, g);
        const m = best[c]!;
        if (m >= 0) for (const f of ex.messages[m]!.index) update(f, c, g * ex.messages[m]!.value);
      }
    }
  }
  const weights: Weights = new Map();
  for (const [h, i] of ids) weights.set(h, w.slice(i * C, i * C + C));
  return { weights, bias };
}

/** Quantises to q in −31…31 with w ≈ q·|q|·scale (the bias stays a float), shifting the biases so that `threshold` becomes 0.5. */
function quantise({ weights, bias }: Trained, threshold: number): PackedModel {
  let max = 0;
  for (const wf of weights.values()) for (const v of wf) max = Math.max(max, Math.abs(v));
  const scale = max / QUANT_MAX ** 2 || 1;
  const kept = new Map<number, Int8Array>();
  for (const [f, wf] of weights) {
    const q = Int8Array.from(wf, (v) => Math.sign(v) * Math.round(Math.sqrt(Math.abs(v) / scale)));
    if (q.some((v) => v !== 0)) kept.set(f, q);
  }
  const { count, data } = packWeights(kept);
  const shift = Math.log(threshold / (1 - threshold));
  return { count, scale: Number(scale.toPrecision(6)), bias: [...bias].map((b) => Number((b - shift).toFixed(4))), data };
}

interface Tally {
  tp: number;
  predicted: number;
  support: number;
  anyTp: number;
  byFamily: Map<string, { total: number; correct: number }>;
  errors: string[];
}

function predictWith(model: PackedModel): (ex: Example) => number {
  const weights = unpackWeights(model);
  return (ex) => {
    const { z } = conversationScores(weights, model.bias, ex.messages, ex.global);
    if (escalationProbability(z) < 0.5) return -1;
    return z.indexOf(Math.max(...z));
  };
}

function tally(into: Tally, data: readonly Example[], predict: (ex: Example) => number): void {
  for (const ex of data) {
    const got = predict(ex);
    if (ex.label >= 0) into.support += 1;
    if (got >= 0) into.predicted += 1;
    if (got >= 0 && got === ex.label) into.tp += 1;
    if (got >= 0 && ex.label >= 0) into.anyTp += 1;
    const fam = into.byFamily.get(ex.family) ?? { total: 0, correct: 0 };
    fam.total += 1;
    if (got === ex.label) fam.correct += 1;
    else into.errors.push(`${ex.id} [${ex.family}] expected ${ex.label < 0 ? 'none' : MODEL_REASONS[ex.label]} got ${got < 0 ? 'none' : MODEL_REASONS[got]}`);
    into.byFamily.set(ex.family, fam);
  }
}

const emptyTally = (): Tally => ({ tp: 0, predicted: 0, support: 0, anyTp: 0, byFamily: new Map(), errors: [] });
const figures = (t: Tally): { precision: number; recall: number } => ({ precision: t.predicted ? t.tp / t.predicted : 0, recall: t.support ? t.tp / t.support : 0 });

/** 5-fold cross-validation: each fold of the v2 conversations is scored by a model trained on everything else. */
function crossValidate(data: readonly Example[], params: Params): Tally {
  const v2 = shuffle(
    data.filter((e) => e.v2),
    seededRandom(params.seed + 1),
  );
  const rest = data.filter((e) => !e.v2);
  const result = emptyTally();
  for (let k = 0; k < FOLDS; k++) {
    const test = v2.filter((_, i) => i % FOLDS === k);
    const trainSet = [...rest, ...v2.filter((_, i) => i % FOLDS !== k)];
    tally(result, test, predictWith(quantise(train(trainSet, params), params.threshold)));
  }
  return result;
}

function describe(params: Params): string {
  const f = params.features;
  return `epochs=${params.epochs} rate=${params.rate} l1=${params.l1} keep=${params.keep} bags=${params.bags} refit=${params.refit}/${params.refitL1} df^${params.dfPower} pos=${params.positiveWeight} t=${params.threshold} chars=${f.charMin}-${f.charMax} last=${f.last} norm=${f.norm}`;
}

function report(t: Tally): string {
  const { precision, recall } = figures(t);
  return `precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (any reason ${(t.anyTp / Math.max(1, t.support)).toFixed(3)}, predicted ${t.predicted}/${t.support})`;
}

function grid(): void {
  const cache = new Map<string, Example[]>();
  const rows: Array<{ params: Params; t: Tally }> = [];
  const featureSets: FeatureOptions[] = [FEATURE_DEFAULTS, { ...FEATURE_DEFAULTS, charMin: 3, charMax: 4 }, { ...FEATURE_DEFAULTS, last: false }];
  for (const features of featureSets) {
    const key = JSON.stringify(features);
    if (!cache.has(key)) cache.set(key, examples(features));
    const data = cache.get(key)!;
    for (const l1 of [0.002, 0.005, 0.01, 0.02])
      for (const epochs of [20, 40])
        for (const threshold of [0.4, 0.5, 0.6]) {
          const params: Params = { ...CHOSEN, l1, epochs, threshold, features };
          const t = crossValidate(data, params);
          rows.push({ params, t });
          console.log(`${describe(params)}: ${report(t)}`);
        }
  }
  const best = rows
    .map((r) => ({ ...r, ...figures(r.t) }))
    .sort((a, b) => Number(b.precision >= 0.95) - Number(a.precision >= 0.95) || b.recall + b.precision - (a.recall + a.precision))[0]!;
  console.log(`\nbest: ${describe(best.params)}: ${report(best.t)}`);
}

/** `--l1=0.01 --epochs=20 --threshold=0.5 --norm=0.5 --charMax=4`: try other values without editing CHOSEN (never written). */
function overrides(): Params | undefined {
  const pairs = process.argv.slice(2).map((a) => /^--(\w+)=(.+)$/.exec(a)).filter((m) => m !== null);
  if (pairs.length === 0) return undefined;
  const params: Params = { ...CHOSEN, features: { ...CHOSEN.features } };
  for (const [, key, value] of pairs) {
    if (key! in params) (params as unknown as Record<string, number>)[key!] = Number(value);
    else if (key! in params.features) (params.features as unknown as Record<string, number | boolean>)[key!] = value === 'true' ? true : value === 'false' ? false : Number(value);
    else throw new Error(`unknown parameter ${key}`);
  }
  return params;
}

function main(): void {
  if (process.argv.includes('--grid')) return grid();
  const custom = overrides();
  const chosen = custom ?? CHOSEN;
  const data = examples(chosen.features);
  const cv = crossValidate(data, chosen);
  console.log(`${describe(chosen)}\n5-fold CV over both v2 halves: ${report(cv)}`);
  for (const [family, f] of [...cv.byFamily].sort()) console.log(`  ${family.padEnd(28)} ${f.correct}/${f.total}`);
  if (process.argv.includes('--errors')) console.log(cv.errors.sort().join('\n'));
  const model = quantise(train(data, chosen), chosen.threshold);
  const fit = emptyTally();
  tally(fit, data, predictWith(model));
  console.log(`trained on ${data.length} conversations; fit on them: ${report(fit)}; ${model.count} features, ${model.data.length} base64 characters`);
  console.log(`gzip of the weights: ${gzipSync(JSON.stringify(model), { level: 9 }).length} bytes`);
  if (process.argv.includes('--no-write') || custom) return;
  const file = join(root, 'packages/core/src/suggest/weights.ts');
  writeFileSync(
    file,
    `// Generated by \`pnpm train:suggest\` (scripts/train-suggest.ts) from the development data; do not edit.\n` +
      `// ${describe(CHOSEN)}; 5-fold CV over both v2 halves: ${report(cv)}.\n` +
      `import type { PackedModel } from './model';\n\n` +
      `/** The trained suggestEscalation model: ${model.count} features. */\n` +
      `export const MODEL: PackedModel = ${JSON.stringify(model)};\n`,
  );
  console.log(`wrote ${file}`);
}

main();
