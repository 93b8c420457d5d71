// Relay throughput and latency on loopback under concurrent load (autocannon), against a bare
// node:http handler that parses the same JSON and answers.
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeContext } from './contexts';
import { table } from './harness';

const CONNECTIONS = 50;
const DURATION_S = 5;
const WARMUP_S = 1;
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

export interface RelayFigures {
  markdown: string;
  /** relay requests/s over bare requests/s, or undefined when the relay could not run */
  ratio?: number;
}

export async function relay(log: (line: string) => void = () => {}): Promise<RelayFigures> {
  const context = makeContext(10);
  const body = JSON.stringify({ optionId: 'human', context, idempotencyKey: '__KEY__' });
  const results: Partial<Record<'bare' | 'relay', Result>> = {};
  const notes: string[] = [];
  for (const kind of ['bare', 'relay'] as const) {
    const server = await start(kind);
    try {
      if (server.error || !server.port) {
        notes.push(`${kind}: not measured: ${server.error ?? 'no port'}`);
        continue;
      }
      const probe = await fetch(`http://127.0.0.1:${server.port}${PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body.replace('__KEY__', 'probe'),
      });
      const answer = await probe.text();
      if (probe.status !== 201) {
        notes.push(`${kind}: not measured: POST ${PATH} answered ${probe.status} ${answer.slice(0, 200)}`);
        continue;
      }
      await load(server.port, body, WARMUP_S);
      results[kind] = await load(server.port, body, DURATION_S);
      const r = results[kind]!;
      log(`  ${kind}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
    } finally {
      await stop(server.child);
    }
  }
  const row = (kind: 'bare' | 'relay', label: string): string[] => {
    const r = results[kind];
    if (!r) return [label, '–', '–', '–', '–', '–', '–'];
    const ratio = results.bare ? `${((r.requests.average / results.bare.requests.average) * 100).toFixed(0)}%` : '–';
    return [label, Math.round(r.requests.average).toLocaleString('en-US'), ratio, `${r.latency.average.toFixed(2)} ms`, `${r.latency.p50} ms`, `${r.latency.p99} ms`, `${r.non2xx} / ${r.errors}`];
  };
  const ratio = results.bare && results.relay ? results.relay.requests.average / results.bare.requests.average : undefined;
  const markdown = [
    `POST \`${PATH}\` with a 10-message context (${(body.length / 1024).toFixed(1)} KiB), a new idempotency key per request; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s, server in its own process on 127.0.0.1. The relay delivers through a no-op adapter, so the figures are the relay's own cost (parsing, validation, gate, registry, answer).`,
    '',
    table(
      ['server', 'requests/s', 'of bare', 'latency mean', 'latency p50', 'latency p99', 'non-2xx / errors'],
      [row('bare', 'bare `node:http` (JSON.parse + answer)'), row('relay', '`createEscalationHandler` + `toNodeHandler`')],
    ),
    ...(notes.length ? ['', ...notes.map((note) => `- ${note}`)] : []),
  ].join('\n');
  return { markdown, ...(ratio === undefined ? {} : { ratio }) };
}
