// `pnpm bench`: bundle sizes, payload and transcript timings, registry overhead and relay
// throughput; prints each section and writes docs/performance.md. Takes about a minute.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { table } from './harness';
import { brief } from './brief';
import { payloads } from './payloads';
import { registry } from './registry';
import { relay } from './relay';
import { sizes } from './sizes';
import { lazySizes } from './lazy-sizes';
import { clickToPost } from './click';
import { PAGE_LOAD_AIM_GZIP } from './lazy-app.mjs';
import { suggest } from './suggest';

const started = Date.now();
const log = (line: string): void => console.log(line);
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${osType()} ${release()}, Node ${process.version}`;
log(`Machine: ${machine}\n`);

// `pnpm bench --only=registry,relay` runs just those sections and prints them (docs/performance.md
// is only written by a full run, so it never mixes figures from different runs).
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
const SECTIONS = ['sizes', 'lazy', 'click', 'payloads', 'brief', 'registry', 'suggest', 'relay'];
for (const name of only ?? []) if (!SECTIONS.includes(name)) throw new Error(`pnpm bench --only: unknown section "${name}" (sections: ${SECTIONS.join(', ')})`);
if (only) {
  const runs: Record<string, () => Promise<{ markdown: string } | string>> = {
    sizes, lazy: lazySizes, click: () => clickToPost(log), payloads: async () => payloads(log), brief: async () => brief(log),
    registry: () => registry(log), suggest: async () => suggest(log), relay: () => relay(log),
  };
  for (const name of only) {
    log(`${name}…`);
    const out = await runs[name]!();
    log(`${typeof out === 'string' ? out : out.markdown}\n`);
  }
  log(`--only: docs/performance.md not written (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  process.exit(0);
}

log('Bundle sizes…');
const sizeSection = await sizes();
log(`${sizeSection}\n`);
log('Page-load bytes (code splitting)…');
const lazyFigures = await lazySizes();
log(`${lazyFigures.markdown}\n`);
log("Click to the provider's call in Chromium…");
const clickFigures = await clickToPost(log);
log('toPayload and renderTranscript…');
const payloadFigures = payloads(log);
log('The handoff brief in toPayload…');
const briefFigures = brief(log);
log('Registry overhead…');
const registryFigures = await registry(log);
log('suggestEscalation…');
const suggestFigures = suggest(log);
log('Relay throughput…');
const relayFigures = await relay(log);

const worstAt1000 = Object.entries(payloadFigures.at1000)
  .filter(([name]) => name.startsWith('toPayload'))
  .sort((a, b) => b[1] - a[1])[0]!;
const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
const goals = table(
  ['goal', 'measured', 'status'],
  [
    [`the getting-started app loads at most ${PAGE_LOAD_AIM_GZIP.toLocaleString('en-US')} B gzip at page load (without tsyringe)`, `${lazyFigures.pageLoadGzip.toLocaleString('en-US')} B`, verdict(lazyFigures.pageLoadGzip <= PAGE_LOAD_AIM_GZIP)],
    ['`toPayload` within 3× of `JSON.stringify` at 1,000 messages', `worst: ${worstAt1000[0].replace('toPayload ', '')} ${worstAt1000[1].toFixed(2)}×`, verdict(worstAt1000[1] <= 3)],
    ['the brief adds at most 20% to `toPayload` at 1,000 messages', `worst: ${briefFigures.worst.name} +${(briefFigures.worst.added * 100).toFixed(1)}%`, verdict(briefFigures.worst.added <= 0.2)],
    ['registry within 1.2× of a direct call (no-op adapter, 10 messages, same redaction)', `${registryFigures.ratio.toFixed(2)}×`, verdict(registryFigures.ratio <= 1.2)],
    ['relay at least 70% of the bare handler\'s throughput', relayFigures.ratio === undefined ? '–' : `${(relayFigures.ratio * 100).toFixed(0)}%`, verdict(relayFigures.ratio === undefined ? undefined : relayFigures.ratio >= 0.7)],
  ],
);

const doc = `# Performance

What this library costs an app: bytes in the bundle, and time between the click and the open
widget or created ticket, next to what a developer would otherwise write. Written by
\`pnpm bench\` (scripts/bench/); do not edit by hand. Byte budgets per entry live in
\`scripts/size-budgets.json\` and are checked by \`pnpm test\` (\`pnpm check:size\`).

Measured on ${new Date().toISOString().slice(0, 10)}: ${machine}. Timings vary between runs and machines (and this
machine may be shared); the ratios, measured against a baseline in the same run, are the figures to compare.
The code runs as an app's bundler would build it: scripts/bench/run.mjs bundles the benchmarks
with esbuild from the packages' sources (no minification) and runs them with node.

## Goals

${goals}

## Bundle size

esbuild (bundle, minify, ESM, browser platform, ES2022), gzip level 9.

${sizeSection}

${lazyFigures.markdown}

### Click to the provider's call

${clickFigures.markdown}

## \`toPayload\` and \`renderTranscript\`

${payloadFigures.markdown}

### The handoff brief

${briefFigures.markdown}

## \`suggestEscalation\`

${suggestFigures.markdown}

## Registry overhead

${registryFigures.markdown}

## Relay throughput

${relayFigures.markdown}
`;
writeFileSync(join(root, 'docs/performance.md'), doc);
log(`\n${goals}\n\nWrote docs/performance.md in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
