/**
 * A cheap first look at a built posting against `postingSchema` (providers/core/posting.ts):
 * true only when every field holds what the schema accepts, checked at least as strictly
 * as zod checks it; false when unsure. buildPosting asks zod only when this says false,
 * so zod still writes every rejection's reason, and a valid posting no longer builds
 * zod's parsed copy of itself (docs/performance.md, "Third pass").
 *
 * It restates the schema, so posting-check.test.ts holds it to the schema's JSON Schema:
 * a change to the schema fails that test until this check is changed with it.
 */
import {
  CONTRACT_TYPES,
  postingSchema,
  REMOTE_MODES,
  SENIORITIES,
  WORKING_TIMES,
  type Posting,
} from '../../../../providers/core/index.ts';

const CONTRACTS: ReadonlySet<unknown> = new Set(CONTRACT_TYPES);
const TIMES: ReadonlySet<unknown> = new Set(WORKING_TIMES);
const REMOTES: ReadonlySet<unknown> = new Set(REMOTE_MODES);
const LEVELS: ReadonlySet<unknown> = new Set(SENIORITIES);
const BASES: ReadonlySet<unknown> = new Set(['stated', 'inferred-period', 'from-text']);

/**
 * zod's verdict on a date-time string, asked once per distinct string: a run's postings
 * share their collection time and most of their publication dates.
 */
const dateTimeVerdicts = new Map<string, boolean>();
const isoDateTime = postingSchema.shape.collectedAt;

function isDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let ok = dateTimeVerdicts.get(value);
  if (ok === undefined) {
    ok = isoDateTime.safeParse(value).success;
    if (dateTimeVerdicts.size >= 10_000) dateTimeVerdicts.clear(); // bounded memory
    dateTimeVerdicts.set(value, ok);
  }
  return ok;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string';
const isFilled = (value: unknown) => typeof value === 'string' && value.length >= 1;
const textOrNull = (value: unknown) => value === null || typeof value === 'string';
const inRange = (value: unknown, low: number, high: number) =>
  typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high;
const numberIn = (value: unknown, low: number, high: number) => value === null || inRange(value, low, high);
const oneOfOrNull = (set: ReadonlySet<unknown>, value: unknown) => value === null || set.has(value);
/** An array of strings; a hole is not one (zod reads every index, `every` skips holes). */
function texts(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

function locationOk(location: unknown): boolean {
  if (!isObject(location)) return false;
  const { raw, city, postalCode, departement, region, country, lat, lon } = location;
  return (
    textOrNull(raw) &&
    textOrNull(city) &&
    textOrNull(postalCode) &&
    textOrNull(departement) &&
    textOrNull(region) &&
    (country === null || (typeof country === 'string' && country.length === 2)) &&
    numberIn(lat, -90, 90) &&
    numberIn(lon, -180, 180)
  );
}

function salaryOk(salary: unknown): boolean {
  if (!isObject(salary)) return false;
  const { minEurYear, maxEurYear, predicted, raw, basis } = salary;
  return (
    numberIn(minEurYear, 0, Number.MAX_VALUE) &&
    numberIn(maxEurYear, 0, Number.MAX_VALUE) &&
    typeof predicted === 'boolean' &&
    textOrNull(raw) &&
    (basis === undefined || BASES.has(basis))
  );
}

/** True only when `postingSchema.safeParse(posting)` would succeed; false when it might not. */
export function surelyValidPosting(posting: Posting): boolean {
  const p = posting as unknown as Record<string, unknown>;
  return (
    isFilled(p.id) &&
    isFilled(p.source) &&
    isFilled(p.sourceId) &&
    textOrNull(p.url) &&
    isFilled(p.title) &&
    textOrNull(p.company) &&
    isText(p.description) &&
    locationOk(p.location) &&
    oneOfOrNull(CONTRACTS, p.contractType) &&
    oneOfOrNull(TIMES, p.workingTime) &&
    oneOfOrNull(REMOTES, p.remote) &&
    oneOfOrNull(LEVELS, p.seniority) &&
    salaryOk(p.salary) &&
    texts(p.skills) &&
    (p.postedAt === null || isDateTime(p.postedAt)) &&
    isDateTime(p.collectedAt) &&
    isText(p.rawKey) &&
    // Never set by buildPosting: left to zod when present.
    p.duplicates === undefined &&
    (p.flags === undefined || texts(p.flags))
  );
}
