/**
 * Salary normalization: every source's figure becomes annual gross EUR
 * `{ minEurYear, maxEurYear, predicted, raw }`. Unknown stays null (never 0) and the
 * source's own text is always kept in `raw`, so a figure we refuse can still be audited.
 */
import type { PostingSalary } from '../../providers/core/index.ts';

/** Periods a salary can be quoted per. */
export type SalaryUnit = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

/**
 * Legal annual working time in France: 1607 h (Code du travail, art. L3121-27 and the
 * "journée de solidarité"): 35 h × 52 weeks less paid leave and public holidays.
 */
export const HOURS_PER_YEAR = 1607;
/** Working days of a full-time "forfait jours" year (Code du travail, art. L3121-64). */
export const WORKING_DAYS_PER_YEAR = 218;
export const WEEKS_PER_YEAR = 52;
export const MONTHS_PER_YEAR = 12;
/** Default weekly hours when France Travail gives an hourly rate without `dureeTravailLibelle`. */
export const DEFAULT_WEEKLY_HOURS = 35;
/** Annual figures outside these bounds are typos or unit mix-ups: refused (null), raw kept. */
export const MIN_PLAUSIBLE_EUR_YEAR = 1_000;
export const MAX_PLAUSIBLE_EUR_YEAR = 1_000_000;

const PER_YEAR: Record<SalaryUnit, number> = {
  HOUR: HOURS_PER_YEAR,
  DAY: WORKING_DAYS_PER_YEAR,
  WEEK: WEEKS_PER_YEAR,
  MONTH: MONTHS_PER_YEAR,
  YEAR: 1,
};

export function unknownSalary(raw: string | null = null): PostingSalary {
  return { minEurYear: null, maxEurYear: null, predicted: false, raw };
}

/** Amounts the way structured sources give them, before annualization. */
export interface SalaryAmounts {
  min: number | null;
  max: number | null;
  /** Period of `min`/`max`; null when the source does not say (treated as unknown). */
  unit: SalaryUnit | null;
  /** ISO 4217; null means the source's market currency (EUR for French endpoints). */
  currency: string | null;
  predicted: boolean;
  raw: string | null;
}

/**
 * Annualizes structured amounts. Non-EUR currencies give null (no invented exchange
 * rate); implausible annual figures give null; a reversed range is put back in order.
 */
export function salaryFromAmounts(input: SalaryAmounts): PostingSalary {
  const nothing = { minEurYear: null, maxEurYear: null, predicted: input.predicted, raw: input.raw };
  if (input.currency !== null && input.currency.trim().toUpperCase() !== 'EUR') return nothing;
  if (input.unit === null) return nothing;
  const factor = PER_YEAR[input.unit];
  return bounded(scale(input.min, factor), scale(input.max, factor), input.predicted, input.raw);
}

function scale(value: number | null, factor: number): number | null {
  return value === null || !Number.isFinite(value) || value <= 0 ? null : value * factor;
}

function bounded(min: number | null, max: number | null, predicted: boolean, raw: string | null): PostingSalary {
  let lo = min;
  let hi = max;
  if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
  const out = (v: number | null) => v === null || v < MIN_PLAUSIBLE_EUR_YEAR || v > MAX_PLAUSIBLE_EUR_YEAR;
  if ((lo !== null && out(lo)) || (hi !== null && out(hi))) return { minEurYear: null, maxEurYear: null, predicted, raw };
  return { minEurYear: round(lo), maxEurYear: round(hi), predicted, raw };
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v);
}

