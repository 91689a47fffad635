/**
 * Aggregations of the job-market page over the filtered postings (pure; run in the page
 * on every filter change and in tests). Salaries are midpoints of posted ranges;
 * "predicted" salaries (estimated by the source) count only when the filter says so.
 */
import { CATEGORIES, dayString, UNKNOWN, type Category, type MarketRows } from './market-data.ts';

/** A filter value of null means "all". */
export interface MarketFilter {
  source: string | null;
  region: string | null;
  contract: string | null;
  seniority: string | null;
  skill: string | null;
  /** Count salaries the source predicted rather than posted. */
  includePredicted: boolean;
}

export const NO_FILTER: MarketFilter = {
  source: null,
  region: null,
  contract: null,
  seniority: null,
  skill: null,
  includePredicted: true,
};

/** Indexes of the postings that pass the filter. */
export function filterRows(rows: MarketRows, filter: MarketFilter): number[] {
  const want = (column: Category, value: string | null): number | null =>
    value === null ? null : rows.dict[column].indexOf(value);
  const wanted: [Category, number | null][] = [
    ['source', want('source', filter.source)],
    ['region', want('region', filter.region)],
    ['contract', want('contract', filter.contract)],
    ['seniority', want('seniority', filter.seniority)],
  ];
  const skill = filter.skill === null ? null : rows.dict.skill.indexOf(filter.skill);
  const out: number[] = [];
  for (let i = 0; i < rows.count; i++) {
    if (wanted.some(([c, v]) => v !== null && rows.codes[c][i] !== v)) continue;
    if (skill !== null && !rows.skills[i]!.includes(skill)) continue;
    out.push(i);
  }
  return out;
}

export function salaryOf(rows: MarketRows, i: number, includePredicted: boolean): number | null {
  if (!includePredicted && rows.predicted[i] === 1) return null;
  return rows.salary[i] ?? null;
}

/** Median by linear interpolation (percentile_cont(0.5), as the warehouse computes it). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(mid)]!;
  const hi = sorted[Math.ceil(mid)]!;
  return (lo + hi) / 2;
}

export interface SkillStat {
  skill: string;
  postings: number;
  withSalary: number;
  median: number | null;
  /** Median with the skill minus the median of all filtered postings (EUR/year). */
  premium: number | null;
}

export function topSkills(
  rows: MarketRows,
  idx: readonly number[],
  includePredicted: boolean,
  limit = 15,
): SkillStat[] {
  const counts = new Map<number, number>();
  const salaries = new Map<number, number[]>();
  const all: number[] = [];
  for (const i of idx) {
    const s = salaryOf(rows, i, includePredicted);
    if (s !== null) all.push(s);
    for (const k of rows.skills[i]!) {
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (s !== null) (salaries.get(k) ?? salaries.set(k, []).get(k)!).push(s);
    }
  }
  const overall = median(all);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || rows.dict.skill[a[0]]!.localeCompare(rows.dict.skill[b[0]]!))
    .slice(0, limit)
    .map(([k, postings]) => {
      const m = median(salaries.get(k) ?? []);
      return {
        skill: rows.dict.skill[k]!,
        postings,
        withSalary: salaries.get(k)?.length ?? 0,
        median: m,
        premium: m !== null && overall !== null ? m - overall : null,
      };
    });
}

/** Preferred order of known groups; the rest follow by size, "unknown" last. */
const ORDER: Partial<Record<Category, string[]>> = {
  seniority: ['junior', 'mid', 'senior', 'lead'],
  contract: ['permanent', 'fixed-term', 'temporary', 'freelance', 'internship', 'apprenticeship', 'other'],
  remote: ['none', 'hybrid', 'full'],
};

export interface GroupCount {
  group: string;
  count: number;
}

export function countBy(rows: MarketRows, idx: readonly number[], column: Category): GroupCount[] {
  const counts = new Map<number, number>();
  for (const i of idx) counts.set(rows.codes[column][i]!, (counts.get(rows.codes[column][i]!) ?? 0) + 1);
  const order = ORDER[column] ?? [];
  const rank = (g: string) => (g === UNKNOWN ? 2 : order.includes(g) ? 0 : 1);
  return [...counts.entries()]
    .map(([code, count]) => ({ group: rows.dict[column][code]!, count }))
    .sort(
      (a, b) =>
        rank(a.group) - rank(b.group) ||
        (rank(a.group) === 0 ? order.indexOf(a.group) - order.indexOf(b.group) : 0) ||
        b.count - a.count ||
        a.group.localeCompare(b.group),
    );
}

export interface SalaryGroup {
  group: string;
  salaries: number[];
  postings: number;
}

/** Salaries per group, in the same order as countBy; groups without salaries kept (empty). */
export function salariesBy(
  rows: MarketRows,
  idx: readonly number[],
  column: Category,
  includePredicted: boolean,
): SalaryGroup[] {
  const byCode = new Map<number, number[]>();
  for (const i of idx) {
    const s = salaryOf(rows, i, includePredicted);
    const code = rows.codes[column][i]!;
    const list = byCode.get(code) ?? byCode.set(code, []).get(code)!;
    if (s !== null) list.push(s);
  }
  return countBy(rows, idx, column).map((g) => ({
    group: g.group,
    postings: g.count,
    salaries: byCode.get(rows.dict[column].indexOf(g.group)) ?? [],
  }));
}

export interface TimeSeries {
  days: string[];
  series: { name: string; counts: number[] }[];
}

/** Postings per day and source over the filtered postings (days without postings count 0). */
export function postingsOverTime(rows: MarketRows, idx: readonly number[]): TimeSeries {
  const days = idx.map((i) => rows.day[i]).filter((d): d is number => d !== null && d !== undefined);
  if (days.length === 0) return { days: [], series: [] };
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = last - first + 1;
  const bySource = new Map<number, number[]>();
  for (const i of idx) {
    const d = rows.day[i];
    if (d === null || d === undefined) continue;
    const code = rows.codes.source[i]!;
    const counts = bySource.get(code) ?? bySource.set(code, new Array<number>(span).fill(0)).get(code)!;
    counts[d - first]! += 1;
  }
  return {
    days: Array.from({ length: span }, (_, k) => dayString(first + k)),
    series: [...bySource.entries()]
      .map(([code, counts]) => ({ name: rows.dict.source[code]!, counts }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Posting count per département code (postings without one are left out). */
export function departementCounts(rows: MarketRows, idx: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of countBy(rows, idx, 'departement')) if (g.group !== UNKNOWN) out[g.group] = g.count;
  return out;
}

/** Distinct values of a column, for the filter selects ("unknown" last). */
export function filterOptions(rows: MarketRows, column: Category | 'skill'): string[] {
  const values = [...rows.dict[column]];
  if (column === 'skill') return values.sort((a, b) => a.localeCompare(b));
  return countBy(
    rows,
    Array.from({ length: rows.count }, (_, i) => i),
    column,
  ).map((g) => g.group);
}

export { CATEGORIES };
