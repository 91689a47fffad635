/**
 * Salary normalization: one normaliser (`normaliseSalary`) turns every source's figures
 * into annual gross EUR `{ minEurYear, maxEurYear, predicted, raw, basis }`. Unknown stays
 * null (never 0), the source's own text is always kept in `raw`, so a figure we refuse can
 * still be audited, and `basis` says how a figure was read: as stated, with its period
 * inferred or corrected, or from free text. The France Travail libellé reader is in
 * salary-france-travail.ts, the free-text reader in salary-text.ts.
 */
import type { PostingSalary } from '../../../../providers/core/index.ts';

/** Periods a salary can be quoted per. */
export type SalaryUnit = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
/** How a salary figure was read (`salary.basis` on the posting). */
export type SalaryBasis = NonNullable<PostingSalary['basis']>;

/**
 * Paid hours in a full-time year — not the 1607 h legally worked (Code du travail, art.
 * L3121-27, "journée de solidarité" included), since an hourly rate is paid on these: monthly pay is the hourly rate × 52/12 of the weekly
 * hours (Code du travail art. L3242-1, "mensualisation"; 35 h → 151.67 h a month), paid
 * 12 times: 35 × 52 = 1820 h. Source: liaisons-sociales.fr, "La mensualisation est-elle
 * obligatoire…", citing C. trav. art. L3242-1 (read 2026-12-04).
 */
export const PAID_HOURS_PER_YEAR = 1820;
/** Working days of a full-time "forfait jours" year (Code du travail, art. L3121-64). */
export const WORKING_DAYS_PER_YEAR = 218;
export const WEEKS_PER_YEAR = 52;
export const MONTHS_PER_YEAR = 12;
/** Default weekly hours when an hourly rate comes without working hours (the legal 35 h). */
export const DEFAULT_WEEKLY_HOURS = 35;
/** Annual figures outside these bounds are typos or unit mix-ups: refused (null), raw kept. */
export const MIN_PLAUSIBLE_EUR_YEAR = 1_000;
export const MAX_PLAUSIBLE_EUR_YEAR = 1_000_000;

/**
 * What one amount can plausibly be for each period, in EUR gross, before annualizing.
 * Outside it the stated period is doubted. Bounds are deliberately wide: HOUR from an
 * apprentice's rate to a consultant's; MONTH from an intern's allowance to 15 000
 * (180 000 a year); YEAR from a part-year apprenticeship up.
 */
export const PLAUSIBLE_AMOUNT: Record<SalaryUnit, readonly [min: number, max: number]> = {
  HOUR: [3, 300],
  DAY: [30, 3_000],
  WEEK: [100, 10_000],
  MONTH: [300, 15_000],
  YEAR: [5_000, MAX_PLAUSIBLE_EUR_YEAR],
};

/**
 * A period read from an amount's size when none is stated, or when MONTH/YEAR is stated
 * but implausible: ≥ 10 000 is annual, 800–10 000 monthly (French ads quote one or the
 * other); anything smaller is not guessed (an hourly or daily rate cannot be told apart).
 */
export function periodFromMagnitude(amount: number): SalaryUnit | null {
  if (!Number.isFinite(amount)) return null;
  if (amount >= 10_000) return 'YEAR';
  return amount >= 800 ? 'MONTH' : null;
}

/** The only confusions corrected: a monthly amount written as annual and the reverse. */
const REREAD: Partial<Record<SalaryUnit, SalaryUnit>> = { MONTH: 'YEAR', YEAR: 'MONTH' };

export function unknownSalary(raw: string | null = null, predicted = false): PostingSalary {
  return { minEurYear: null, maxEurYear: null, predicted, raw };
}

/** The figures of one salary, as a source gives them, for `normaliseSalary`. */
export interface SalaryFigures {
  /** Lower bound ("à partir de", `minValue`, `salary_min`). */
  min?: number | null;
  /** Upper bound ("jusqu'à", `maxValue`, `salary_max`). */
  max?: number | null;
  /** One figure with no bound said: it is both min and max (used when min and max are absent). */
  value?: number | null;
  /**
   * The period the source states: a unit, or the source's own word for it (schema.org
   * `unitText` "YEAR"/"YEARLY", "Mensuel"…), read by `parseUnitText`. Absent (undefined,
   * null, blank) → inferred from the amount (`periodFromMagnitude`); present but no known
   * period ("FORTNIGHT") → refused.
   */
  period?: SalaryUnit | string | null;
  /** ISO 4217 or "€"; absent means the source's market currency (EUR here). Any other → refused. */
  currency?: string | null;
  /** The source's own estimate (Adzuna `salary_is_predicted`). */
  predicted?: boolean;
  /** The salary as the source wrote it, kept whatever happens. */
  raw: string | null;
  /** True when the figures were read from free text (basis "from-text"). */
  fromText?: boolean;
  /** Paid hours a year for an hourly rate (default `PAID_HOURS_PER_YEAR`). */
  hoursPerYear?: number | null;
  /** Monthly payments a year for a monthly amount ("sur 13 mois"; default 12, 1–16 accepted). */
  monthsPerYear?: number | null;
}

