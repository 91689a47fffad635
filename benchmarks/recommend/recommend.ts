/**
 * Ranks the clouds of a run with the user's weights and says whether the figures can
 * name one. Only clouds are ranked: the embedded `local` provider is a reference shown
 * beside the ranking, never part of the normalisation, the probabilities or the choice.
 * Each criterion is scaled 0..1 against the best cloud; a criterion a cloud has no
 * figure for is left out of its score and the remaining weights renormalized, so an
 * unknown cost never reads as free. A cloud is named only when every ranked cloud was
 * measured on the real service and the leader is distinguishable from the runner-up
 * (see docs/benchmark-methodology.md §8).
 */
import type { ProviderResult, RankingEntry, Results } from '../../results/schema.ts';
import { CRITERION_DEFINITIONS, readFigures, type Criterion, type Figure } from './rank-criteria.ts';
import {
  pointValues,
  rankProbability,
  scoreClouds,
  type CloudFigures,
  type RankProbability,
} from './rank-probability.ts';

export { CRITERIA, type Criterion } from './rank-criteria.ts';

/** `freeTier` is optional so weight sets written before it existed stay valid (it then counts 0). */
export type Weights = Record<Exclude<Criterion, 'freeTier'>, number> & { freeTier?: number };

/**
 * `freeTier` (share of the projected month inside the verified free allowances) has
 * weight 0 by default, so default scores are those of the four original groups.
 */
export const DEFAULT_WEIGHTS: Weights = { latency: 1, throughput: 1, cost: 1, reliability: 1, freeTier: 0 };

/** Providers shown beside the ranking, never ranked: the embedded reference runs on this machine. */
export const REFERENCE_PROVIDERS: readonly string[] = ['local'];

/** P(first) the leader needs, on top of clearing the runner-up's interval, before it is named. */
export const DECISION_THRESHOLD = 0.8;

export const EMULATED_CAVEAT =
  'Some figures were measured on emulators or the local machine: this ranking says nothing about the real clouds.';

export type Recommendation = NonNullable<Results['recommendation']>;

export interface RankOptions {
  /** Bootstrap draws; 0 ranks on the point figures only (what the sensitivity scan needs). Default 2000. */
  draws?: number;
  /** Seed of the bootstrap (default 1). */
  seed?: number;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const fmt = (v: number) => v.toFixed(3);
const pct = (p: number) => `${Math.round(p * 100)} %`;

/** Figures keep six significant digits: a failure rate of 0.0004 must not print as 0. */
function figureValues(figures: Record<string, Figure | null>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(figures).map(([id, f]) => [id, f === null ? null : Number(f.value.toPrecision(6))]),
  );
}

function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Why no cloud can be named before any score is looked at, or null. */
function precondition(clouds: readonly ProviderResult[], notOk: readonly ProviderResult[]): string | null {
  if (clouds.length < 2) {
    const ran =
      clouds.length === 1
        ? `only ${clouds[0]!.name} completed the run`
        : notOk.length > 0
          ? 'no cloud completed the run'
          : 'this run measured no cloud';
    const failed = notOk.length > 0 ? ` (${notOk.map((p) => `${p.name} ${p.status}`).join(', ')})` : '';
    return `${ran}${failed}; a choice needs at least two clouds with status ok (local is a reference, not a candidate)`;
  }
  const emulated = clouds.filter((p) => p.emulated).map((p) => p.name);
  if (emulated.length === clouds.length) {
    return `every cloud figure comes from an emulator (${emulated.join(', ')}): the figures describe this machine, not the clouds, and the ranking only shows the method applied to them`;
  }
  if (emulated.length > 0) {
    const real = clouds.filter((p) => !p.emulated).map((p) => p.name);
    return `${listNames(emulated)} ${emulated.length === 1 ? 'was' : 'were'} measured on an emulator and cannot be weighed against ${listNames(real)} measured on the real service`;
  }
  // A latency measured from an operator's machine carries its internet path; one measured in
  // the region does not. Clouds are weighed against each other only from the same kind of place.
  const inRegion = clouds.filter((p) => p.vantage?.kind === 'in-region').map((p) => p.name);
  if (inRegion.length > 0 && inRegion.length < clouds.length) {
    const outside = clouds.filter((p) => p.vantage?.kind !== 'in-region').map((p) => p.name);
    return `${listNames(inRegion)} ${inRegion.length === 1 ? 'was' : 'were'} measured in-region and cannot be weighed against ${listNames(outside)} measured from outside the cloud; run every cloud's runner (docs/infrastructure.md) or every cloud from the same machine`;
  }
  return null;
}

/** Whether the leader stands clear of the runner-up, and the sentence that says so. */
function separation(
  ranking: readonly RankingEntry[],
  probability: RankProbability,
): { distinguishable: boolean | null; reason: string } {
  const [first, second] = ranking;
  if (!first || !second) return { distinguishable: null, reason: 'nothing to compare' };
  if (probability.resampled === 0) {
    return {
      distinguishable: null,
      reason:
        'no weighted criterion has two or more repetitions to resample, so the uncertainty of the scores is unknown',
    };
  }
  const a = first.scoreInterval!;
  const b = second.scoreInterval!;
  const p = first.probabilityFirst!;
  const level = pct(probability.confidence);
  if (a.lower <= b.upper) {
    return {
      distinguishable: false,
      reason: `${first.provider} and ${second.provider} are not distinguishable: their ${level} score intervals overlap ([${fmt(a.lower)}, ${fmt(a.upper)}] and [${fmt(b.lower)}, ${fmt(b.upper)}]); ${first.provider} ranks first in ${pct(p)} of ${probability.draws} draws`,
    };
  }
  if (p < DECISION_THRESHOLD) {
    return {
      distinguishable: false,
      reason: `${first.provider} and ${second.provider} are not distinguishable: ${first.provider} ranks first in ${pct(p)} of ${probability.draws} draws, below ${pct(DECISION_THRESHOLD)}`,
    };
  }
  return {
    distinguishable: true,
    reason: `${first.provider} ranks first in ${pct(p)} of ${probability.draws} draws and its ${level} score interval [${fmt(a.lower)}, ${fmt(a.upper)}] lies above ${second.provider}'s [${fmt(b.lower)}, ${fmt(b.upper)}]`,
  };
}

