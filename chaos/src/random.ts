/**
 * Seeded randomness for the chaos run: the same seed draws the same faults, so a failing run can
 * be replayed with `CHAOS_SEED`. Timing still varies from run to run.
 */
import type { Random } from '../../scripts/test-support/seeded-random';

export { seededRandom, type Random } from '../../scripts/test-support/seeded-random';

/** One element of a non-empty list, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
