/**
 * New postings as the final tables' rows, typed here rather than in SQL, so they are
 * COPYed straight into fact_posting and bridge_posting_skill with no staging table and no
 * per-row lookup. Every value is the one the staging merge (merge-sql.ts) computes from the
 * posting's JSON: the same text, the same doubles, the same location key (md5 of the
 * non-null parts joined by '|', as concat_ws does), the same UTC date key.
 *
 * A posting whose shape the merge would read differently (a field of another JSON type, a
 * timestamp PostgreSQL might round across midnight) is not typed here: `directShape`
 * says so and its batch takes the staging merge, which needs no such care.
 */
import { hash } from 'node:crypto';
import { FACT_POSTING_COLUMNS, type Posting } from '../core/index.ts';
import type { CopyBuffer } from './copy-buffer.ts';
import { csvField } from './sql-client.ts';

/** The dimension keys a batch's facts and bridge rows need, by natural value. */
export interface DimensionKeys {
  source: ReadonlyMap<string, number>;
  company: ReadonlyMap<string, number>;
  skill: ReadonlyMap<string, number>;
}

/** What a batch adds to the dimensions: each set as the merge's `SELECT DISTINCT` would see it. */
export interface BatchDimensions {
  sources: Set<string>;
  companies: Set<string>;
  /**
   * Every posting's location parts that has a key, with its id: postings of one key may
   * disagree on lat/lon, and the merge's `DISTINCT ON (location_key)` keeps whichever row
   * its sort puts first, so the database is handed the same rows in the same order
   * (merge-sql.ts arrayDimensionStatements) to choose the same one.
   */
  locations: LocationRow[];
  /** UTC days 'YYYY-MM-DD'. */
  days: Set<string>;
  skills: Set<string>;
}

export interface LocationRow {
  postingId: string;
  key: string;
  city: string | null;
  postalCode: string | null;
  departement: string | null;
  region: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export const FACT_COLUMNS = FACT_POSTING_COLUMNS;

export const BRIDGE_COLUMNS = ['posting_id', 'skill_key'] as const;

export function newBatchDimensions(): BatchDimensions {
  return { sources: new Set(), companies: new Set(), locations: [], days: new Set(), skills: new Set() };
}

/**
 * An ISO 8601 timestamp with an offset and at most microseconds: PostgreSQL stores it
 * exactly (no rounding), and Date.parse reads the same instant to the millisecond, which
 * cannot move it across midnight.
 */
const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const isText = (value: unknown) => value === null || value === undefined || typeof value === 'string';
const isNumber = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'number' && Number.isFinite(value));

/** True when this module types the posting exactly as the staging merge would. */
export function directShape(p: Posting): boolean {
  const loc = p.location as Partial<Posting['location']> | undefined;
  const salary = p.salary as Partial<Posting['salary']> | undefined;
  if (typeof p.id !== 'string' || typeof p.source !== 'string' || typeof p.title !== 'string') return false;
  if (typeof p.description !== 'string' || typeof p.collectedAt !== 'string' || typeof p.rawKey !== 'string')
    return false;
  if (typeof loc !== 'object' || loc === null || typeof salary !== 'object' || salary === null) return false;
  for (const value of [p.sourceId, p.url, p.company, p.contractType, p.workingTime, p.remote, p.seniority])
    if (!isText(value)) return false;
  for (const value of [loc.raw, loc.city, loc.postalCode, loc.departement, loc.region, loc.country, salary.raw])
    if (!isText(value)) return false;
  if (!isNumber(loc.lat) || !isNumber(loc.lon) || !isNumber(salary.minEurYear) || !isNumber(salary.maxEurYear))
    return false;
  if (salary.predicted !== undefined && salary.predicted !== null && typeof salary.predicted !== 'boolean')
    return false;
  if (p.postedAt !== null && p.postedAt !== undefined) {
    if (!EXACT_TIMESTAMP.test(p.postedAt) || Number.isNaN(Date.parse(p.postedAt))) return false;
  }
  if (!Array.isArray(p.skills) || !p.skills.every((skill) => typeof skill === 'string')) return false;
  return true;
}

/** Location keys by joined parts: a run has a few thousand places at most, each hashed once. */
const locationKeys = new Map<string, string>();
const LOCATION_KEYS_KEPT = 50_000;

