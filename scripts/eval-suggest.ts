/**
 * Evaluates suggestEscalation on the labeled sets in packages/core/test/fixtures and prints
 * Markdown: precision, recall and reason agreement per set, per reason, and the confusion by
 * family (which kinds of conversation it misses, which hard negatives trip it).
 *
 * - suggest-eval-v6-heldout.json: the next round's held-out set, not written yet. It must be
 *   written by someone who saw neither the detector nor any earlier set, and never opened by
 *   whoever tunes the detector. Only aggregate figures are ever printed for it (never a
 *   conversation, an id or an error line), and nothing is chosen from them. Tune with `--dev`,
 *   which leaves it out. Scored once, after the last change of the round; once read, it becomes
 *   development data.
 * - suggest-eval-v5-heldout.json: the previous held-out set (scored once with the model of
 *   2026-12-07, session 3: precision 0.81, recall 0.84 with the right reason, any reason 0.91 /
 *   0.94), now development data.
 * - suggest-eval-v5-dev.json: a development set written beside it by another writer who saw
 *   neither the detector nor any other set.
 * - suggest-eval-v4-heldout.json: last round's held-out set (scored once: precision 0.87, recall
 *   0.84 with the right reason, any reason 0.96 / 0.93), now development data.
 * - suggest-eval-v5-dev.json: this round's development set, written by a writer who saw neither
 *   the detector nor any other set.
 * - suggest-eval-v4-dev.json: the development half of v4, written by a second writer who saw
 *   neither the detector nor any other set.
 * - suggest-eval-v3-heldout.json: the previous round's held-out set (scored once, then made
 *   development data when its figures had been read).
 * - suggest-eval-v2-dev.json and suggest-eval-v2-heldout.json: the two v2 halves, written by two
 *   people who never saw the detector; development data.
 * - The v1 sets (suggest-eval-dev.json, suggest-eval-test.json), written by the author of the
 *   first rules, are training data too.
 *
 * Sets the model is trained on score in-sample here; the honest development figure is the
 * leave-one-set-out validation that `pnpm train:suggest` prints.
 *
 *   pnpm eval:suggest              # every set
 *   pnpm eval:suggest --dev        # without the held-out set (while tuning)
 *   pnpm eval:suggest --errors     # also list the conversations it gets wrong (development sets only)
 *
 * Other scripts can import `suggestEvalReport()` instead of spawning it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { suggestEscalation } from '@pillar/escalation-core/suggest';
import { evaluate, loadEvalSet, type EvalReport } from '../packages/core/test/fixtures/suggest-eval';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'packages/core/test/fixtures');

const pct = (value: number | null): string => (value === null ? '–' : value.toFixed(2));

interface SetSpec {
  file: string;
  title: string;
  /** Per-conversation errors may be printed (never for the held-out half). */
  inspectable: boolean;
  heldOut: boolean;
}

const SETS: SetSpec[] = [
  { file: 'suggest-eval-v6-heldout.json', title: 'v6 held-out set (never seen, never tuned on: the figures to quote)', inspectable: false, heldOut: true },
  { file: 'suggest-eval-v5-heldout.json', title: 'v5 held-out set (scored once, now development data)', inspectable: true, heldOut: false },
  { file: 'suggest-eval-v4-heldout.json', title: 'v4 held-out half (last round\'s held-out set, scored once, now development data)', inspectable: true, heldOut: false },
  { file: 'suggest-eval-v5-dev.json', title: 'v5 development set', inspectable: true, heldOut: false },
  { file: 'suggest-eval-v4-dev.json', title: 'v4 development half', inspectable: true, heldOut: false },
  { file: 'suggest-eval-v3-heldout.json', title: 'v3 set (last round\'s held-out set, scored once, now development data)', inspectable: true, heldOut: false },
  { file: 'suggest-eval-v2-dev.json', title: 'v2 development half', inspectable: true, heldOut: false },
  { file: 'suggest-eval-v2-heldout.json', title: 'v2 second half (development data)', inspectable: true, heldOut: false },
  { file: 'suggest-eval-test.json', title: 'v1 test set (training data)', inspectable: true, heldOut: false },
  { file: 'suggest-eval-dev.json', title: 'v1 dev set (training data)', inspectable: true, heldOut: false },
];

