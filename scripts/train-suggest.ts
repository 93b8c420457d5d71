/**
 * Trains the suggestEscalation model and writes packages/core/src/suggest/weights.ts.
 *
 * A multinomial logistic regression ("no human needed" plus the five reasons) over hashed
 * features (packages/core/src/suggest/features.ts), fitted with AdaGrad and an L1 penalty so
 * that only a few thousand features keep a weight, then quantised to square-root steps (`quant` each side).
 * Deterministic: a fixed seed for the example order, fixed epochs; the same data always gives
 * the same file.
 *
 * It reads the DEVELOPMENT data only, one group per writer (`SOURCES`), and never the v6
 * held-out set (suggest-eval-v6-heldout.json, which judges the detector once at the end):
 * - v1: suggest-eval-dev.json and suggest-eval-test.json (the author of the first rules),
 * - v2-dev and v2-second: the two v2 halves (two writers who never saw the detector),
 * - v3: suggest-eval-v3-heldout.json (last round's held-out set, scored once, then opened),
 * - v4-dev: suggest-eval-v4-dev.json (a writer who never saw the detector or another set),
 * - v4: suggest-eval-v4-heldout.json (last round's held-out half, scored once, then opened),
 * - v5-dev: suggest-eval-v5-dev.json (a development set from a writer who never saw the detector
 *   or another set),
 * Not read yet: suggest-eval-v5-heldout.json, scored once with the shipped weights and then
 * opened. Training on it changes two fitted examples of the tests (evidence, v2 wrong reasons), so
 * it joins the groups (as `v5`, independent) in the next round, with those checks looked at again.
 * - extra: suggest-train-extra.json (training phrasings written by the helpers who trained the
 *   model, partly after reading the v2 halves): always trained on, never scored.
 *
 * The figure to tune to is leave-one-writer-out (LOWO): each group is scored by a model trained
 * on every other group, so it measures phrasings the model never saw from a writer it never
 * read; the three rules (plain ask, account emergency, billing dispute) apply as shipped. v3,
 * v4-dev, v4 and v5-dev are the independent writers (the extra phrasings were written after
 * reading the v2 halves, which flatters those two). In-sample figures are printed beside it.
 *
 *   pnpm train:suggest                 # LOWO, then train on everything and write weights.ts
 *   pnpm train:suggest --no-write      # the same, without writing
 *   pnpm train:suggest --only=v3,v4-dev --bags=2   # quicker LOWO on some groups (never written)
 *   pnpm train:suggest --errors        # also list the LOWO errors (--families: right / total per family)
 *   pnpm train:suggest --sweep         # also the independent writers at other thresholds and human_requested precedences
 *   pnpm train:suggest --calibrate     # per-reason bias offsets fitted on the v2 halves, scored on the independent writers
 *   pnpm train:suggest --skip-lowo     # train and write without the LOWO figures (size checks)
 *   pnpm train:suggest --no-rules      # score the model alone (--no-account-rule, --no-billing-rule: without one rule)
 *   pnpm train:suggest --dump=file.json   # also write each LOWO conversation's scores and rules (to try decisions offline)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversationFeatures, FEATURE_DEFAULTS, type FeatureOptions } from '../packages/core/src/suggest/features';
import { decide, NO_RULES, readRules, type Rules } from '../packages/core/src/suggest/decide';
import { conversationScores, escalationProbability, HUMAN_PRECEDENCE, MODEL_REASONS, PACKED_MAX, packWeights, reasonIndex, unpackWeights, type PackedModel, type Weights } from '../packages/core/src/suggest/model';
import { loadEvalSet, type EvalConversation, type Expected } from '../packages/core/test/fixtures/suggest-eval';
import { seededRandom } from './test-support/seeded-random';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'packages/core/test/fixtures');
/** One group per writer; `scored: false` is training data only. */
const SOURCES: ReadonlyArray<{ file: string; group: string; scored: boolean; optional?: boolean }> = [
  { file: 'suggest-eval-dev.json', group: 'v1', scored: true },
  { file: 'suggest-eval-test.json', group: 'v1', scored: true },
  { file: 'suggest-eval-v2-dev.json', group: 'v2-dev', scored: true },
  { file: 'suggest-eval-v2-heldout.json', group: 'v2-second', scored: true },
  { file: 'suggest-eval-v3-heldout.json', group: 'v3', scored: true },
  { file: 'suggest-eval-v4-dev.json', group: 'v4-dev', scored: true, optional: true },
  { file: 'suggest-eval-v4-heldout.json', group: 'v4', scored: true },
  { file: 'suggest-eval-v5-dev.json', group: 'v5-dev', scored: true, optional: true },
  { file: 'suggest-train-extra.json', group: 'extra', scored: false },
];
/** The held-out half is never read here, whatever the list above says. */
const FORBIDDEN = /v6-heldout/;
/** The writers who saw neither the detector nor any other set, and whose sets no training phrasing was written from: the figure to tune to. */
const INDEPENDENT = ['v3', 'v4-dev', 'v4', 'v5-dev'];

