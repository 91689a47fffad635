/**
 * One abstract job ad: what the generator decides before rendering it in a source's
 * shape. Every draw comes from the record's own Random, so a record is a pure function
 * of (seed, stream, index, anchor).
 */
import type { ContractType, RemoteMode, Seniority, WorkingTime } from '../../../providers/core/index.ts';
import { PAID_HOURS_PER_YEAR } from '../../stages/transform/clean/salary.ts';
import {
  APPRENTICE_MONTHLY,
  CLAMP_SD,
  FREELANCE_DAY_RATE,
  INTERN_MONTHLY,
  SALARY_BY_SENIORITY,
} from './calibration.ts';
import type { Random } from './prng.ts';
import {
  CITY_WEIGHTS,
  COMPANY_LINES,
  COMPANY_STEMS,
  CONTRACT_WEIGHTS,
  FAMILY_WEIGHTS,
  REMOTE_WEIGHTS,
  SOFT_SKILLS_EN,
  SOFT_SKILLS_FR,
  type Family,
  type SampleCity,
} from './vocabulary.ts';

/**
 * Deliberate faults, so the quarantine and the quality report have something to show:
 * no-title, no-id and html-title records are rejected; bad-salary and bad-date records
 * are kept with nulls.
 */
export type Defect = 'no-title' | 'no-id' | 'html-title' | 'bad-salary' | 'bad-date';

/** Share of records carrying a defect. */
export const DEFECT_RATE = 0.025;

export interface SalarySpec {
  period: 'year' | 'month' | 'day' | 'hour';
  min: number;
  max: number;
}

export interface JobSpec {
  family: Family;
  lang: 'fr' | 'en';
  title: string;
  company: string;
  city: SampleCity;
  contractType: ContractType;
  workingTime: WorkingTime;
  remote: RemoteMode | null;
  seniority: Seniority;
  /** Skill names as an ad writes them ("Power BI", "statistiques"). */
  skills: string[];
  soft: string[];
  salary: SalarySpec;
  /** Months paid per year for monthly salaries (12 or 13). */
  monthsPaid: number;
  weeklyHours: number;
  postedAtMs: number;
  defect: Defect | null;
}

const DAY_MS = 86_400_000;
const round = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

function seniorityFor(rng: Random, contract: ContractType): Seniority {
  if (contract === 'internship' || contract === 'apprenticeship') return 'junior';
  return rng.weighted<Seniority>([
    ['junior', 22],
    ['mid', 38],
    ['senior', 30],
    ['lead', 10],
  ]);
}

function salaryFor(rng: Random, contract: ContractType, seniority: Seniority, workingTime: WorkingTime): SalarySpec {
  if (contract === 'internship') {
    const m = round(INTERN_MONTHLY.min + rng.next() * (INTERN_MONTHLY.max - INTERN_MONTHLY.min), 10);
    return { period: 'month', min: m, max: m };
  }
  if (contract === 'apprenticeship') {
    const m = round(APPRENTICE_MONTHLY.min + rng.next() * (APPRENTICE_MONTHLY.max - APPRENTICE_MONTHLY.min), 10);
    return { period: 'month', min: m, max: round(m * 1.1, 10) };
  }
  if (contract === 'freelance') {
    const d = round(FREELANCE_DAY_RATE.min + rng.next() * (FREELANCE_DAY_RATE.max - FREELANCE_DAY_RATE.min), 25);
    return { period: 'day', min: d, max: d + 50 * rng.int(0, 2) };
  }
  const level = SALARY_BY_SENIORITY[seniority];
  const z = Math.max(-CLAMP_SD, Math.min(CLAMP_SD, rng.normal()));
  const annual = level.median * Math.exp(z * level.logSd);
  if (workingTime === 'part-time' || contract === 'temporary') {
    // Part-time and temp ads quote an hourly rate: annual ÷ the paid hours the transform
    // multiplies it back by.
    const hourly = Math.round((annual / PAID_HOURS_PER_YEAR) * 100) / 100;
    return { period: 'hour', min: hourly, max: Math.round(hourly * 1.08 * 100) / 100 };
  }
  return { period: 'year', min: round(annual * 0.92, 500), max: round(annual * 1.1, 500) };
}

