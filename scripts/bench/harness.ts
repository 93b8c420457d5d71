// A small mitata-style timer: warm up, size batches to ~`batchMs`, then take interleaved samples
// of the baseline and the candidate so both see the same CPU conditions (the machine is shared).
const now = (): bigint => process.hrtime.bigint();

/** Keeps results alive so the JIT cannot drop the measured work. */
let sink: unknown;
export const blackhole = (value: unknown): void => {
  sink = value;
};
export const lastSink = (): unknown => sink;

function batchSize(fn: () => unknown, batchMs: number): number {
  // Warm up (JIT tiers) and find how many calls fill one batch.
  let n = 1;
  for (;;) {
    const start = now();
    for (let i = 0; i < n; i++) blackhole(fn());
    const ms = Number(now() - start) / 1e6;
    if (ms >= batchMs / 4 || n >= 1 << 24) return Math.max(1, Math.ceil((n * batchMs) / Math.max(ms, 1e-3)));
    n *= 4;
  }
}

function sample(fn: () => unknown, n: number): number {
  const start = now();
  for (let i = 0; i < n; i++) blackhole(fn());
  return Number(now() - start) / n; // ns per call
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Comparison {
  /** Median ns per call. */
  baselineNs: number;
  candidateNs: number;
  ratio: number;
}

/** Median time of `candidate` and `baseline`, measured alternately in the same run. */
export function compare(baseline: () => unknown, candidate: () => unknown, { samples = 9, batchMs = 15 } = {}): Comparison {
  const nb = batchSize(baseline, batchMs);
  const nc = batchSize(candidate, batchMs);
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < samples; i++) {
    b.push(sample(baseline, nb));
    c.push(sample(candidate, nc));
  }
  const baselineNs = median(b);
  const candidateNs = median(c);
  return { baselineNs, candidateNs, ratio: candidateNs / baselineNs };
}

async function sampleAsync(fn: () => Promise<unknown>, n: number): Promise<number> {
  const start = now();
  for (let i = 0; i < n; i++) blackhole(await fn());
  return Number(now() - start) / n;
}

/** `compare` for async functions (each call awaited before the next). */
export async function compareAsync(
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
  { samples = 9, batchMs = 20, warmupMs = 100 } = {},
): Promise<Comparison> {
  const calibrate = async (fn: () => Promise<unknown>): Promise<number> => {
    let n = 1;
    const until = now() + BigInt(warmupMs * 1e6);
    while (now() < until) await sampleAsync(fn, n);
    for (;;) {
      const ms = ((await sampleAsync(fn, n)) * n) / 1e6;
      if (ms >= batchMs / 4 || n >= 1 << 22) return Math.max(1, Math.ceil((n * batchMs) / Math.max(ms, 1e-3)));
      n *= 4;
    }
  };
  const nb = await calibrate(baseline);
  const nc = await calibrate(candidate);
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < samples; i++) {
    b.push(await sampleAsync(baseline, nb));
    c.push(await sampleAsync(candidate, nc));
  }
  const baselineNs = median(b);
  const candidateNs = median(c);
  return { baselineNs, candidateNs, ratio: candidateNs / baselineNs };
}

/** A human-readable duration from nanoseconds. */
export function duration(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** A markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
