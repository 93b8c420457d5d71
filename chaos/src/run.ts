import { randomUUID } from 'node:crypto';
import { escalateFromBrowser, type ClientOutcome, type ClientPatience } from './client';
import { chaosContext, chaosUser } from './contexts';
import { startProviderEmulator } from './emulator/server';
import { faultPlan, type FaultKind } from './faults';
import { seededRandom } from './random';
import { startRelayInstance, type RelayInstance } from './relay-instance';
import { CHAOS_CREDENTIALS, chaosOptionFor } from './server-options';
import { tally, type ChaosFigures } from './tally';

/** One bounded run. */
export interface ChaosRunSettings {
  /** Escalations in all. */
  escalations: number;
  /** Browsers escalating at once. */
  clients: number;
  /** Relay processes behind the load balancer. */
  instances: number;
  /** Share of provider requests that get a fault (0 to 1). */
  faultRate: number;
  /** The faults drawn from. @defaultValue every kind */
  faultKinds?: readonly FaultKind[];
  /** Seeds the faults and the load balancer. */
  seed: number;
  /** Every adapter's per-request timeout, in ms. */
  adapterTimeoutMs: number;
  /** How late a `slow` answer comes, in ms (past `adapterTimeoutMs`). */
  slowMs: number;
  /** The relays' claim lease, in ms. */
  leaseMs: number;
  /** Where the relays keep idempotency records, claims and the journal. */
  store: 'redis' | 'memory';
  redisUrl?: string;
  /** When this share of the escalations has started, one instance is SIGKILLed; `undefined` for none. */
  killAt?: number;
  /** How long the killed instance stays down before it is started again, in ms. */
  downMs: number;
  /** How the app behind each browser retries. */
  patience: ClientPatience;
  /** Intercom's `find.absentWhenNotFound` (see `chaosServerOptions`). */
  trustIntercomSearch: boolean;
  /** Progress lines (the kill, the restart). @defaultValue none */
  log?: (line: string) => void;
}

/** What a run returns. */
export interface ChaosRunResult {
  figures: ChaosFigures;
  /** What happened to the instances, with times from the start. */
  events: string[];
  /** Emulator requests that matched no endpoint. */
  unmatched: string[];
}

const RELAY_HOST = 'http://relay.chaos';

/**
 * Runs `escalations` escalations from `clients` concurrent browsers through `instances` relay
 * processes behind a plain load balancer (each request to one of them at random, dead or alive),
 * against the fault-injecting emulator; kills one instance with SIGKILL mid-run and starts it
 * again; waits out the last slow provider answers; then counts from the emulator's records.
 */
export async function chaosRun(settings: ChaosRunSettings): Promise<ChaosRunResult> {
  const log = settings.log ?? (() => {});
  const faults = faultPlan(settings.faultRate, seededRandom(settings.seed), settings.faultKinds);
  const emulator = await startProviderEmulator({ faults, slowMs: settings.slowMs, credentials: CHAOS_CREDENTIALS });
  const relays: RelayInstance[] = [];
  const events: string[] = [];
  const started = Date.now();
  const note = (line: string) => {
    const stamped = `${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`;
    events.push(stamped);
    log(stamped);
  };
  try {
    const relaySettings = {
      baseUrls: emulator.baseUrls,
      store: settings.store,
      ...(settings.redisUrl ? { redisUrl: settings.redisUrl } : {}),
      prefix: `chaos:${randomUUID()}:`,
      adapterTimeoutMs: settings.adapterTimeoutMs,
      leaseMs: settings.leaseMs,
      trustIntercomSearch: settings.trustIntercomSearch,
    };
    relays.push(...(await Promise.all(Array.from({ length: settings.instances }, (_, i) => startRelayInstance(`relay-${String.fromCharCode(97 + i)}`, relaySettings)))));
    note(`${relays.length} relay instances up (${settings.store} store)`);

    // A plain load balancer: each request goes to an instance at random, whether it is up or not.
    const balance = seededRandom(settings.seed ^ 0x5bd1e995);
    const relayAnswers: Record<string, number> = {};
    const seen = (what: string) => {
      relayAnswers[what] = (relayAnswers[what] ?? 0) + 1;
    };
    const fetchThrough: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const relay = relays[Math.floor(balance() * relays.length)]!;
      try {
        const response = await fetch(url.replace(RELAY_HOST, `http://127.0.0.1:${relay.port}`), init);
        seen(String(response.status));
        return response;
      } catch (error) {
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        seen(typeof code === 'string' ? code : 'network error');
        throw error;
      }
    };

    const outcomes: ClientOutcome[] = new Array(settings.escalations);
    const killIndex = settings.killAt === undefined ? -1 : Math.floor(settings.escalations * settings.killAt);
    let crash: Promise<void> = Promise.resolve();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < settings.escalations; i = next++) {
        if (i === killIndex) crash = killAndRestart(relays[relays.length - 1]!, settings.downMs, note);
        outcomes[i] = await escalateFromBrowser(`${RELAY_HOST}/api/escalation`, fetchThrough, chaosUser(i).id, chaosOptionFor(i), chaosContext(i), settings.patience);
      }
    };
    await Promise.all(Array.from({ length: settings.clients }, worker));
    await crash;
    note('every escalation answered');
    // A slow create may still land after its caller gave up: let the last ones settle before counting.
    await new Promise((resolve) => setTimeout(resolve, settings.slowMs + 500));
    const durationMs = Date.now() - started;
    const figures = tally({ outcomes, records: emulator.truth.all(), faults: faults.counts(), requests: faults.requests(), relayAnswers, durationMs });
    return { figures, events, unmatched: emulator.unmatched() };
  } finally {
    await Promise.all(relays.map((relay) => relay.stop()));
    await emulator.close();
  }
}

async function killAndRestart(relay: RelayInstance, downMs: number, note: (line: string) => void): Promise<void> {
  await relay.kill();
  note(`${relay.name} killed (SIGKILL)`);
  await new Promise((resolve) => setTimeout(resolve, downMs));
  await relay.restart();
  note(`${relay.name} restarted on port ${relay.port}`);
}
