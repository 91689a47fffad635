/** The harness shares the wrappers' seeded PRNG (benchmarks may import providers; not the reverse). */
export { seededRandom, type Random } from '../providers/layers/seeded-random.ts';
