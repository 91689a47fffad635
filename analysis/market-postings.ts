/**
 * The postings the analysis reads: the `market_postings` rows of a market snapshot
 * (results/market-snapshot.ts), typed, with the salary midpoint computed the same way
 * the warehouse's salary queries compute it (providers/postgres/analytic-queries.ts).
 */
import type { MarketSnapshot } from '../results/market-snapshot.ts';

/** One posting as the analysis sees it. Unknown categorical values are null. */
export interface MarketPosting {
  id: string;
  source: string;
  /** `YYYY-MM-DD`, or null when the source gave no date. */
  postedDay: string | null;
  company: string | null;
  region: string | null;
  departement: string | null;
  contractType: string | null;
  seniority: string | null;
  remote: string | null;
  /** Annual EUR midpoint of the posted range (one bound when only one is known); null when unknown. */
  salaryMid: number | null;
  /** True when the source estimated the salary rather than the employer posting it (Adzuna). */
  salaryPredicted: boolean;
  /** Canonical lowercase skill names, sorted, without duplicates. */
  skills: string[];
}

type Cell = string | number | boolean | null;

function text(row: Record<string, Cell>, key: string): string | null {
  const value = row[key];
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

function amount(row: Record<string, Cell>, key: string): number | null {
  const value = row[key];
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  // Zero or negative salaries are missing values in disguise, not data.
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Midpoint of a salary range; one bound stands for both when the other is missing. */
export function salaryMidpoint(min: number | null, max: number | null): number | null {
  const lo = min ?? max;
  const hi = max ?? min;
  if (lo === null || hi === null) return null;
  return (lo + hi) / 2;
}

/** Parses one `market_postings` row; throws when the row has no id. */
export function toMarketPosting(row: Record<string, Cell>): MarketPosting {
  const id = text(row, 'id');
  if (id === null) throw new Error('a market_postings row has no id');
  const skills = text(row, 'skills');
  return {
    id,
    source: text(row, 'source') ?? 'unknown',
    postedDay: text(row, 'posted_day'),
    company: text(row, 'company'),
    region: text(row, 'region'),
    departement: text(row, 'departement'),
    contractType: text(row, 'contract_type'),
    seniority: text(row, 'seniority'),
    remote: text(row, 'remote'),
    salaryMid: salaryMidpoint(amount(row, 'salary_min'), amount(row, 'salary_max')),
    salaryPredicted: row.salary_predicted === true || row.salary_predicted === 'true',
    skills:
      skills === null
        ? []
        : [
            ...new Set(
              skills
                .split('|')
                .map((s) => s.trim().toLowerCase())
                .filter((s) => s !== ''),
            ),
          ].sort(),
  };
}

/** The snapshot's postings; throws a sentence when the snapshot lacks the query. */
export function marketPostingsOf(snapshot: MarketSnapshot): MarketPosting[] {
  const rows = snapshot.queries.market_postings;
  if (!rows) {
    throw new Error(
      `the market snapshot of run ${snapshot.runId} has no market_postings query: rerun jobbench run to refresh it`,
    );
  }
  return rows.map(toMarketPosting);
}
