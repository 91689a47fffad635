/**
 * Salary distributions per group (seniority, région, contract type, skill): each group's
 * statistics over every known salary ("all") and without the flagged outliers ("robust").
 */
import { describe, type Distribution } from './distribution.ts';
import type { MarketPosting } from './market-postings.ts';

/** Label of the group of postings whose value is unknown. */
export const UNKNOWN = 'unknown';

/** A posting with its salary flags, as the grouping reads it. */
export interface FlaggedPosting {
  posting: MarketPosting;
  /** True when the posting's salary is excluded from the robust statistics. */
  outlier: boolean;
}

export interface GroupStats {
  group: string;
  postings: number;
  /** Postings of the group with a known salary. */
  withSalary: number;
  /** Of those, flagged as outliers (and left out of `robust`). */
  outliers: number;
  all: Distribution | null;
  robust: Distribution | null;
}

/**
 * Groups postings by the keys `keysOf` returns (several for skills, one for the rest),
 * largest group first, ties by name. `limit` keeps the largest groups only.
 */
export function groupStats(
  postings: readonly FlaggedPosting[],
  keysOf: (posting: MarketPosting) => readonly string[],
  limit = Number.POSITIVE_INFINITY,
): GroupStats[] {
  const groups = new Map<string, { postings: number; all: number[]; robust: number[] }>();
  for (const { posting, outlier } of postings) {
    for (const key of keysOf(posting)) {
      let g = groups.get(key);
      if (!g) {
        g = { postings: 0, all: [], robust: [] };
        groups.set(key, g);
      }
      g.postings += 1;
      if (posting.salaryMid === null) continue;
      g.all.push(posting.salaryMid);
      if (!outlier) g.robust.push(posting.salaryMid);
    }
  }
  return [...groups.entries()]
    .sort(([a, ga], [b, gb]) => gb.postings - ga.postings || a.localeCompare(b))
    .slice(0, limit)
    .map(([group, g]) => ({
      group,
      postings: g.postings,
      withSalary: g.all.length,
      outliers: g.all.length - g.robust.length,
      all: describe(g.all),
      robust: describe(g.robust),
    }));
}

/** One key per posting: the value, or `unknown`. */
export const single = (pick: (p: MarketPosting) => string | null) => (p: MarketPosting) => [pick(p) ?? UNKNOWN];
