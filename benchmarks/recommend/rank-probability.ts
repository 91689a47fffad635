/**
 * The ranking's arithmetic over the clouds' figures: each criterion scaled 0..1 against
 * the best cloud, criteria averaged within their weight group, groups weighted by the
 * user. Then the uncertainty: a seeded bootstrap over repetitions — each draw takes one
 * repetition's observation per criterion per cloud (figures without repetitions, such
 * as costs, stay fixed), rescores every cloud and counts who comes first. The share of
 * draws a cloud wins is its P(first); the 2.5th–97.5th percentiles of its draws are its
 * score interval. Pure and deterministic for a seed.
 */
import { percentileSorted } from '../../lib/percentile.ts';
import { CRITERIA, CRITERION_DEFINITIONS, type Criterion, type Direction, type Figure } from './rank-criteria.ts';
import { seededRandom } from '../../lib/seeded-random.ts';

/** The user's weight per group; a group left out counts 0. */
export type GroupWeights = Partial<Record<Criterion, number>>;

export interface CloudFigures {
  provider: string;
  figures: Record<string, Figure | null>;
}

export interface CloudScore {
  /** Weighted mean of the group scores the cloud has a figure for (unrounded). */
  score: number;
  /** Group score: mean of its criteria's 0..1 scores; null when the cloud has none of them. */
  groups: Record<Criterion, number | null>;
  /** Each criterion's 0..1 score (1 = best cloud), null when unknown. */
  components: Record<string, number | null>;
}

/** One criterion's values across clouds → 0..1 scores (null stays null: never read as free or as worst). */
export function normalise(direction: Direction, values: readonly (number | null)[]): (number | null)[] {
  if (direction === 'rate') {
    const shares = values.map((v) => (v === null ? null : 1 - v));
    const best = Math.max(...shares.filter((s): s is number => s !== null));
    return shares.map((s) => (s === null || !(best > 0) ? null : Math.max(0, s) / best));
  }
  const positive = values.filter((v): v is number => v !== null && v > 0);
  return values.map((v) => {
    if (v === null || v < 0) return null;
    if (direction === 'more') {
      if (positive.length === 0) return null; // every cloud at zero: nothing tells them apart
      return v === 0 ? 0 : v / Math.max(...positive);
    }
    if (v === 0) return 1; // a true zero cost or latency is the best possible
    return Math.min(...positive) / v;
  });
}

/** Scores of every cloud for one set of values (`values[criterion][cloud]`). */
export function scoreClouds(
  values: Record<string, readonly (number | null)[]>,
  cloudCount: number,
  weights: GroupWeights,
): CloudScore[] {
  const normalised = Object.fromEntries(
    CRITERION_DEFINITIONS.map((c) => [c.id, normalise(c.direction, values[c.id] ?? [])]),
  );
  return Array.from({ length: cloudCount }, (_, i) => {
    const components: Record<string, number | null> = {};
    const sums = new Map<Criterion, { total: number; n: number }>();
    for (const c of CRITERION_DEFINITIONS) {
      const v = normalised[c.id]![i] ?? null;
      components[c.id] = v;
      if (v === null) continue;
      const s = sums.get(c.group) ?? { total: 0, n: 0 };
      sums.set(c.group, { total: s.total + v, n: s.n + 1 });
    }
    const groups = Object.fromEntries(
      CRITERIA.map((g) => {
        const s = sums.get(g);
        return [g, s ? s.total / s.n : null];
      }),
    ) as Record<Criterion, number | null>;
    let weighted = 0;
    let weightSum = 0;
    for (const g of CRITERIA) {
      const v = groups[g];
      if (v === null) continue;
      weighted += (weights[g] ?? 0) * v;
      weightSum += weights[g] ?? 0;
    }
    return { score: weightSum > 0 ? weighted / weightSum : 0, groups, components };
  });
}

/** The point values (`figure.value`) of every criterion, cloud by cloud. */
export function pointValues(clouds: readonly CloudFigures[]): Record<string, (number | null)[]> {
  return Object.fromEntries(
    CRITERION_DEFINITIONS.map((c) => [c.id, clouds.map((cl) => cl.figures[c.id]?.value ?? null)]),
  );
}

export interface ProbabilityOptions {
  /** Bootstrap draws (default 2000). */
  draws?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Interval level (default 0.95). */
  confidence?: number;
}

export interface RankProbability {
  /** Share of draws each cloud ranks first (a tie shares the draw), in cloud order; sums to 1. */
  probabilityFirst: number[];
  /** Percentile interval of each cloud's score over the draws. */
  intervals: { lower: number; upper: number }[];
  /** Weighted criteria, over all clouds, that had two or more repetitions to resample. */
  resampled: number;
  draws: number;
  seed: number;
  confidence: number;
}

/** Scores closer than this are a tie (they differ only by floating-point noise). */
const TIE = 1e-9;

export function rankProbability(
  clouds: readonly CloudFigures[],
  weights: GroupWeights,
  options: ProbabilityOptions = {},
): RankProbability {
  const draws = options.draws ?? 2000;
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(seed);
  const n = clouds.length;
  const base = pointValues(clouds);
  const weighted = CRITERION_DEFINITIONS.filter((c) => (weights[c.group] ?? 0) > 0);
  // Only criteria with repetitions vary between draws; the rest keep their point value.
  const varying = weighted.flatMap((c) =>
    clouds.flatMap((cl, i) => {
      const obs = cl.figures[c.id]?.observations ?? [];
      return obs.length >= 2 ? [{ id: c.id, cloud: i, obs }] : [];
    }),
  );
  const wins = new Float64Array(n);
  const scores = Array.from({ length: n }, () => new Float64Array(draws));
  for (let d = 0; d < draws; d++) {
    const values = Object.fromEntries(Object.entries(base).map(([id, v]) => [id, [...v]]));
    for (const { id, cloud, obs } of varying) values[id]![cloud] = obs[Math.floor(random() * obs.length)]!;
    const drawn = scoreClouds(values, n, weights);
    const best = Math.max(...drawn.map((s) => s.score));
    const leaders = drawn.flatMap((s, i) => (best - s.score <= TIE ? [i] : []));
    for (const i of leaders) wins[i] = wins[i]! + 1 / leaders.length;
    drawn.forEach((s, i) => {
      scores[i]![d] = s.score;
    });
  }
  const alpha = ((1 - confidence) / 2) * 100;
  return {
    probabilityFirst: [...wins].map((w) => (draws > 0 ? w / draws : 0)),
    intervals: scores.map((s) => {
      const sorted = s.sort();
      return { lower: percentileSorted(sorted, alpha), upper: percentileSorted(sorted, 100 - alpha) };
    }),
    resampled: varying.length,
    draws,
    seed,
    confidence,
  };
}
