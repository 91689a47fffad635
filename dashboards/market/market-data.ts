/**
 * Market snapshot → what the job-market page embeds (pure; no I/O). The per-posting
 * rows are stored column by column with repeated strings dictionary-encoded, so 50,000
 * postings stay a few megabytes and filters in the page are plain index scans.
 */
import { generatedPostingsNotice } from '../../results/generated-postings.ts';
import type { MarketSnapshot } from '../../results/market-snapshot.ts';
import type { FranceMap } from './france-map.ts';

/** Categorical columns of a posting; each value is an index into `dict[column]`. */
export const CATEGORIES = [
  'source',
  'region',
  'departement',
  'contract',
  'seniority',
  'remote',
  'company',
  'workingTime',
  'city',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const UNKNOWN = 'unknown';

export interface MarketRows {
  count: number;
  /** Days since 1970-01-01 (UTC) of the posting date; null when unknown. */
  day: (number | null)[];
  /** Annual EUR, midpoint of the posted range (as the warehouse computes it); null when unknown. */
  salary: (number | null)[];
  /** 1 when the salary was predicted by the source (Adzuna), not posted. */
  predicted: (0 | 1)[];
  /** Indexes into dict.skill. */
  skills: number[][];
  codes: Record<Category, number[]>;
  dict: Record<Category | 'skill', string[]>;
}

export interface MarketPageData {
  runId: string;
  provider: string;
  generatedAt: string;
  /** From the results file of the same run when there is one. */
  tool: { version: string; gitSha: string | null } | null;
  emulated: boolean | null;
  /** Set when some postings come from the generated `sample` source (results/generated-postings.ts). */
  generatedNotice: string | null;
  tableCounts: Record<string, number>;
  rows: MarketRows;
  map: FranceMap;
}

const DAY_MS = 86_400_000;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Midpoint of a salary range, each bound standing in for the other when missing. */
export function salaryMidpoint(min: number | null, max: number | null): number | null {
  const lo = min ?? max;
  const hi = max ?? min;
  return lo === null || hi === null ? null : (lo + hi) / 2;
}

export function dayNumber(isoDay: string | null): number | null {
  if (!isoDay) return null;
  const t = Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? null : Math.round(t / DAY_MS);
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function toMarketRows(postings: readonly Record<string, unknown>[]): MarketRows {
  const dict = Object.fromEntries([...CATEGORIES, 'skill'].map((c) => [c, [] as string[]])) as MarketRows['dict'];
  const index = Object.fromEntries([...CATEGORIES, 'skill'].map((c) => [c, new Map<string, number>()])) as Record<
    Category | 'skill',
    Map<string, number>
  >;
  const code = (column: Category | 'skill', value: string): number => {
    let i = index[column].get(value);
    if (i === undefined) {
      i = dict[column].length;
      dict[column].push(value);
      index[column].set(value, i);
    }
    return i;
  };
  const rows: MarketRows = {
    count: postings.length,
    day: [],
    salary: [],
    predicted: [],
    skills: [],
    codes: Object.fromEntries(CATEGORIES.map((c) => [c, [] as number[]])) as MarketRows['codes'],
    dict,
  };
  const columnOf: Record<Category, string> = {
    source: 'source',
    region: 'region',
    departement: 'departement',
    contract: 'contract_type',
    seniority: 'seniority',
    remote: 'remote',
    company: 'company',
    workingTime: 'working_time',
    city: 'city',
  };
  for (const p of postings) {
    rows.day.push(dayNumber(text(p.posted_day)));
    rows.salary.push(salaryMidpoint(num(p.salary_min), num(p.salary_max)));
    rows.predicted.push(p.salary_predicted === true ? 1 : 0);
    for (const c of CATEGORIES) rows.codes[c].push(code(c, text(p[columnOf[c]]) ?? UNKNOWN));
    const skills = (text(p.skills) ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    rows.skills.push([...new Set(skills)].map((s) => code('skill', s)));
  }
  return rows;
}

/** Postings per source, the way the page's source filter counts them. */
export function postingsBySource(rows: MarketRows): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of rows.codes.source) {
    const source = rows.dict.source[code]!;
    counts[source] = (counts[source] ?? 0) + 1;
  }
  return counts;
}

export function toMarketPageData(
  snapshot: MarketSnapshot,
  map: FranceMap,
  run: { tool: { version: string; gitSha: string | null }; emulated: boolean } | null,
): MarketPageData {
  const tableCounts: Record<string, number> = {};
  for (const row of snapshot.queries.table_counts ?? []) {
    const name = text(row.table_name);
    const count = num(row.row_count);
    if (name && count !== null) tableCounts[name] = count;
  }
  const rows = toMarketRows(snapshot.queries.market_postings ?? []);
  return {
    runId: snapshot.runId,
    provider: snapshot.provider,
    generatedAt: snapshot.generatedAt,
    tool: run?.tool ?? null,
    emulated: run?.emulated ?? null,
    generatedNotice: generatedPostingsNotice(postingsBySource(rows)),
    tableCounts,
    rows,
    map,
  };
}