/**
 * The one salary normaliser every source goes through. Rules, in order:
 * 1. a currency other than EUR → null (no invented exchange rate);
 * 2. a single figure (`value`, or min = max) gives min = max; a reversed range is put back in order;
 * 3. the period: as stated when every amount is plausible for it (`PLAUSIBLE_AMOUNT`;
 *    basis "stated"); a stated MONTH/YEAR that is not, but fits the other one by its size,
 *    is read as the other ("Mensuel de 28000 Euros" is annual; basis "inferred-period");
 *    no stated period → from the size (basis "inferred-period"); anything else → null;
 * 4. annualize (YEAR × 1, MONTH × months paid, WEEK × 52, DAY × 218, HOUR × paid hours)
 *    and round to the euro; an annual figure outside [1 000, 1 000 000] → null.
 * Figures read from free text keep basis "from-text" whatever the period step did.
 * Never throws; `raw` and `predicted` are kept on every answer.
 */
export function normaliseSalary(f: SalaryFigures): PostingSalary {
  // Plain loops and no closures: this runs once per posting (see docs/performance.md).
  const predicted = f.predicted === true;
  if (!isEur(f.currency)) return unknownSalary(f.raw, predicted);
  let lo = positive(f.min);
  let hi = positive(f.max);
  if (lo === null && hi === null) {
    lo = hi = positive(f.value);
    if (lo === null) return unknownSalary(f.raw, predicted);
  }
  if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
  const largest = hi ?? lo!;

  const periodGiven = !(
    f.period === undefined ||
    f.period === null ||
    (typeof f.period === 'string' && f.period.trim() === '')
  );
  const stated = periodGiven ? parseUnitText(f.period) : null;
  if (periodGiven && stated === null) return unknownSalary(f.raw, predicted);
  let unit: SalaryUnit;
  let basis: SalaryBasis = f.fromText === true ? 'from-text' : 'stated';
  if (stated !== null && plausibleFor(stated, lo) && plausibleFor(stated, hi)) {
    unit = stated;
  } else {
    const bySize = periodFromMagnitude(largest);
    const other = stated === null || REREAD[stated] === bySize ? bySize : null;
    if (other === null || !plausibleFor(other, lo) || !plausibleFor(other, hi)) return unknownSalary(f.raw, predicted);
    unit = other;
    if (basis === 'stated') basis = 'inferred-period';
  }

  const factor = factorOf(unit, f);
  const min = lo === null ? null : Math.round(lo * factor);
  const max = hi === null ? null : Math.round(hi * factor);
  if (!withinYear(min) || !withinYear(max)) return unknownSalary(f.raw, predicted);
  return { minEurYear: min, maxEurYear: max, predicted, raw: f.raw, basis };
}

/** Null, or an annual figure within [MIN_PLAUSIBLE_EUR_YEAR, MAX_PLAUSIBLE_EUR_YEAR]. */
function withinYear(v: number | null): boolean {
  return v === null || (v >= MIN_PLAUSIBLE_EUR_YEAR && v <= MAX_PLAUSIBLE_EUR_YEAR);
}

function isEur(currency: unknown): boolean {
  if (currency === undefined || currency === null) return true;
  if (typeof currency !== 'string') return false;
  const c = currency.trim().toUpperCase();
  return c === '' || c === 'EUR' || c === '€' || c === 'EURO' || c === 'EUROS';
}

function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** True for null (no amount) or an amount within `PLAUSIBLE_AMOUNT[unit]`. */
function plausibleFor(unit: SalaryUnit, amount: number | null): boolean {
  if (amount === null) return true;
  const range = PLAUSIBLE_AMOUNT[unit];
  return amount >= range[0] && amount <= range[1];
}

function factorOf(unit: SalaryUnit, f: SalaryFigures): number {
  switch (unit) {
    case 'YEAR':
      return 1;
    case 'MONTH': {
      const m = f.monthsPerYear;
      return typeof m === 'number' && m >= 1 && m <= 16 ? m : MONTHS_PER_YEAR;
    }
    case 'WEEK':
      return WEEKS_PER_YEAR;
    case 'DAY':
      return WORKING_DAYS_PER_YEAR;
    case 'HOUR': {
      const h = f.hoursPerYear;
      return typeof h === 'number' && h > 0 && h <= 60 * WEEKS_PER_YEAR ? h : PAID_HOURS_PER_YEAR;
    }
  }
}

