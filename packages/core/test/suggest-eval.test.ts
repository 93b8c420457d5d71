import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggestEscalation } from '@pillar/escalation-core/suggest';
import { evaluate, loadEvalSet } from './fixtures/suggest-eval';

const load = (name: string) => loadEvalSet(readFileSync(join(__dirname, 'fixtures', `suggest-eval-${name}.json`), 'utf8'));
const dev = load('dev');
const test = load('test');

describe('the suggestEscalation evaluation sets', () => {
  it('hold at least 150 labeled conversations, about half of them hard negatives', () => {
    const all = [...dev, ...test];
    expect(all.length).toBeGreaterThanOrEqual(150);
    const negatives = all.filter((c) => c.expect === null).length;
    expect(negatives / all.length).toBeGreaterThan(0.4);
    expect(negatives / all.length).toBeLessThan(0.6);
  });

  it('cover every reason and the five languages in both sets', () => {
    for (const set of [dev, test]) {
      expect(new Set(set.map((c) => c.expect))).toEqual(new Set(['human_requested', 'billing', 'account', 'bug', 'complex', null]));
      expect(new Set(set.map((c) => c.lang))).toEqual(new Set(['en', 'de', 'es', 'fr', 'pt']));
    }
  });

  it('keep the held-out set apart: no conversation is in both', () => {
    const key = (messages: { content: string }[]) => messages.map((m) => m.content.toLowerCase().trim()).join('\n');
    const devKeys = new Set(dev.map((c) => key(c.messages)));
    expect(test.filter((c) => devKeys.has(key(c.messages))).map((c) => c.id)).toEqual([]);
  });
});

describe('the v1 sets (now training data for the model)', () => {
  it('are fitted: precision >= 0.9 and recall >= 0.85 on each', () => {
    for (const set of [dev, test]) {
      const report = evaluate(set, suggestEscalation);
      expect(report.overall.precision).toBeGreaterThanOrEqual(0.9);
      expect(report.overall.recall).toBeGreaterThanOrEqual(0.85);
    }
  });
});

describe('the extra training phrasings (suggest-train-extra.json)', () => {
  const extra = loadEvalSet(readFileSync(join(__dirname, 'fixtures', 'suggest-train-extra.json'), 'utf8'));

  it('cover every family in the six languages, with hard negatives of every kind', () => {
    expect(new Set(extra.map((c) => c.lang))).toEqual(new Set(['en', 'de', 'fr', 'es', 'pt', 'it']));
    const families = new Set(extra.map((c) => c.family));
    for (const family of ['direct_ask', 'indirect_ask', 'misspelled_ask', 'billing_fact', 'account_emergency', 'bug_report', 'data_loss', 'assistant_admission', 'repeated_failure']) {
      expect(families).toContain(family);
    }
    for (const kind of ['botbuilding', 'customers', 'oncall', 'feature', 'other']) expect(families).toContain(`hard_negative_${kind}`);
  });

  it('share no conversation with the v2 development half', () => {
    const key = (messages: { content: string }[]) => messages.map((m) => m.content.toLowerCase().trim()).join('\n');
    const devKeys = new Set(load('v2-dev').map((c) => key(c.messages)));
    expect(extra.filter((c) => devKeys.has(key(c.messages))).map((c) => c.id)).toEqual([]);
  });
});

describe('suggestEscalation on the independently written sets (the model is trained on all of them)', () => {
  const halves = [load('v2-dev'), load('v2-heldout')];
  const v3 = load('v3-heldout');
  const v4dev = load('v4-dev');
  const v4 = load('v4-heldout');
  const v5dev = load('v5-dev');
  const v5 = load('v5-heldout');

  it('are sets of at least 180 conversations each, in six languages, at least 40% positive', () => {
    for (const set of [...halves, v3, v4dev, v4, v5dev, v5]) {
      expect(set.length).toBeGreaterThanOrEqual(180);
      expect(set.filter((c) => c.expect !== null).length / set.length).toBeGreaterThanOrEqual(0.4);
      expect(new Set(set.map((c) => c.lang))).toEqual(new Set(['en', 'de', 'fr', 'es', 'pt', 'it']));
    }
  });

  // In-sample figures (the model was trained on these sets): they show the model fits them, not
  // that it generalises. The leave-one-writer-out figures (`pnpm train:suggest`) are in
  // docs/suggest.md. The v5 set judged the shipped model once as its held-out set and is not
  // trained on (its figures are in docs/suggest.md); the next held-out set (v6) is never read here.
  it.each([
    ['v2 development half', halves[0]!],
    ['v2 second half', halves[1]!],
    ['v3 set', v3],
    ['v4 development half', v4dev],
    ['v4 set', v4],
    ['v5 development set', v5dev],
  ])('is fitted on the %s: recall >= 0.90 at precision >= 0.95, with the right reasons', (_, set) => {
    const report = evaluate(set, suggestEscalation);
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.wrongReason).toBeLessThanOrEqual(3);
  });
});