/** The hyper-parameters; `CHOSEN` is what leave-one-writer-out on the independent writers picked, within the size budget (try others with the overrides). */
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
  /** Weight of the reason loss: for a positive, a softmax over the five reasons alone (no "none"), class-balanced, so the same weights also learn to tell the reasons apart. */
  reasonLoss: number;
  /** Weight of the examples written by the detector's own authors (v1, extra) relative to the independent writers'. */
  authored: number;
  /** Class balance: an example weighs (n / (classes · n_class))^balance (0: every example weighs 1). */
  balance: number;
  /** The largest stored weight magnitude (at most `PACKED_MAX`): fewer steps, fewer bytes per weight. */
  quant: number;
  /** The share of "human needed" at which it suggests. */
  threshold: number;
  features: FeatureOptions;
}
const CHOSEN: Params = { epochs: 30, rate: 0.2, l1: 0.01, positiveWeight: 1, keep: 1280, refit: 1, bags: 5, seed: 20261207, refitL1: 0.01, dfPower: 0.5, balance: 0, reasonLoss: 0, authored: 1, quant: 5, threshold: 0.5, features: FEATURE_DEFAULTS };

interface Example {
  id: string;
  family: string;
  /** Index in MODEL_REASONS, or -1 for "no human needed". */
  label: number;
  messages: Array<{ hashes: number[]; value: number }>;
  global: number[];
  /** The writer group (`SOURCES`). */
  group: string;
  scored: boolean;
  /** What the structural rules read: a plain ask in the user's latest message, an account emergency. */
  rules: Rules;
}

function load(file: string): EvalConversation[] {
  if (FORBIDDEN.test(file)) throw new Error(`train-suggest never reads ${file}`);
  return loadEvalSet(readFileSync(join(fixtures, file), 'utf8'));
}

const labelOf = (expect: Expected): number => (expect === null ? -1 : MODEL_REASONS.indexOf(expect));

