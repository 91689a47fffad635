/**
 * The job-market analysis of one market snapshot: salary distributions per group,
 * outliers (flagged, counted, listed and left out of the robust figures), and skill
 * clusters. Pure: the same snapshot and options give the same report.
 */
import type { MarketSnapshot } from '../results/market-snapshot.ts';
import { clusterBySkills, DEFAULT_CLUSTERING, type Clustering, type ClusteringOptions } from './clustering.ts';
import { describe, type Distribution } from './distribution.ts';
import { groupStats, single, type FlaggedPosting, type GroupStats } from './group-stats.ts';
import { marketPostingsOf, type MarketPosting } from './market-postings.ts';
import { fitOutlierRules, flagSalary, type OutlierRules } from './outliers.ts';

export const ANALYSIS_REPORT_VERSION = 1;

/** One flagged posting, as listed in the report. */
export interface SalaryOutlier {
  id: string;
  source: string;
  salaryMid: number;
  /** Modified z-score; null when the spread is 0. */
  z: number | null;
  byIqr: boolean;
  byModifiedZ: boolean;
  seniority: string | null;
  region: string | null;
  contractType: string | null;
}

/** The whole analysis; JSON-serializable (`JSON.stringify` round-trips it). */
export interface AnalysisReport {
  reportVersion: typeof ANALYSIS_REPORT_VERSION;
  runId: string;
  /** Provider whose warehouse answered the snapshot's queries. */
  provider: string;
  snapshotGeneratedAt: string;
  generatedAt: string;
  postings: {
    total: number;
    withSalary: number;
    /** Salaries estimated by the source rather than posted (kept in the figures, counted here). */
    predictedSalary: number;
    sources: Record<string, number>;
  };
  salary: {
    /** Every known midpoint. */
    all: Distribution | null;
    /** Without the modified-z outliers. */
    robust: Distribution | null;
    outliers: {
      rules: OutlierRules | null;
      /** Postings outside the IQR fences. */
      iqrCount: number;
      /** Postings with |modified z| > threshold: excluded from every robust figure. */
      modifiedZCount: number;
      /** Flagged by both rules. */
      bothCount: number;
      /** The flagged postings (either rule), most extreme first, at most `listLimit`. */
      listed: SalaryOutlier[];
      listLimit: number;
    };
  };
  bySeniority: GroupStats[];
  byRegion: GroupStats[];
  byContractType: GroupStats[];
  /** The most frequent skills (a posting counts once per skill). */
  bySkill: GroupStats[];
  clustering: Clustering;
}

export interface AnalyzeOptions {
  /** Clock for `generatedAt` (injected so tests are deterministic). */
  now?: () => Date;
  clustering?: Partial<ClusteringOptions>;
  /** Skills listed in `bySkill`. */
  skillLimit?: number;
  /** Outliers listed by id. */
  outlierListLimit?: number;
}

export function analyzeMarket(snapshot: MarketSnapshot, options: AnalyzeOptions = {}): AnalysisReport {
  return analyzePostings(
    marketPostingsOf(snapshot),
    {
      runId: snapshot.runId,
      provider: snapshot.provider,
      snapshotGeneratedAt: snapshot.generatedAt,
    },
    options,
  );
}

export function analyzePostings(
  postings: readonly MarketPosting[],
  origin: { runId: string; provider: string; snapshotGeneratedAt: string },
  options: AnalyzeOptions = {},
): AnalysisReport {
  const salaries = postings.flatMap((p) => (p.salaryMid === null ? [] : [p.salaryMid]));
  const rules = salaries.length > 0 ? fitOutlierRules(salaries) : null;
  const listed: SalaryOutlier[] = [];
  let iqrCount = 0;
  let bothCount = 0;
  const flagged: FlaggedPosting[] = postings.map((posting) => {
    if (posting.salaryMid === null || rules === null) return { posting, outlier: false };
    const flags = flagSalary(posting.salaryMid, rules);
    if (flags.iqr) iqrCount += 1;
    if (flags.iqr && flags.modifiedZ) bothCount += 1;
    if (flags.iqr || flags.modifiedZ) {
      listed.push({
        id: posting.id,
        source: posting.source,
        salaryMid: posting.salaryMid,
        z: flags.z,
        byIqr: flags.iqr,
        byModifiedZ: flags.modifiedZ,
        seniority: posting.seniority,
        region: posting.region,
        contractType: posting.contractType,
      });
    }
    return { posting, outlier: flags.modifiedZ };
  });
  const listLimit = options.outlierListLimit ?? 50;
  const extremeness = (o: SalaryOutlier) => (o.z === null ? 0 : Math.abs(o.z));
  listed.sort((a, b) => extremeness(b) - extremeness(a) || a.id.localeCompare(b.id));

  const sources: Record<string, number> = {};
  for (const p of postings) sources[p.source] = (sources[p.source] ?? 0) + 1;

  return {
    reportVersion: ANALYSIS_REPORT_VERSION,
    ...origin,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    postings: {
      total: postings.length,
      withSalary: salaries.length,
      predictedSalary: postings.filter((p) => p.salaryMid !== null && p.salaryPredicted).length,
      sources,
    },
    salary: {
      all: describe(salaries),
      robust: describe(
        flagged.filter((f) => !f.outlier && f.posting.salaryMid !== null).map((f) => f.posting.salaryMid!),
      ),
      outliers: {
        rules,
        iqrCount,
        modifiedZCount: flagged.filter((f) => f.outlier).length,
        bothCount,
        listed: listed.slice(0, listLimit),
        listLimit,
      },
    },
    bySeniority: groupStats(
      flagged,
      single((p) => p.seniority),
    ),
    byRegion: groupStats(
      flagged,
      single((p) => p.region),
    ),
    byContractType: groupStats(
      flagged,
      single((p) => p.contractType),
    ),
    bySkill: groupStats(flagged, (p) => p.skills, options.skillLimit ?? 25),
    clustering: clusterBySkills(flagged, { ...DEFAULT_CLUSTERING, ...options.clustering }),
  };
}
