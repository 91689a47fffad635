/**
 * schema.org JobPosting field readers (https://schema.org/JobPosting and Google's
 * JobPosting structured-data guide): values arrive as a string, a number, an object or
 * an array of any of these, so every reader accepts all of them.
 */
import type { ContractType, PostingSalary, WorkingTime } from '../../providers/core/index.ts';
import { isRecord, lookup } from './build-posting.ts';
import { parseUnitText, salaryFromAmounts, toNumber, unknownSalary, type SalaryUnit } from './salary.ts';

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of a value that may be a string, a number or `{ name }` / `{ value }`. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isRecord(value)) return textOf(value['name'] ?? value['value'] ?? value['@id']);
  return null;
}

/** `identifier`: a string, a number or a PropertyValue `{ name, value }`. */
export function identifierOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (isRecord(first)) return textOf(first['value'] ?? first['name'] ?? first['@id']);
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
    const known = lookup(EMPLOYMENT, text, (t) => t.trim().toUpperCase().replace(/[\s-]+/g, '_'));
    if (!known) {
      info.freeText.push(text);
      continue;
    }
    // "OTHER" never overrides a specific contract given alongside it.
    if (known.contract && (info.contractType === null || info.contractType === 'other')) info.contractType = known.contract;
    if (known.time) info.workingTime ??= known.time;
  }
  return info;
}

/**
 * A unit for an amount without `unitText`. French ads without a unit quote annual pay
 * (≥ 10 000) or monthly pay (800–10 000); anything else stays unknown rather than guessed.
 */
function guessUnit(amount: number | null): SalaryUnit | null {
  if (amount === null) return null;
  if (amount >= 10_000) return 'YEAR';
  return amount >= 800 ? 'MONTH' : null;
}

/**
 * `baseSalary`: a number, or a MonetaryAmount whose `value` is a number or a
 * QuantitativeValue `{ minValue, maxValue, value, unitText }`; `currency` on the amount.
 * A missing currency is taken as EUR (the market this pipeline collects).
 */
export function salaryOfJsonLd(baseSalary: unknown): PostingSalary {
  if (baseSalary === undefined || baseSalary === null) return unknownSalary();
  const raw = rawOf(baseSalary);
  const amount = Array.isArray(baseSalary) ? baseSalary[0] : baseSalary;
  if (!isRecord(amount)) {
    const n = toNumber(amount);
    return salaryFromAmounts({ min: n, max: n, unit: guessUnit(n), currency: null, predicted: false, raw });
  }
  const currency = typeof amount['currency'] === 'string' ? amount['currency'] : null;
  const value = amount['value'];
  let min: number | null;
  let max: number | null;
  let unitText: unknown = amount['unitText'];
  if (isRecord(value)) {
    const single = toNumber(value['value']);
    min = toNumber(value['minValue']) ?? single;
    max = toNumber(value['maxValue']) ?? single;
    unitText = value['unitText'] ?? unitText;
  } else {
    min = toNumber(value ?? amount['minValue']);
    max = toNumber(value ?? amount['maxValue']);
  }
  if (min === null && max === null) return unknownSalary(raw);
  const unit = unitText === undefined ? guessUnit(min ?? max) : parseUnitText(unitText);
  return salaryFromAmounts({ min, max, unit, currency, predicted: false, raw });
}

function rawOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