/** md5 of the non-null location parts joined by '|' (concat_ws), or null when all are null. */
export function locationKey(loc: Posting['location']): string | null {
  const parts = [loc.city, loc.postalCode, loc.departement, loc.region, loc.country].filter(
    (part) => part !== null && part !== undefined,
  );
  if (parts.length === 0) return null;
  const joined = parts.join('|');
  let key = locationKeys.get(joined);
  if (key === undefined) {
    key = hash('md5', joined, 'hex');
    if (locationKeys.size >= LOCATION_KEYS_KEPT) locationKeys.clear();
    locationKeys.set(joined, key);
  }
  return key;
}

/** The UTC day of an exact timestamp, 'YYYY-MM-DD'. */
export function utcDay(timestamp: string): string {
  // Already in UTC before 24:00 (which both PostgreSQL and Date read as the next midnight): its own date.
  if (timestamp.endsWith('Z') && timestamp.slice(11, 13) < '24') return timestamp.slice(0, 10);
  return new Date(Date.parse(timestamp)).toISOString().slice(0, 10);
}

/** What a posting's fact row derives from its fields, computed once for the dimensions and the row. */
export interface Derived {
  locationKey: string | null;
  /** UTC day 'YYYY-MM-DD', or null without postedAt. */
  day: string | null;
}

/** Adds a posting's dimension values to the batch's sets; returns what its fact row needs. */
export function addDimensions(dims: BatchDimensions, p: Posting): Derived {
  dims.sources.add(p.source);
  if (p.company !== null && p.company !== undefined) dims.companies.add(p.company);
  const key = locationKey(p.location);
  if (key !== null) {
    const l = p.location;
    dims.locations.push({
      postingId: p.id,
      key,
      city: l.city ?? null,
      postalCode: l.postalCode ?? null,
      departement: l.departement ?? null,
      region: l.region ?? null,
      country: l.country ?? null,
      lat: l.lat ?? null,
      lon: l.lon ?? null,
    });
  }
  const day = p.postedAt ? utcDay(p.postedAt) : null;
  if (day !== null) dims.days.add(day);
  for (const skill of p.skills) dims.skills.add(skill);
  return { locationKey: key, day };
}

const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** Writes the posting's fact_posting row as a CSV line (FACT_COLUMNS order). */
export function writeFactRow(
  out: CopyBuffer,
  p: Posting,
  derived: Derived,
  hash: string,
  keys: DimensionKeys,
  runId: string,
): void {
  const sourceKey = keys.source.get(p.source);
  if (sourceKey === undefined) throw new Error(`no dim_source key for "${p.source}"`);
  const companyKey = p.company === null || p.company === undefined ? null : keys.company.get(p.company);
  if (companyKey === undefined) throw new Error(`no dim_company key for "${p.company}"`);
  const loc = p.location;
  const salary = p.salary;
  const day = derived.day;
  const dateKey = day === null ? '' : `${day.slice(0, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`;
  out.text(p.id);
  out.raw(`,${sourceKey},`);
  out.text(p.sourceId);
  out.raw(`,${companyKey ?? ''},${derived.locationKey ?? ''},${dateKey},`);
  out.text(p.url);
  out.comma();
  out.text(p.title);
  out.comma();
  out.text(p.description);
  out.comma();
  out.text(p.contractType);
  out.comma();
  out.text(p.workingTime);
  out.comma();
  out.text(p.remote);
  out.comma();
  out.text(p.seniority);
  out.raw(`,${number(salary.minEurYear)},${number(salary.maxEurYear)},${salary.predicted ? 't' : 'f'},`);
  out.text(salary.raw);
  out.comma();
  out.text(loc.raw);
  out.comma();
  out.text(p.postedAt);
  out.comma();
  out.text(p.collectedAt);
  out.comma();
  out.text(p.rawKey);
  out.comma();
  if (p.duplicates !== undefined) out.text(JSON.stringify(p.duplicates));
  out.raw(`,${hash},`);
  out.text(runId);
  out.comma();
  out.text(runId);
  out.endLine();
}

/** The posting's bridge rows (one per distinct skill) as CSV lines, written to `out`. */
export function bridgeLines(p: Posting, keys: DimensionKeys, out: { write(line: string): void }): void {
  const id = csvField(p.id);
  const seen = new Set<number>();
  for (const skill of p.skills) {
    const key = keys.skill.get(skill);
    if (key === undefined) throw new Error(`no dim_skill key for "${skill}"`);
    if (seen.has(key)) continue;
    seen.add(key);
    out.write(`${id},${key}\n`);
  }
}