/** Amounts the way structured sources give them, before annualization (the earlier interface). */
export interface SalaryAmounts {
  min: number | null;
  max: number | null;
  /** Period of `min`/`max`; null when unknown or unrecognised (→ no figure: use `normaliseSalary` to infer it). */
  unit: SalaryUnit | null;
  /** ISO 4217; null means the source's market currency (EUR for French endpoints). */
  currency: string | null;
  predicted: boolean;
  raw: string | null;
}

/**
 * `normaliseSalary` for structured amounts whose period is known (the earlier interface,
 * kept for its callers): a null `unit` gives no figure. To have a missing period inferred
 * and recorded as such, call `normaliseSalary` with the source's unit text as `period`.
 */
export function salaryFromAmounts(input: SalaryAmounts): PostingSalary {
  if (input.unit === null) return unknownSalary(input.raw, input.predicted);
  return normaliseSalary({
    min: input.min,
    max: input.max,
    period: input.unit,
    currency: input.currency,
    predicted: input.predicted,
    raw: input.raw,
  });
}

const EXACT_UNITS: Record<string, SalaryUnit> = Object.assign(Object.create(null) as Record<string, SalaryUnit>, {
  HOUR: 'HOUR',
  DAY: 'DAY',
  WEEK: 'WEEK',
  MONTH: 'MONTH',
  YEAR: 'YEAR',
  YEARLY: 'YEAR',
  MONTHLY: 'MONTH',
});

/** Maps a schema.org `unitText`, a France Travail period word or a loose spelling of either to a unit. */
export function parseUnitText(unit: unknown): SalaryUnit | null {
  if (typeof unit !== 'string') return null;
  const exact = EXACT_UNITS[unit];
  if (exact !== undefined) return exact;
  const u = unit
    .trim()
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, '');
  if (/^(HOUR|HOURS|HOURLY|PERHOUR|H|HEURE|HORAIRE)$/.test(u)) return 'HOUR';
  if (/^(DAY|DAYS|DAILY|PERDAY|JOUR|JOURNALIER|D)$/.test(u)) return 'DAY';
  if (/^(WEEK|WEEKS|WEEKLY|PERWEEK|SEMAINE|HEBDOMADAIRE)$/.test(u)) return 'WEEK';
  if (/^(MONTH|MONTHS|MONTHLY|PERMONTH|MOIS|MENSUEL)$/.test(u)) return 'MONTH';
  if (/^(YEAR|YEARS|YEARLY|PERYEAR|ANNUAL|ANNUALLY|ANNUM|AN|ANNEE|ANNUEL)$/.test(u)) return 'YEAR';
  return null;
}

/**
 * Reads "45000.00", "1 600,00", "45 000", "1.234,56": French and English number styles.
 * Returns null for anything that is not a plain amount.
 */
export function parseAmount(text: string): number | null {
  let s = text.replace(/[\s\u00A0\u202F]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // The right-most separator is the decimal one; the other groups thousands.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    // One comma followed by exactly three digits groups thousands ("45,000"); else decimal.
    s = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Weekly hours from `dureeTravailLibelle`: "35H Horaires normaux", "37H30 Travail…", "24 H  Horaires normaux". */
export function weeklyHours(dureeTravailLibelle: unknown): number | null {
  if (typeof dureeTravailLibelle !== 'string') return null;
  const m = /(\d{1,2})\s*h\s*(\d{2})?/i.exec(dureeTravailLibelle);
  if (!m) return null;
  const hours = Number(m[1]) + (m[2] ? Number(m[2]) / 60 : 0);
  return hours > 0 && hours <= 60 ? hours : null;
}

/**
 * Adzuna: `salary_min`/`salary_max` are annual in the endpoint's currency (EUR on /fr),
 * so the period is stated YEAR; a monthly figure filed there is caught by the normaliser.
 */
export function salaryFromAdzuna(min: unknown, max: unknown, isPredicted: unknown): PostingSalary {
  const predicted = isPredicted === 1 || isPredicted === '1' || isPredicted === true;
  const lo = toNumber(min);
  const hi = toNumber(max);
  if (lo === null && hi === null) return unknownSalary();
  const raw = `salary_min=${lo ?? ''} salary_max=${hi ?? ''}${predicted ? ' (predicted)' : ''}`;
  return normaliseSalary({ min: lo, max: hi, period: 'YEAR', currency: 'EUR', predicted, raw });
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') return parseAmount(value.trim());
  return null;
}
