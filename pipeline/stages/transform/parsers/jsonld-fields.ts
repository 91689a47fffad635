/**
 * schema.org JobPosting field readers (https://schema.org/JobPosting and Google's
 * JobPosting structured-data guide): values arrive as a string, a number, an object or
 * an array of any of these, so every reader accepts all of them.
 */
import type { ContractType, PostingSalary, WorkingTime } from '../../../../providers/core/index.ts';
import { isRecord, lookup, stringOrNull } from '../clean/build-posting.ts';
import { fold } from '../clean/text.ts';
import { normaliseSalary, parseUnitText, toNumber, unknownSalary, type SalaryUnit } from '../clean/salary.ts';

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of a value that may be a string, a number or `{ name }` / `{ value }`. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isRecord(value)) return textOf(value.name ?? value.value ?? value['@id']);
  return null;
}

/** `identifier`: a string, a number or a PropertyValue `{ name, value }`. */
export function identifierOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (isRecord(first)) return textOf(first.value ?? first.name ?? first['@id']);
  return textOf(first);
}

/** Google's `employmentType` values; French sites also write "CDI", "Stage"… (left to the text rules). */
const EMPLOYMENT: Record<string, { contract?: ContractType; time?: WorkingTime }> = {
  FULL_TIME: { time: 'full-time' },
  PART_TIME: { time: 'part-time' },
  CONTRACTOR: { contract: 'freelance' },
  TEMPORARY: { contract: 'temporary' },
  INTERN: { contract: 'internship' },
  INTERNSHIP: { contract: 'internship' },
  PER_DIEM: { contract: 'temporary' },
  VOLUNTEER: { contract: 'other' },
  OTHER: { contract: 'other' },
};

export interface EmploymentInfo {
  contractType: ContractType | null;
  workingTime: WorkingTime | null;
  /** The values that were not Google's enumeration, for the text rules. */
  freeText: string[];
}

export function employmentOf(value: unknown): EmploymentInfo {
  const info: EmploymentInfo = { contractType: null, workingTime: null, freeText: [] };
  for (const item of asArray(value)) {
    const text = textOf(item);
    if (!text) continue;
    const known = lookup(EMPLOYMENT, text, (t) =>
      t
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_'),
    );
    if (!known) {
      info.freeText.push(text);
      continue;
    }
    // "OTHER" never overrides a specific contract given alongside it.
    if (known.contract && (info.contractType === null || info.contractType === 'other'))
      info.contractType = known.contract;
    if (known.time) info.workingTime ??= known.time;
  }
  return info;
}

/**
 * UN/ECE Recommendation 20 common codes for the periods a pay is quoted per, as
 * QuantitativeValue `unitCode` carries them (schema.org/unitCode: "The unit of measurement
 * given using the UN/CEFACT Common Code (3 characters) or a URL", read 2026-12-04):
 * HUR hour, DAY day, WEE week, MON month, ANN year.
 */
const UNIT_CODES: Record<string, SalaryUnit> = { HUR: 'HOUR', DAY: 'DAY', WEE: 'WEEK', MON: 'MONTH', ANN: 'YEAR' };
/** French period adjectives sites put in `unitText` (folded, upper case). */
const UNIT_WORDS: Record<string, SalaryUnit> = {
  HORAIRE: 'HOUR',
  JOURNALIER: 'DAY',
  HEBDOMADAIRE: 'WEEK',
  MENSUEL: 'MONTH',
  ANNUEL: 'YEAR',
  ANNUELLE: 'YEAR',
  ANS: 'YEAR',
};

/**
 * The period of a salary from `unitText` (Google's guide: HOUR, DAY, WEEK, MONTH, YEAR;
 * sites also write YEARLY, MONTHLY, "per month", "PAR MOIS", "hours"…) or `unitCode`.
 * `undefined` when neither is given (the caller may guess), null when given but unknown.
 */
