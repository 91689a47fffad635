/**
 * France Travail answers a ranged search with `206 Partial Content` and
 * `Content-Range: offres 0-149/1234` (unit `offres`, first-last/total), the last range
 * with `200`, and an empty result with `204`
 * (https://francetravail.io/data/api/offres-emploi, "Rechercher par critères").
 */

export interface ContentRange {
  first: number | null;
  last: number | null;
  /** Total results of the search, or null when the server wrote `*`. */
  total: number | null;
}

/** Parses `offres 0-149/1234` (any unit; `*` accepted for the range or the total), or null. */
export function parseContentRange(header: string | null): ContentRange | null {
  if (!header) return null;
  const match = /^\s*[A-Za-z]+\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/.exec(header);
  if (!match) return null;
  const [, first, last, total] = match;
  return {
    first: first !== undefined ? Number(first) : null,
    last: last !== undefined ? Number(last) : null,
    total: total !== undefined && total !== '*' ? Number(total) : null,
  };
}