function examples(features: FeatureOptions): Example[] {
  return SOURCES.filter((s) => !s.optional || existsSync(join(fixtures, s.file))).flatMap(({ file, group, scored }) =>
    load(file).map((c) => ({
      id: c.id,
      family: c.family || (c.expect ?? 'negative'),
      label: labelOf(c.expect),
      ...(({ messages, global }) => ({ messages: messages.map((m) => ({ hashes: m.hashes, value: m.value })), global, rules: readRules(messages) }))(conversationFeatures(c.messages.filter((m): m is typeof m & { role: 'user' | 'assistant' } => m.role !== 'system'), features)),
      group,
      scored,
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
  weight: number;
  reasonWeight: number;
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
  // Class balance: rarer labels weigh more (`params.balance` 0 turns it off).
  const counts = new Map<number, number>();
  for (const ex of data) counts.set(ex.label, (counts.get(ex.label) ?? 0) + 1);
  const positives = data.filter((ex) => ex.label >= 0).length;
  const classWeight = (label: number): number => (data.length / (counts.size * counts.get(label)!)) ** params.balance;
  const dense: Dense[] = data.map((ex) => ({
    label: ex.label,
    weight: classWeight(ex.label) * (ex.label >= 0 ? params.positiveWeight : 1) * (ex.group === 'v1' || ex.group === 'extra' ? params.authored : 1),
    reasonWeight: ex.label >= 0 ? params.reasonLoss * (positives / (C * (counts.get(ex.label) ?? 1))) * (ex.group === 'v1' || ex.group === 'extra' ? params.authored : 1) : 0,
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
      const weight = ex.weight;
      // The reason loss: a softmax over the reasons alone, for positives.
      let reasonSum = 0;
      if (ex.reasonWeight > 0) for (let c = 0; c < C; c++) reasonSum += Math.exp(z[c]!);
      for (let c = 0; c < C; c++) {
        let g = (Math.exp(z[c]!) / sum - (ex.label === c ? 1 : 0)) * weight;
        if (ex.reasonWeight > 0) g += (Math.exp(z[c]!) / reasonSum - (ex.label === c ? 1 : 0)) * ex.reasonWeight;
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

/** Quantises to q in −quant…quant (at most ±PACKED_MAX) with w ≈ q·|q|·scale (the bias stays a float), shifting the biases so that `threshold` becomes 0.5. */
function quantise({ weights, bias }: Trained, threshold: number, quant: number = PACKED_MAX): PackedModel {
  let max = 0;
  for (const wf of weights.values()) for (const v of wf) max = Math.max(max, Math.abs(v));
  const steps = Math.min(quant, PACKED_MAX);
  const scale = max / steps ** 2 || 1;
  const kept = new Map<number, Int8Array>();
  for (const [f, wf] of weights) {
    const q = Int8Array.from(wf, (v) => Math.sign(v) * Math.round(Math.sqrt(Math.abs(v) / scale)));
    if (q.some((v) => v !== 0)) kept.set(f, q);
  }
  const { count, data } = packWeights(kept);
  const shift = Math.log(threshold / (1 - threshold));
  return { count, scale: Number(scale.toPrecision(6)), steps, bias: [...bias].map((b) => Number((b - shift).toFixed(4))), data };
}

interface Tally {
  tp: number;
  predicted: number;
  support: number;
  anyTp: number;
  /** Per reason (MODEL_REASONS order): labelled, predicted, both. */
  perReason: Array<{ support: number; predicted: number; tp: number }>;
  byFamily: Map<string, { total: number; correct: number }>;
  errors: string[];
}

/** `--no-rules`: score the model alone, without the structural rules. */
const RULES = !process.argv.includes('--no-rules');
/** `--no-account-rule`: without the account-emergency rule (the plain-ask rule still applies). */
const ACCOUNT_RULE = !process.argv.includes('--no-account-rule');
/** `--no-billing-rule`: without the billing-dispute rule. */
const BILLING_RULE = !process.argv.includes('--no-billing-rule');

function predictWith(model: PackedModel, threshold = 0.5, precedence = HUMAN_PRECEDENCE): (ex: Example) => number {
  const weights = unpackWeights(model);
  return (ex) => {
    const { z } = conversationScores(weights, model.bias, ex.messages, ex.global);
    const rules = RULES ? { ...ex.rules, account: ACCOUNT_RULE ? ex.rules.account : -1, billing: BILLING_RULE ? ex.rules.billing : -1 } : NO_RULES;
    return decide(z, rules, threshold, precedence).reason;
  };
}

/** `human_requested` precedences `--sweep` tries (Infinity: none, the strongest reason wins). */
const PRECEDENCES = [Infinity, 1, 0, -1];

/** Thresholds `--sweep` tries on the LOWO models (the shipped threshold is `Params.threshold`). */
const SWEEP = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

function tally(into: Tally, data: readonly Example[], predict: (ex: Example) => number): void {
  for (const ex of data) {
    const got = predict(ex);
    if (ex.label >= 0) {
      into.support += 1;
      into.perReason[ex.label]!.support += 1;
    }
    if (got >= 0) {
      into.predicted += 1;
      into.perReason[got]!.predicted += 1;
    }
    if (got >= 0 && got === ex.label) {
      into.tp += 1;
      into.perReason[got]!.tp += 1;
    }
    if (got >= 0 && ex.label >= 0) into.anyTp += 1;
    const fam = into.byFamily.get(ex.family) ?? { total: 0, correct: 0 };
    fam.total += 1;
    if (got === ex.label) fam.correct += 1;
    else into.errors.push(`${ex.group} ${ex.id} [${ex.family}] expected ${ex.label < 0 ? 'none' : MODEL_REASONS[ex.label]} got ${got < 0 ? 'none' : MODEL_REASONS[got]}`);
    into.byFamily.set(ex.family, fam);
  }
}

const emptyTally = (): Tally => ({ tp: 0, predicted: 0, support: 0, anyTp: 0, perReason: MODEL_REASONS.map(() => ({ support: 0, predicted: 0, tp: 0 })), byFamily: new Map(), errors: [] });
const figures = (t: Tally): { precision: number; recall: number } => ({ precision: t.predicted ? t.tp / t.predicted : 0, recall: t.support ? t.tp / t.support : 0 });

function merge(into: Tally, t: Tally): Tally {
  into.tp += t.tp;
  into.predicted += t.predicted;
  into.support += t.support;
  into.anyTp += t.anyTp;
  t.perReason.forEach((r, c) => {
    into.perReason[c]!.support += r.support;
    into.perReason[c]!.predicted += r.predicted;
    into.perReason[c]!.tp += r.tp;
  });
  for (const [family, f] of t.byFamily) {
    const g = into.byFamily.get(family) ?? { total: 0, correct: 0 };
    into.byFamily.set(family, { total: g.total + f.total, correct: g.correct + f.correct });
  }
  into.errors.push(...t.errors);
  return into;
}

/** Leave one writer out: each scored group is scored by a model trained on every other group. */
/** A held-out conversation's scores under the model that did not see its writer. */
interface Scored {
  group: string;
  id: string;
  label: number;
  z: number[];
  rules: Rules;
}

/** The decision for scores `z` with per-reason `offsets` added (what `suggestEscalation` does with the shipped bias). */
function decideWith(z: readonly number[], offsets: readonly number[]): number {
  const shifted = z.map((v, c) => v + offsets[c]!);
  return escalationProbability(shifted) < 0.5 ? -1 : reasonIndex(shifted);
}

/** Precision and recall with the right reason. */
function scoreOffsets(list: readonly Scored[], offsets: readonly number[]): { precision: number; recall: number } {
  let tp = 0;
  let predicted = 0;
  let support = 0;
  for (const { label, z } of list) {
    const got = decideWith(z, offsets);
    if (label >= 0) support += 1;
    if (got >= 0) predicted += 1;
    if (got >= 0 && got === label) tp += 1;
  }
  return { precision: predicted ? tp / predicted : 0, recall: support ? tp / support : 0 };
}

/**
 * Per-reason bias offsets that maximise precision + recall (right reason) on held-out scores:
 * coordinate search over a coarse grid, ties to the smallest change. Calibrates how often each
 * reason is given (the fits over-give `complex` and under-give `bug` to writers they never read).
 */
function calibrate(list: readonly Scored[]): number[] {
  const offsets = new Array<number>(C).fill(0);
  const grid = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];
  const value = (o: number[]): number => {
    const { precision, recall } = scoreOffsets(list, o);
    return precision + recall;
  };
  for (let pass = 0; pass < 3; pass++) {
    for (let c = 0; c < C; c++) {
      let best = offsets[c]!;
      let bestValue = value(offsets);
      for (const g of grid) {
        const trial = offsets.map((v, i) => (i === c ? g : v));
        const v = value(trial);
        if (v > bestValue + 1e-9 || (Math.abs(v - bestValue) <= 1e-9 && Math.abs(g) < Math.abs(best))) {
          best = g;
          bestValue = v;
        }
      }
      offsets[c] = best;
    }
  }
  return offsets;
}

function leaveOneWriterOut(data: readonly Example[], params: Params, only?: readonly string[]): { lowo: Map<string, Tally>; sweep: Tally[]; precedence: Tally[]; scored: Scored[] } {
  const scored: Scored[] = [];
  const groups = [...new Set(data.filter((e) => e.scored).map((e) => e.group))].filter((g) => !only || only.includes(g));
  const result = new Map<string, Tally>();
  const sweep = SWEEP.map(() => emptyTally());
  const precedence = PRECEDENCES.map(() => emptyTally());
  for (const group of groups) {
    const t = emptyTally();
    const model = quantise(train(data.filter((e) => e.group !== group), params), params.threshold, params.quant);
    const held = data.filter((e) => e.group === group);
    tally(t, held, predictWith(model));
    const weights = unpackWeights(model);
    for (const ex of held) scored.push({ group, id: ex.id, label: ex.label, z: conversationScores(weights, model.bias, ex.messages, ex.global).z, rules: ex.rules });
    // The model's 0.5 is `params.threshold`; other thresholds on the same scores, for the independent writers.
    if (INDEPENDENT.includes(group)) {
      SWEEP.forEach((th, i) => tally(sweep[i]!, held, predictWith(model, th)));
      PRECEDENCES.forEach((p, i) => tally(precedence[i]!, held, predictWith(model, 0.5, p)));
    }
    result.set(group, t);
  }
  return { lowo: result, sweep, precedence, scored };
}

function describe(params: Params): string {
  const f = params.features;
  return `epochs=${params.epochs} rate=${params.rate} l1=${params.l1} keep=${params.keep} bags=${params.bags} refit=${params.refit}/${params.refitL1} df^${params.dfPower} pos=${params.positiveWeight} balance=${params.balance} reasonLoss=${params.reasonLoss} authored=${params.authored} q=${params.quant} t=${params.threshold} chars=${f.charMin}-${f.charMax} last=${f.last} norm=${f.norm}`;
}

const f2 = (n: number, d: number): string => (d ? (n / d).toFixed(2) : '–');

function report(t: Tally): string {
  const { precision, recall } = figures(t);
  return `P ${precision.toFixed(3)} R ${recall.toFixed(3)} (any reason P ${f2(t.anyTp, t.predicted)} R ${f2(t.anyTp, t.support)}; ${t.predicted} suggested / ${t.support} positive)`;
}

/** Per reason: recall tp/support and precision tp/predicted. */
function reasons(t: Tally): string {
  return MODEL_REASONS.map((r, c) => `${r} R ${t.perReason[c]!.tp}/${t.perReason[c]!.support} P ${t.perReason[c]!.tp}/${t.perReason[c]!.predicted}`).join(', ');
}

/** `--l1=0.01 --epochs=20 --threshold=0.5 --norm=0.5 --charMax=4`: try other values without editing CHOSEN (never written). */
function overrides(): Params | undefined {
  const pairs = process.argv
    .slice(2)
    .map((a) => /^--(\w+)=(.+)$/.exec(a))
    .filter((m) => m !== null && m[1] !== 'only' && m[1] !== 'dump');
  if (pairs.length === 0) return undefined;
  const params: Params = { ...CHOSEN, features: { ...CHOSEN.features } };
  for (const [, key, value] of pairs as RegExpExecArray[]) {
    if (key! in params) (params as unknown as Record<string, number>)[key!] = Number(value);
    else if (key! in params.features) (params.features as unknown as Record<string, number | boolean>)[key!] = value === 'true' ? true : value === 'false' ? false : Number(value);
    else throw new Error(`unknown parameter ${key}`);
  }
  return params;
}

function main(): void {
  const custom = overrides();
  const chosen = custom ?? CHOSEN;
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const data = examples(chosen.features);
  console.log(describe(chosen));
  const { lowo, sweep, precedence, scored } = process.argv.includes('--skip-lowo') ? { lowo: new Map<string, Tally>(), sweep: [], precedence: [], scored: [] } : leaveOneWriterOut(data, chosen, only);
  console.log('Leave one writer out (each group scored by a model trained on all the others):');
  for (const [group, t] of lowo) console.log(`  ${group.padEnd(10)} ${report(t)}\n             ${reasons(t)}`);
  const independent = [...lowo].filter(([g]) => INDEPENDENT.includes(g)).reduce((into, [, t]) => merge(into, t), emptyTally());
  const all = [...lowo.values()].reduce((into, t) => merge(into, t), emptyTally());
  console.log(`  ${'independent'.padEnd(10)} ${report(independent)}\n  ${'all'.padEnd(10)} ${report(all)}`);
  if (process.argv.includes('--sweep')) {
    SWEEP.forEach((th, i) => console.log(`    independent at ${th} (relative to the model's threshold): ${report(sweep[i]!)}`));
    PRECEDENCES.forEach((p, i) => console.log(`    independent, human_requested wins from ${p}: ${report(precedence[i]!)}`));
  }
  if (process.argv.includes('--calibrate')) {
    // Nested check: offsets calibrated on the v2 halves' held-out scores, scored on the independent writers.
    const inner = scored.filter((x) => x.group.startsWith('v2-'));
    const outer = scored.filter((x) => INDEPENDENT.includes(x.group));
    const offsets = calibrate(inner);
    const f = (o: number[]): string => Object.values(scoreOffsets(outer, o)).map((v) => v.toFixed(3)).join(' / ');
    console.log(`  calibrated on v2 (${offsets.join(', ')}): independent ${f(new Array<number>(C).fill(0))} -> ${f(offsets)}`);
    const all = calibrate(scored.filter((x) => x.group !== 'v1'));
    console.log(`  calibrated on every scored writer but v1: ${all.join(', ')}`);
  }
  const dump = process.argv.find((a) => a.startsWith('--dump='))?.slice('--dump='.length);
  if (dump) writeFileSync(dump, JSON.stringify(scored));
  if (process.argv.includes('--families')) for (const [family, f] of [...all.byFamily].sort()) console.log(`    ${family.padEnd(28)} ${f.correct}/${f.total}`);
  if (process.argv.includes('--errors')) console.log(all.errors.sort().join('\n'));
  if (only) return;
  const model = quantise(train(data, chosen), chosen.threshold, chosen.quant);
  const predict = predictWith(model);
  console.log('In-sample (trained on every group):');
  const groups = [...new Set(data.map((e) => e.group))];
  for (const group of groups) {
    const t = emptyTally();
    tally(t, data.filter((e) => e.group === group), predict);
    console.log(`  ${group.padEnd(10)} ${report(t)}`);
  }
  console.log(`trained on ${data.length} conversations; ${model.count} features, ${model.data.length} base64 characters`);
  console.log(`gzip of the weights: ${gzipSync(JSON.stringify(model), { level: 9 }).length} bytes`);
  if (process.argv.includes('--no-write') || custom) return;
  const file = join(root, 'packages/core/src/suggest/weights.ts');
  const lowoLine = [...lowo].map(([g, t]) => `${g} ${figures(t).precision.toFixed(2)}/${figures(t).recall.toFixed(2)}`).join(', ');
  writeFileSync(
    file,
    `// Generated by \`pnpm train:suggest\` (scripts/train-suggest.ts) from the development data; do not edit.\n` +
      `// ${describe(CHOSEN)}\n// Leave one writer out, precision/recall with the right reason: ${lowoLine}.\n` +
      `import type { PackedModel } from './model';\n\n` +
      `/** The trained suggestEscalation model: ${model.count} features. */\n` +
      `export const MODEL: PackedModel = ${JSON.stringify(model)};\n`,
  );
  console.log(`wrote ${file}`);
}

main();
