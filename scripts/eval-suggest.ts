/**
 * Evaluates suggestEscalation on the labeled sets in packages/core/test/fixtures:
 * precision and recall per reason and overall, for the dev set (the signal table was tuned on
 * it) and the held-out test set (never tuned on). Prints a Markdown table to stdout.
 *
 *   pnpm eval:suggest            # both sets
 *   pnpm eval:suggest --errors   # also list every conversation it gets wrong
 *
 * Other scripts (the bench) can import `suggestEvalReport()` instead of spawning it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { suggestEscalation } from '@pillar/escalation-core/suggest';
import { evaluate, loadEvalSet, type EvalReport } from '../packages/core/test/fixtures/suggest-eval';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'packages/core/test/fixtures');

const pct = (value: number | null): string => (value === null ? '–' : value.toFixed(2));

function table(title: string, report: EvalReport, showErrors: boolean): string {
  const lines = [
    `### ${title} (${report.total} conversations, ${report.negatives} hard negatives)`,
    '',
    '| reason | support | predicted | TP | precision | recall |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of [...report.perReason, report.overall, report.suggestOnly]) {
    lines.push(`| ${row.label} | ${row.support} | ${row.predicted} | ${row.tp} | ${pct(row.precision)} | ${pct(row.recall)} |`);
  }
  lines.push('', `Hard negatives wrongly suggested: ${report.falsePositives.length} of ${report.negatives}.`);
  if (showErrors && report.errors.length > 0) {
    lines.push('', 'Errors:', ...report.errors.map((e) => `- ${e.id} expected ${e.expected ?? 'none'}, got ${e.got ?? 'none'} (${e.signals.join(', ') || 'no signals'}): ${e.first}`));
  }
  return lines.join('\n');
}

/** The evaluation as Markdown: the held-out table first, then the dev set's. */
export function suggestEvalReport(options: { errors?: boolean } = {}): string {
  const showErrors = options.errors ?? false;
  const started = performance.now();
  const dev = evaluate(loadEvalSet(readFileSync(join(fixtures, 'suggest-eval-dev.json'), 'utf8')), suggestEscalation);
  const test = evaluate(loadEvalSet(readFileSync(join(fixtures, 'suggest-eval-test.json'), 'utf8')), suggestEscalation);
  const ms = performance.now() - started;
  return [
    '## suggestEscalation',
    '',
    table('Held-out test set (reported)', test, showErrors),
    '',
    table('Dev set (tuned on: optimistic)', dev, showErrors),
    '',
    `"overall" requires the right reason; "suggest (any reason)" only the right yes/no. ${dev.total + test.total} conversations in ${ms.toFixed(0)} ms.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(suggestEvalReport({ errors: process.argv.includes('--errors') }));
}
