/**
 * Ranks providers from normalized criteria with user weights. Each criterion is scaled
 * to 0..1 against the best provider (1 = best); a criterion a provider has no figure for
 * is left out of its score and the weights of the rest are renormalized, so an unknown
 * cost never reads as free.
 */
import type { ProviderResult, RankingEntry, Results } from '../results/schema.ts';

export const CRITERIA = ['latency', 'throughput', 'cost', 'reliability', 'freeTier'] as const;
export type Criterion = (typeof CRITERIA)[number];
/** `freeTier` is optional so weight sets written before it existed stay valid (it then counts 0). */
export type Weights = Record<Exclude<Criterion, 'freeTier'>, number> & { freeTier?: number };

/**
 * `freeTier` (share of the projected month inside the verified free allowances) has
 * weight 0 by default, so default scores are those of the four original criteria.
 */
export const DEFAULT_WEIGHTS: Weights = { latency: 1, throughput: 1, cost: 1, reliability: 1, freeTier: 0 };

export const EMULATED_CAVEAT =
  'Some figures were measured on emulators or the local machine: this ranking says nothing about the real clouds.';

/** The raw figure of each criterion and whether more is better. */
function rawCriteria(p: ProviderResult): Record<Criterion, { value: number | null; higherIsBetter: boolean }> {
  const put = p.scenarios.find((s) => s.name === 'store.put' && s.status === 'ok');
  const totalMs = p.pipeline ? Object.values(p.pipeline.durationsMs).reduce((a, b) => a + b, 0) : 0;
  const rate = p.pipeline && totalMs > 0 ? p.pipeline.transformed / (totalMs / 1000) : null;
  const problems = p.reliability ? p.reliability.lost + p.reliability.duplicated + p.reliability.failed : null;
  return {
    latency: { value: put?.latencyMs?.p95 ?? null, higherIsBetter: false },
    throughput: { value: rate, higherIsBetter: true },
    cost: { value: p.cost?.total ?? null, higherIsBetter: false },
    // Fewer problems is better; +1 keeps the ratio defined when a provider had none.
    reliability: { value: problems === null ? null : problems + 1, higherIsBetter: false },
    freeTier: { value: p.cost?.freeTierFit ?? null, higherIsBetter: true },
  };
}

export function rankProviders(providers: readonly ProviderResult[], weights: Weights = DEFAULT_WEIGHTS): Results['recommendation'] {
  const usable = providers.filter((p) => p.status === 'ok');
  if (usable.length === 0) return null;
  const raws = usable.map(rawCriteria);
  const entries: Omit<RankingEntry, 'rank'>[] = usable.map((p, i) => {
    const criteria: Record<string, number | null> = {};
    let weighted = 0;
    let weightSum = 0;
    for (const c of CRITERIA) {
      const values = raws.map((r) => r[c].value).filter((v): v is number => v !== null && v > 0);
      const mine = raws[i]![c];
      if (mine.value === 0 && mine.higherIsBetter && values.length > 0) {
        criteria[c] = 0; // zero of a more-is-better figure (e.g. no free-tier fit) is the worst possible
      } else if (mine.value === null || mine.value <= 0 || values.length === 0) {
        criteria[c] = mine.value === 0 && !mine.higherIsBetter ? 1 : null; // a true zero cost is the best possible
      } else {
        criteria[c] = mine.higherIsBetter ? mine.value / Math.max(...values) : Math.min(...values) / mine.value;
      }
      const score = criteria[c];
      if (score !== null && score !== undefined) {
        const w = weights[c] ?? 0;
        weighted += w * score;
        weightSum += w;
      }
    }
    return { provider: p.name, score: weightSum > 0 ? Math.round((weighted / weightSum) * 1000) / 1000 : 0, criteria, emulated: p.emulated };
  });
  const ranking = [...entries].sort((a, b) => b.score - a.score || a.provider.localeCompare(b.provider)).map((e, i) => ({ ...e, rank: i + 1 }));
  return { weights: { ...weights }, ranking, caveat: usable.some((p) => p.emulated) ? EMULATED_CAVEAT : null };
}
