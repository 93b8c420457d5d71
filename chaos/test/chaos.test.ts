import { writeFileSync } from 'node:fs';
import { FAULT_KINDS } from '../src/faults';
import { chaosRedis, type ChaosRedis } from '../src/redis-server';
import { chaosRun } from '../src/run';
import { chaosSettingsFromEnv } from '../src/settings';
import { describeFigures } from '../src/tally';

// The bounded run: N escalations (CHAOS_N, default 1,000) from 30 concurrent browsers
// using the real `relay` adapter, two relay processes sharing one real Redis, the real Zendesk,
// Freshdesk and Intercom adapters with fallbacks, 30% provider faults of every kind, and one
// relay SIGKILLed and restarted mid-run. The figures come from the emulator's records.
let redis: ChaosRedis | undefined;

beforeAll(async () => {
  redis = await chaosRedis();
}, 30_000);

afterAll(async () => {
  await redis?.stop();
});

const settings = () => chaosSettingsFromEnv(process.env, redis!.url);
const budgetMs = Math.max(240_000, Number(process.env.CHAOS_N ?? 1_000) * 300);

describe('chaos: exactly once under faults, a crash and two instances on a shared Redis', () => {
  it(
    'loses no escalation, doubles none, and leaves at most 0.5% unresolved',
    async () => {
      const run = settings();
      const { figures, events, unmatched } = await chaosRun(run);
      const text = `chaos run (seed ${run.seed}, fault rate ${run.faultRate}, ${run.clients} clients, ${run.instances} instances, ${run.store} store)\n${events.join('\n')}\n${describeFigures(figures)}\n`;
      process.stdout.write(`\n${text}\n`);
      if (process.env.CHAOS_REPORT) writeFileSync(process.env.CHAOS_REPORT, `${JSON.stringify({ settings: { ...run, redisUrl: undefined }, events, figures }, null, 2)}\n`);

      // The run was what it claims to be: every endpoint known, the crash happened, every fault kind hit creates and lookups.
      expect(unmatched).toEqual([]);
      expect(events.some((e) => e.includes('killed (SIGKILL)'))).toBe(true);
      expect(events.some((e) => e.includes('restarted'))).toBe(true);
      for (const kind of FAULT_KINDS) {
        expect(figures.faultsByRole.create[kind]).toBeGreaterThan(0);
        expect(figures.faultsByRole.lookup[kind]).toBeGreaterThan(0);
      }
      expect(figures.strayRecords).toBe(0);

      // The targets.
      expect({ lost: figures.lost, duplicates: figures.duplicates, wrongReference: figures.wrongReference }).toEqual({ lost: 0, duplicates: 0, wrongReference: 0 });
      expect(figures.unresolved).toBeLessThanOrEqual(Math.floor(figures.escalations * 0.005));
    },
    budgetMs,
  );
});