/** Among positives it suggested, the share with the right reason. */
export const reasonAgreement = (report: EvalReport): number | null => (report.suggestOnly.tp === 0 ? null : report.overall.tp / report.suggestOnly.tp);

function table(title: string, report: EvalReport, showErrors: boolean): string {
  const positives = report.total - report.negatives;
  const hard = report.families.filter((f) => f.hardNegative).reduce((n, f) => n + f.total, 0);
  const lines = [
    `### ${title}`,
    '',
    `${report.total} conversations: ${positives} positive, ${report.negatives} negative (${hard} hard negatives).`,
    '',
    `**Precision ${pct(report.overall.precision)}, recall ${pct(report.overall.recall)}** (a suggestion counts only with the right reason); ` +
      `any reason: precision ${pct(report.suggestOnly.precision)}, recall ${pct(report.suggestOnly.recall)}; reason agreement ${pct(reasonAgreement(report))}.`,
    '',
    '| reason | support | predicted | TP | precision | recall |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of [...report.perReason, report.overall, report.suggestOnly]) {
    lines.push(`| ${row.label} | ${row.support} | ${row.predicted} | ${row.tp} | ${pct(row.precision)} | ${pct(row.recall)} |`);
  }
  lines.push('', '| family | kind | conversations | right | missed | wrong reason | false positives |', '|---|---|---:|---:|---:|---:|---:|');
  for (const f of report.families) {
    const kind = f.positive ? 'positive' : f.hardNegative ? 'hard negative' : 'negative';
    lines.push(`| ${f.family} | ${kind} | ${f.total} | ${f.correct} | ${f.missed} | ${f.wrongReason} | ${f.falsePositives} |`);
  }
  if (showErrors && report.errors.length > 0) {
    lines.push('', 'Errors:', ...report.errors.map((e) => `- ${e.id} expected ${e.expected ?? 'none'}, got ${e.got ?? 'none'} (${e.signals.join(', ') || 'no signals'}): ${e.first}`));
  }
  return lines.join('\n');
}

/** Scores one set file, or undefined when it does not exist. */
export function evaluateSet(file: string): EvalReport | undefined {
  const path = join(fixtures, file);
  return existsSync(path) ? evaluate(loadEvalSet(readFileSync(path, 'utf8')), suggestEscalation) : undefined;
}

/** The evaluation as Markdown: the held-out half first (unless `dev`), then the development sets. */
export function suggestEvalReport(options: { errors?: boolean; dev?: boolean } = {}): string {
  const started = performance.now();
  const sections: string[] = [];
  let total = 0;
  for (const spec of SETS) {
    if (spec.heldOut && options.dev) continue;
    let report: EvalReport | undefined;
    try {
      report = evaluateSet(spec.file);
    } catch (error) {
      // For the held-out set, say what is wrong without quoting its text.
      const message = error instanceof Error ? error.message : String(error);
      sections.push(`### ${spec.title}\n\n(${spec.file} could not be read: ${spec.heldOut ? message.replace(/\(got .*$/s, '').slice(0, 120) : message})`);
      continue;
    }
    if (!report) {
      sections.push(`### ${spec.title}\n\n(${spec.file} is not there yet.)`);
      continue;
    }
    total += report.total;
    sections.push(table(`${spec.title}: ${spec.file}`, report, (options.errors ?? false) && spec.inspectable));
  }
  const ms = performance.now() - started;
  return [
    '## suggestEscalation',
    '',
    ...sections.flatMap((s) => [s, '']),
    `"precision" and "recall" count a suggestion only with the right reason; "any reason" only asks whether to suggest. ` +
      `Reason agreement: of the positives it suggested, the share with the labelled reason. ${total} conversations in ${ms.toFixed(0)} ms.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(suggestEvalReport({ errors: process.argv.includes('--errors'), dev: process.argv.includes('--dev') }));
}