/** Maps a schema.org `unitText` (or a loose spelling of it) to a unit. */
export function parseUnitText(unit: unknown): SalaryUnit | null {
  if (typeof unit !== 'string') return null;
  const u = unit.trim().toUpperCase();
  if (/^(HOUR|HOURLY|H|HEURE)$/.test(u)) return 'HOUR';
  if (/^(DAY|DAILY|JOUR|D)$/.test(u)) return 'DAY';
  if (/^(WEEK|WEEKLY|SEMAINE)$/.test(u)) return 'WEEK';
  if (/^(MONTH|MONTHLY|MOIS)$/.test(u)) return 'MONTH';
  if (/^(YEAR|YEARLY|ANNUAL|ANNUALLY|AN|ANNEE)$/.test(u)) return 'YEAR';
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

/**
 * France Travail `salaire.libelle`, e.g. "Annuel de 45000.00 Euros à 55000.00 Euros sur
 * 12.0 mois", "Mensuel de 3000.00 Euros sur 13.0 mois", "Horaire de 12.50 Euros sur 12 mois".
 * The "à" is matched loosely because some payloads carry it mis-encoded ("ï¿½").
 */
const FT_LIBELLE =
  /^\s*(annuel|mensuel|hebdomadaire|journalier|horaire)\s+de\s+([\d\s.,\u00A0]+?)\s*euros?(?:\s+\S{1,4}\s+([\d\s.,\u00A0]+?)\s*euros?)?(?:\s+sur\s+([\d.,]+)\s*mois)?/i;

/** Weekly hours from `dureeTravailLibelle`: "35H Horaires normaux", "37H30 Travail…", "24 H  Horaires normaux". */
export function weeklyHours(dureeTravailLibelle: unknown): number | null {
  if (typeof dureeTravailLibelle !== 'string') return null;
  const m = /(\d{1,2})\s*h\s*(\d{2})?/i.exec(dureeTravailLibelle);
  if (!m) return null;
  const hours = Number(m[1]) + (m[2] ? Number(m[2]) / 60 : 0);
  return hours > 0 && hours <= 60 ? hours : null;
}

/**
 * Annualizes a France Travail salary libellé:
 * - Annuel: as is. Mensuel: × the months paid ("sur 13.0 mois"; 12 when absent).
 * - Horaire: × weekly hours (from `dureeTravailLibelle`, else 35) × 52, × months/12 when
 *   more than 12 months are paid. Hebdomadaire × 52; Journalier × 218 working days.
 * Text that is not a recognised libellé (e.g. "Selon profil") gives null with raw kept.
 */
export function salaryFromFranceTravail(libelle: unknown, dureeTravailLibelle: unknown, commentaire?: unknown): PostingSalary {
  const rawText = typeof libelle === 'string' && libelle.trim() ? libelle.trim() : null;
  const raw = rawText ?? (typeof commentaire === 'string' && commentaire.trim() ? commentaire.trim() : null);
  if (rawText === null) return unknownSalary(raw);
  const m = FT_LIBELLE.exec(rawText);
  if (!m) return unknownSalary(raw);
  const period = m[1]!.toLowerCase();
  const min = parseAmount(m[2]!);
  const max = m[3] ? parseAmount(m[3]) : null;
  const monthsText = m[4] ? parseAmount(m[4]) : null;
  const months = monthsText !== null && monthsText >= 1 && monthsText <= 16 ? monthsText : MONTHS_PER_YEAR;
  let factor: number;
  switch (period) {
    case 'annuel': factor = 1; break;
    case 'mensuel': factor = months; break;
    case 'hebdomadaire': factor = WEEKS_PER_YEAR; break;
    case 'journalier': factor = WORKING_DAYS_PER_YEAR; break;
    default: factor = (weeklyHours(dureeTravailLibelle) ?? DEFAULT_WEEKLY_HOURS) * WEEKS_PER_YEAR * Math.max(1, months / MONTHS_PER_YEAR);
  }
  if (min === null) return unknownSalary(raw);
  return bounded(scale(min, factor), scale(max, factor), false, raw);
}

/** Adzuna: `salary_min`/`salary_max` are annual in the endpoint's currency (EUR on /fr). */
export function salaryFromAdzuna(min: unknown, max: unknown, isPredicted: unknown): PostingSalary {
  const predicted = isPredicted === 1 || isPredicted === '1' || isPredicted === true;
  const lo = toNumber(min);
  const hi = toNumber(max);
  if (lo === null && hi === null) return unknownSalary();
  const raw = `salary_min=${lo ?? ''} salary_max=${hi ?? ''}${predicted ? ' (predicted)' : ''}`;
  return salaryFromAmounts({ min: lo, max: hi, unit: 'YEAR', currency: 'EUR', predicted, raw });
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') return parseAmount(value.trim());
  return null;
}