export function salaryUnitOf(unitText: unknown, unitCode: unknown): SalaryUnit | null | undefined {
  if (typeof unitCode === 'string') {
    const code = lookup(UNIT_CODES, unitCode, (c) => c.trim().toUpperCase());
    if (code) return code;
  }
  if (typeof unitText !== 'string' || unitText.trim() === '') return typeof unitCode === 'string' ? null : undefined;
  const direct = parseUnitText(unitText);
  if (direct) return direct;
  const loose = fold(unitText)
    .trim()
    .toUpperCase()
    .replace(/^(?:PER|PAR|A|AN|EVERY)[\s_-]+/, '')
    .replace(/[\s_-]+/g, '');
  return (
    parseUnitText(loose) ??
    parseUnitText(loose.replace(/S$/, '')) ??
    lookup(UNIT_WORDS, loose) ??
    lookup(UNIT_CODES, loose)
  );
}

/** The amounts of one MonetaryAmount / PriceSpecification / number, before annualizing. */
interface StatedAmount {
  min: number | null;
  max: number | null;
  /** A single figure (`value`, `price`, a plain number): both ends, unless min/max are given. */
  value: number | null;
  unit: SalaryUnit | null | undefined;
  currency: string | null;
}

function amountOf(item: unknown, fallbackCurrency: string | null): StatedAmount {
  if (!isRecord(item))
    return { min: null, max: null, value: toNumber(item), unit: undefined, currency: fallbackCurrency };
  const currency = stringOrNull(item.currency) ?? stringOrNull(item.priceCurrency) ?? fallbackCurrency;
  const value = item.value;
  // MonetaryAmount: value is a Number or a QuantitativeValue; min/maxValue may sit on the
  // amount itself. PriceSpecification: price, minPrice, maxPrice (schema.org, 2026-12-04).
  const inner = isRecord(value) ? value : item;
  const single = toNumber(isRecord(value) ? value.value : (value ?? item.price));
  const minStated = toNumber(inner.minValue ?? inner.minPrice);
  const maxStated = toNumber(inner.maxValue ?? inner.maxPrice);
  // A bound next to a `value` is completed by it ({ minValue: 3500, value: 4000 } is 3500–4000).
  const bounded = minStated !== null || maxStated !== null;
  const min = bounded ? (minStated ?? single) : null;
  const max = bounded ? (maxStated ?? single) : null;
  const reference = isRecord(item.referenceQuantity) ? item.referenceQuantity : {};
  const unit = salaryUnitOf(
    inner.unitText ?? item.unitText ?? reference.unitText,
    inner.unitCode ?? item.unitCode ?? reference.unitCode,
  );
  return { min, max, value: single, unit, currency };
}

const isEur = (currency: string | null) => currency === null || currency.trim().toUpperCase() === 'EUR';

/**
 * `baseSalary` in every shape schema.org allows (MonetaryAmount, Number or
 * PriceSpecification; schema.org/baseSalary, read 2026-12-04), alone or in an array: the
 * first EUR amount that states a figure is read, else the first amount. A single `value`
 * is both minimum and maximum; a lone `minValue` stays a floor (max null). The currency
 * comes from the amount, else the JobPosting's `salaryCurrency`, else EUR is assumed (the
 * market this pipeline collects); any other currency → null with raw kept. The figures go
 * to the one salary normaliser (`normaliseSalary`): no period stated → inferred from the
 * size (basis "inferred-period"); a stated period it does not know → no figure.
 */
export function salaryOfJsonLd(baseSalary: unknown, salaryCurrency: unknown = undefined): PostingSalary {
  if (baseSalary === undefined || baseSalary === null) return unknownSalary();
  const raw = rawOf(baseSalary);
  const fallbackCurrency = stringOrNull(salaryCurrency);
  const amounts = asArray(baseSalary)
    .slice(0, 20)
    .map((item) => amountOf(item, fallbackCurrency));
  const stated = amounts.filter((a) => a.min !== null || a.max !== null || a.value !== null);
  const chosen = stated.find((a) => isEur(a.currency)) ?? stated[0];
  if (!chosen || chosen.unit === null) return unknownSalary(raw);
  return normaliseSalary({
    min: chosen.min,
    max: chosen.max,
    value: chosen.value,
    period: chosen.unit ?? null,
    currency: chosen.currency,
    predicted: false,
    raw,
  });
}

function rawOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
