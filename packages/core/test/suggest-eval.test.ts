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

describe('suggestEscalation on the two v2 halves (written by people who never saw the detector; the model is trained on both)', () => {
  const halves = [load('v2-dev'), load('v2-heldout')];

  it('are sets of at least 200 conversations each, in six languages, at least 40% positive', () => {
    for (const half of halves) {
      expect(half.length).toBeGreaterThanOrEqual(200);
      expect(half.filter((c) => c.expect !== null).length / half.length).toBeGreaterThanOrEqual(0.4);
      expect(new Set(half.map((c) => c.lang))).toEqual(new Set(['en', 'de', 'fr', 'es', 'pt', 'it']));
    }
  });

  // In-sample figures (the model was trained on both halves): they show the model fits them, not
  // that it generalises. The cross-validated and the v3 held-out figures are in docs/suggest.md.
  it.each([
    ['development half', 0],
    ['second half (opened after two held-out runs)', 1],
  ])('is fitted on the %s: recall >= 0.90 at precision >= 0.95, with the right reasons', (_, index) => {
    const report = evaluate(halves[index]!, suggestEscalation);
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.wrongReason).toBeLessThanOrEqual(3);
  });
});
