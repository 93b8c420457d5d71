/**
 * A small seeded pseudo-random source (mulberry32): the same seed gives the same numbers on
 * every run. Shared by the bench's generated contexts, the detector's training order and the
 * chaos run's faults.
 */
export type Random = () => number;

/** A generator of numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
