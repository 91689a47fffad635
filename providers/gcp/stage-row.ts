/**
 * A canonical posting as one staging row for the BigQuery load job. Keys and calendar
 * fields are computed here, the way the Postgres merge computes them in SQL, so the
 * BigQuery merge stays plain joins and the two warehouses hold the same keys.
 */
import { createHash } from 'node:crypto';
import type { Posting } from '../core/index.ts';

/** Dimension key of a name: hex MD5, as BigQuery's `TO_HEX(MD5(name))` gives it. */
export function nameKey(name: string): string {
  return createHash('md5').update(name, 'utf8').digest('hex');
}

/** Same as the Postgres merge: md5 of the non-null location parts joined by `|` (concat_ws). */
export function locationKey(posting: Posting): string | null {
  const { city, postalCode, departement, region, country } = posting.location;
  const parts = [city, postalCode, departement, region, country].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : nameKey(parts.join('|'));
}

/** ISO 8601 week number and day of week (Monday = 1) of a UTC date. */
export function isoWeek(date: Date): { week: number; dayOfWeek: number } {
  const dayOfWeek = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 4 - dayOfWeek));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7), dayOfWeek };
}

export function stageRow(posting: Posting, contentHash: string): Record<string, unknown> {
  const posted = posting.postedAt ? new Date(posting.postedAt) : null;
  const day = posted ? posted.toISOString().slice(0, 10) : null;
  const iso = posted ? isoWeek(posted) : null;
  return {
    posting_id: posting.id,
    source: posting.source,
    source_key: nameKey(posting.source),
    source_id: posting.sourceId,
    url: posting.url,
    title: posting.title,
    company: posting.company,
    company_key: posting.company === null ? null : nameKey(posting.company),
    description: posting.description,
    location_raw: posting.location.raw,
    location_key: locationKey(posting),
    city: posting.location.city,
    postal_code: posting.location.postalCode,
    departement: posting.location.departement,
    region: posting.location.region,
    country: posting.location.country,
    lat: posting.location.lat,
    lon: posting.location.lon,
    contract_type: posting.contractType,
    working_time: posting.workingTime,
    remote: posting.remote,
    seniority: posting.seniority,
    salary_min: posting.salary.minEurYear,
    salary_max: posting.salary.maxEurYear,
    salary_predicted: posting.salary.predicted,
    salary_raw: posting.salary.raw,
    skills: [...new Set(posting.skills)],
    posted_at: posted ? posted.toISOString() : null,
    posted_date_key: day ? Number(day.replaceAll('-', '')) : null,
    posted_day: day,
    posted_year: posted ? posted.getUTCFullYear() : null,
    posted_quarter: posted ? Math.floor(posted.getUTCMonth() / 3) + 1 : null,
    posted_month: posted ? posted.getUTCMonth() + 1 : null,
    posted_iso_week: iso?.week ?? null,
    posted_iso_dow: iso?.dayOfWeek ?? null,
    collected_at: new Date(posting.collectedAt).toISOString(),
    raw_key: posting.rawKey,
    duplicates: posting.duplicates === undefined ? null : JSON.stringify(posting.duplicates),
    content_hash: contentHash,
  };
}
