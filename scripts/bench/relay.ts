// Relay throughput and latency on loopback under concurrent load (autocannon), against a bare
// node:http handler that parses the same JSON and answers the same bytes. The two alternate over
// a few rounds and the medians are reported: the machine may be shared, and a single run of
// each can land in a busy or a quiet moment.
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeContext } from './contexts';
import { table } from './harness';

const CONNECTIONS = 50;
const DURATION_S = 4;
const WARMUP_S = 1;
const ROUNDS = 3;
const PATH = '/escalations';

interface Started {
  child: ChildProcess;
  port?: number;
  error?: string;
}

async function start(kind: 'bare' | 'relay'): Promise<Started> {
  // `pnpm bench` bundles the server (scripts/bench/run.mjs); run on its own, this file uses tsx.
  const bundled = process.env.PILLAR_BENCH_RELAY_SERVER;
  const args = bundled ? [bundled, kind] : ['--import', 'tsx', fileURLToPath(new URL('./relay-server.ts', import.meta.url)), kind];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before listening`)));
  });
  const parsed = JSON.parse(first) as { port?: number; error?: string };
  return { child, ...parsed };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function load(port: number, body: string, duration: number): Promise<Result> {
  let n = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        path: PATH,
        headers: { 'content-type': 'application/json' },
        // A new idempotency key per request, so no answer comes from the idempotency store.
        setupRequest: (request) => ({ ...request, body: body.replace('__KEY__', `bench-${process.pid}-${n++}`) }),
      },
    ],
  });
}

/** CPU seconds (user + system) a process has used, from /proc on Linux; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface Run {
  result: Result;
  /** Server CPU time per answered request, in µs. */
  cpuUs?: number;
}

type Kind = 'bare' | 'relay';

/** Starts one server, checks it answers 201, warms it up and measures it. */
async function measure(kind: Kind, body: string, answers: Partial<Record<Kind, number>>): Promise<Run | string> {
  const server = await start(kind);
  try {
    if (server.error || !server.port) return `not measured: ${server.error ?? 'no port'}`;
    const probe = await fetch(`http://127.0.0.1:${server.port}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.replace('__KEY__', 'probe'),
    });
    const answer = await probe.text();
    if (probe.status !== 201) return `not measured: POST ${PATH} answered ${probe.status} ${answer.slice(0, 200)}`;
    answers[kind] = Buffer.byteLength(answer);
    await load(server.port, body, WARMUP_S);
    const before = cpuSeconds(server.child.pid);
    const result = await load(server.port, body, DURATION_S);
    const after = cpuSeconds(server.child.pid);
    const cpuUs = before === undefined || after === undefined || result.requests.total === 0 ? undefined : ((after - before) * 1e6) / result.requests.total;
    return { result, ...(cpuUs === undefined ? {} : { cpuUs }) };
  } finally {
    await stop(server.child);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RelayFigures {
  markdown: string;
  /** median relay requests/s over median bare requests/s, or undefined when the relay could not run */
  ratio?: number;
}

export async function relay(log: (line: string) => void = () => {}): Promise<RelayFigures> {
  const context = makeContext(10);
  const body = JSON.stringify({ optionId: 'human', context, idempotencyKey: '__KEY__' });
  const runs: Record<Kind, Run[]> = { bare: [], relay: [] };
  const answers: Partial<Record<Kind, number>> = {};
  const notes = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so neither always gets the fresher machine.
    const order: Kind[] = round % 2 === 0 ? ['bare', 'relay'] : ['relay', 'bare'];
    for (const kind of order) {
      const run = await measure(kind, body, answers);
      if (typeof run === 'string') {
        notes.add(`${kind}: ${run}`);
        continue;
      }
      runs[kind].push(run);
      const r = run.result;
      const cpu = run.cpuUs === undefined ? '' : `, server CPU ${run.cpuUs.toFixed(0)} µs/request`;
      log(`  round ${round + 1} ${kind}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${cpu}, non-2xx ${r.non2xx}, errors ${r.errors}`);
    }
  }
  const rps = (kind: Kind) => runs[kind].map((run) => run.result.requests.average);
  const bareRps = runs.bare.length ? median(rps('bare')) : undefined;
  const row = (kind: Kind, label: string): string[] => {
    const list = runs[kind];
    if (!list.length) return [label, '–', '–', '–', '–', '–', '–'];
    const values = rps(kind);
    const rate = median(values);
    const spread = list.length > 1 ? ` (${Math.round(Math.min(...values)).toLocaleString('en-US')}–${Math.round(Math.max(...values)).toLocaleString('en-US')})` : '';
    const cpu = list.every((run) => run.cpuUs !== undefined) ? `${median(list.map((run) => run.cpuUs!)).toFixed(0)} µs` : '–';
    const failures = list.reduce((sum, run) => [sum[0]! + run.result.non2xx, sum[1]! + run.result.errors], [0, 0]);
    return [
      label,
      `${Math.round(rate).toLocaleString('en-US')}${spread}`,
      bareRps ? `${((rate / bareRps) * 100).toFixed(0)}%` : '–',
      `${median(list.map((run) => run.result.latency.p50))} ms`,
      `${median(list.map((run) => run.result.latency.p99))} ms`,
      cpu,
      `${failures[0]} / ${failures[1]}`,
    ];
  };
  const ratio = bareRps && runs.relay.length ? median(rps('relay')) / bareRps : undefined;
  const sizes = answers.bare !== undefined && answers.relay !== undefined ? ` Both answer the same headers and a body of ${answers.bare} (bare) and ${answers.relay} (relay) bytes.` : '';
  const markdown = [
    `POST \`${PATH}\` with a 10-message context (${(body.length / 1024).toFixed(1)} KiB), a new idempotency key per request; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s, server in its own process on 127.0.0.1, ${ROUNDS} rounds alternating bare and relay (medians, range in brackets). The relay delivers through a no-op adapter, so the figures are the relay's own cost (parsing, validation, gate, registry, redaction, idempotency, answer).${sizes} Server CPU per request is the server process's CPU time over the requests it answered (Linux only); it depends less on what else the machine runs than requests/s do.`,
    '',
    table(
      ['server', 'requests/s', 'of bare', 'latency p50', 'latency p99', 'server CPU per request', 'non-2xx / errors'],
      [row('bare', 'bare `node:http` (JSON.parse + answer)'), row('relay', '`createEscalationHandler` + `toNodeHandler`')],
    ),
    ...(notes.size ? ['', ...[...notes].map((note) => `- ${note}`)] : []),
  ].join('\n');
  return { markdown, ...(ratio === undefined ? {} : { ratio }) };
}
