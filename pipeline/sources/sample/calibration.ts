/**
 * Salary figures of the sample generator, calibrated once, offline, on 2026-11-28 from
 * `ai-jobs-salaries-2025-01-19.csv` (the aijobs.net salary survey, CC0, snapshot of
 * 2025-01-19, repository foorilla/ai-jobs-net-salaries). Filters: company_location = FR,
 * salary_currency = EUR, employment_type = FT (148 rows; work years 2020–2025, 108 of them
 * 2024). Per experience_level: median, quartiles and the standard deviation of ln(salary).
 * The file is not read at run time: users reproduce the figures from the public repository.
 *
 *   level  n   p25     median  p75     sd(ln)
 *   EN     66  40 000  50 000  68 900  0.499
 *   MI     29  48 000  53 000  65 000  0.265
 *   SE     51  50 000  59 000  87 500  0.392
 *   EX      2  (48 000 and 58 000: too few rows)
 *
 * EX has two rows, so "lead" uses the SE 75th percentile as its median and the SE spread.
 * Interns, apprentices and freelancers are outside the survey; their figures follow
 * French rules and market conventions, noted on each constant.
 */
import type { Seniority } from '../../../providers/core/index.ts';

export interface SalaryLevel {
  /** Median annual gross salary, EUR. */
  median: number;
  /** Standard deviation of ln(salary). */
  logSd: number;
}

export const SALARY_BY_SENIORITY: Record<Seniority, SalaryLevel> = {
  junior: { median: 50_000, logSd: 0.499 },
  mid: { median: 53_000, logSd: 0.265 },
  senior: { median: 59_000, logSd: 0.392 },
  lead: { median: 87_500, logSd: 0.392 },
};

/** Draws are clamped to median × e^(±2 sd): the survey's tails are single answers. */
export const CLAMP_SD = 2;

/**
 * Monthly internship stipend, EUR: from the legal minimum gratification (4.35 €/h ×
 * 151.67 h ≈ 660 €, 2025) to what large employers pay data interns.
 */
export const INTERN_MONTHLY = { min: 660, max: 1_500 } as const;
/** Monthly apprentice pay, EUR: roughly 53 %–100 % of the SMIC for the ages concerned. */
export const APPRENTICE_MONTHLY = { min: 950, max: 1_800 } as const;
/** Freelance day rates (TJM), EUR, for data profiles in France. */
export const FREELANCE_DAY_RATE = { min: 400, max: 800 } as const;
/** Adzuna's `mean` field of a search response (annual EUR), set to the survey's overall median. */
export const ADZUNA_MEAN = 53_000;