function method(probability: RankProbability | null, options: RankOptions): NonNullable<Recommendation['method']> {
  return {
    description:
      'Clouds only (local is a reference). Each criterion is scaled 0..1 against the best cloud (more is better: value ÷ best; less is better: best ÷ value; failure rates: success share ÷ best), ' +
      'criteria are averaged within their weight group, and groups are weighted by the user; a missing figure is left out and the weights renormalized. ' +
      'Uncertainty: seeded bootstrap, each draw taking one repetition per criterion per cloud (costs and other single figures stay fixed); P(first) is the share of draws a cloud ranks first, ties shared.',
    draws: probability?.draws ?? options.draws ?? 0,
    seed: probability?.seed ?? options.seed ?? 1,
    confidence: probability?.confidence ?? 0.95,
    threshold: DECISION_THRESHOLD,
    criteria: CRITERION_DEFINITIONS.map(({ id, group, label, unit, direction }) => ({
      id,
      group,
      label,
      unit,
      direction,
    })),
  };
}

/**
 * The ranking of the clouds in `providers` (status ok, not a reference), its uncertainty
 * and the decision; null when no provider at all completed the run.
 */
export function rankProviders(
  providers: readonly ProviderResult[],
  weights: Weights = DEFAULT_WEIGHTS,
  options: RankOptions = {},
): Recommendation | null {
  if (!providers.some((p) => p.status === 'ok')) return null;
  const isReference = (p: ProviderResult) => REFERENCE_PROVIDERS.includes(p.name);
  const clouds = providers.filter((p) => p.status === 'ok' && !isReference(p));
  const notOk = providers.filter((p) => p.status !== 'ok' && !isReference(p));
  const figures: CloudFigures[] = clouds.map((p) => ({ provider: p.name, figures: readFigures(p) }));
  const point = scoreClouds(pointValues(figures), figures.length, weights);
  const draws = options.draws ?? 2000;
  const probability =
    clouds.length >= 2 && draws > 0 ? rankProbability(figures, weights, { draws, seed: options.seed ?? 1 }) : null;
  const known = probability !== null && probability.resampled > 0;
  const entries = clouds.map(
    (p, i): Omit<RankingEntry, 'rank'> => ({
      provider: p.name,
      score: round3(point[i]!.score),
      // Unrounded: the comparison page re-scores from these and must land on the same rounded score.
      criteria: { ...point[i]!.groups },
      emulated: p.emulated,
      ...(probability
        ? {
            probabilityFirst: known ? round3(probability.probabilityFirst[i]!) : null,
            scoreInterval: known
              ? {
                  lower: round3(probability.intervals[i]!.lower),
                  upper: round3(probability.intervals[i]!.upper),
                  confidence: probability.confidence,
                }
              : null,
          }
        : {}),
      figures: figureValues(figures[i]!.figures),
      components: Object.fromEntries(
        Object.entries(point[i]!.components).map(([id, v]) => [id, v === null ? null : round3(v)]),
      ),
    }),
  );
  const ranking = [...entries]
    .sort((a, b) => b.score - a.score || a.provider.localeCompare(b.provider))
    .map((e, i) => ({ ...e, rank: i + 1 }));
  const blocked = precondition(clouds, notOk);
  const separated = probability ? separation(ranking, probability) : { distinguishable: null, reason: '' };
  const decision: NonNullable<Recommendation['decision']> =
    blocked !== null
      ? { kind: 'none', reason: blocked }
      : separated.distinguishable
        ? { kind: 'cloud', cloud: ranking[0]!.provider, reason: separated.reason }
        : { kind: 'none', reason: separated.reason };
  const emulatedCount = clouds.filter((p) => p.emulated).length;
  return {
    weights: { ...weights },
    ranking,
    caveat: clouds.some((p) => p.emulated) ? EMULATED_CAVEAT : null,
    decision,
    basis:
      clouds.length === 0
        ? 'none'
        : emulatedCount === 0
          ? 'measured'
          : emulatedCount === clouds.length
            ? 'emulated'
            : 'mixed',
    distinguishable: separated.distinguishable,
    reference: providers.filter(isReference).map((p) => ({
      provider: p.name,
      emulated: p.emulated,
      status: p.status,
      figures: figureValues(readFigures(p)),
    })),
    method: method(probability, { ...options, draws }),
  };
}

/** The line every surface prints when no cloud is named; null when one is. */
export function noRecommendationLine(rec: Pick<Recommendation, 'decision'> | null): string | null {
  if (!rec) return 'no recommendation: no provider completed the run';
  if (!rec.decision)
    return 'no recommendation: this results file predates the decision rule; run `jobbench recommend --results FILE` to rank it';
  return rec.decision.kind === 'none' ? `no recommendation: ${rec.decision.reason}` : null;
}