function titleFor(
  rng: Random,
  family: Family,
  lang: 'fr' | 'en',
  seniority: Seniority,
  contract: ContractType,
): string {
  const pair = rng.pick(family.titles);
  let title = lang === 'fr' ? pair[0] : pair[1];
  if (seniority === 'lead' && rng.chance(0.85)) title = `Lead ${title}`;
  else if (seniority === 'senior' && rng.chance(0.8))
    title = lang === 'fr' && rng.chance(0.5) ? `${title} Senior` : `Senior ${title}`;
  else if (seniority === 'junior' && contract !== 'internship' && contract !== 'apprenticeship' && rng.chance(0.5))
    title = `${title} Junior`;
  else if (seniority === 'mid' && lang === 'fr' && rng.chance(0.3)) title = `${title} confirmé`;
  if (rng.chance(0.85)) {
    if (contract === 'internship')
      title =
        lang === 'fr'
          ? rng.pick([`Stage - ${title}`, `${title} (Stage)`, `Stagiaire ${title}`])
          : rng.pick([`${title} Intern`, `Internship - ${title}`]);
    else if (contract === 'apprenticeship')
      title =
        lang === 'fr'
          ? rng.pick([`${title} en alternance`, `Alternance - ${title}`, `Apprenti ${title}`])
          : `${title} Apprentice`;
    else if (contract === 'freelance')
      title = rng.pick([`Freelance - ${title}`, `${title} (freelance)`, `Mission freelance ${title}`]);
  }
  if (lang === 'fr')
    title += rng.weighted([
      [' H/F', 35],
      [' (F/H)', 15],
      ['', 50],
    ]);
  return title;
}

/** Stem rank r is drawn with weight 1/(r+1) (Zipf-like): a few big employers, a long tail. */
const STEM_WEIGHTS = COMPANY_STEMS.map((stem, r) => [stem, 1 / (r + 1)] as const);

function companyName(rng: Random): string {
  return `${rng.weighted(STEM_WEIGHTS)}${rng.pick(COMPANY_LINES)}`;
}

export interface JobOptions {
  /** Midnight UTC of the generation day: postedAt falls within the 60 days before it. */
  anchorMs: number;
  /** France Travail does not carry internship offers: redraw those. */
  noInternships?: boolean;
}

export function makeJob(rng: Random, options: JobOptions): JobSpec {
  const family = rng.weighted(FAMILY_WEIGHTS);
  const lang = rng.chance(0.8) ? 'fr' : 'en';
  let contractType = rng.weighted(CONTRACT_WEIGHTS);
  if (options.noInternships && contractType === 'internship') contractType = 'permanent';
  const seniority = seniorityFor(rng, contractType);
  const workingTime: WorkingTime =
    contractType === 'internship' || contractType === 'apprenticeship' || !rng.chance(0.06) ? 'full-time' : 'part-time';
  const skills = [...family.core, ...rng.sample(family.optional, rng.int(2, 5))];
  const soft = rng.sample(lang === 'fr' ? SOFT_SKILLS_FR : SOFT_SKILLS_EN, rng.int(0, 2));
  // Recent ads dominate a search: age skewed towards 0, capped at 60 days.
  const ageMs = 60 * DAY_MS * rng.next() ** 1.6;
  const defect: Defect | null = rng.chance(DEFECT_RATE)
    ? rng.weighted<Defect>([
        ['no-title', 30],
        ['no-id', 15],
        ['html-title', 10],
        ['bad-salary', 30],
        ['bad-date', 15],
      ])
    : null;
  return {
    family,
    lang,
    title: titleFor(rng, family, lang, seniority, contractType),
    company: companyName(rng),
    city: rng.weighted(CITY_WEIGHTS),
    contractType,
    workingTime,
    remote: rng.weighted(REMOTE_WEIGHTS),
    seniority,
    skills,
    soft,
    salary: salaryFor(rng, contractType, seniority, workingTime),
    monthsPaid: rng.chance(0.25) ? 13 : 12,
    weeklyHours:
      workingTime === 'part-time'
        ? rng.pick([20, 24, 28, 30])
        : rng.weighted([
            [35, 80],
            [37, 10],
            [39, 10],
          ]),
    postedAtMs: options.anchorMs - Math.floor(ageMs),
    defect,
  };
}
