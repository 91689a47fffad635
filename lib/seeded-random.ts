/**
 * The project's one seeded PRNG (mulberry32, public domain): chaos faults, the fault proxy,
 * bootstrap resampling, scenario payloads, the sample source, fixtures and the silhouette
 * sample all draw from it, so a run or a test with a seed sees the same numbers every time.
 */
export type Random = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
