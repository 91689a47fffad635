/**
 * The named analytic queries in the Postgres dialect. Every numeric column is cast to
 * int or float8 so drivers return JS numbers (bigint and numeric come back as strings).
 * Salaries are compared on the midpoint of the posted range.
 */
import { WAREHOUSE_TABLES, type AnalyticQuery } from '../core/index.ts';
import { quoteIdent } from './sql-client.ts';

const MIDPOINT = `(COALESCE(f.salary_min_eur_year, f.salary_max_eur_year) + COALESCE(f.salary_max_eur_year, f.salary_min_eur_year)) / 2`;

function salaryStats(groupColumn: string, groupAlias: string, from: string, limit = '$1'): string {
  return `
SELECT ${groupColumn} AS ${groupAlias}, count(*)::int AS postings,
       count(${MIDPOINT})::int AS with_salary,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY ${MIDPOINT})::float8 AS p25,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ${MIDPOINT})::float8 AS median,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY ${MIDPOINT})::float8 AS p75
FROM ${from}
GROUP BY 1 ORDER BY postings DESC, 1 LIMIT ${limit}`;
}

/** SQL text per query; `$1` is always the row limit. */
export function analyticSql(schema: string, name: AnalyticQuery): string {
  const s = quoteIdent(schema);
  switch (name) {
    case 'table_counts':
      return WAREHOUSE_TABLES.map(
        (t) => `SELECT '${t}' AS table_name, count(*)::int AS row_count FROM ${s}.${t} WHERE $1::int IS NOT NULL`,
      ).join('\nUNION ALL\n');
    case 'posting_count':
      return `SELECT count(*)::int AS postings FROM ${s}.fact_posting WHERE $1::int IS NOT NULL`;
    case 'top_skills':
      return salaryStats(
        'sk.name',
        'skill',
        `${s}.bridge_posting_skill b JOIN ${s}.dim_skill sk ON sk.skill_key = b.skill_key JOIN ${s}.fact_posting f ON f.posting_id = b.posting_id`,
      );
    case 'salary_by_seniority':
      return salaryStats(`COALESCE(f.seniority, 'unknown')`, 'seniority', `${s}.fact_posting f`);
    case 'salary_by_region':
      return salaryStats(
        `COALESCE(l.region, 'unknown')`,
        'region',
        `${s}.fact_posting f LEFT JOIN ${s}.dim_location l ON l.location_key = f.location_key`,
      );
    case 'postings_by_departement':
      return `
SELECT l.departement, min(l.region) AS region, count(*)::int AS postings
FROM ${s}.fact_posting f JOIN ${s}.dim_location l ON l.location_key = f.location_key
WHERE l.departement IS NOT NULL
GROUP BY l.departement ORDER BY postings DESC, l.departement LIMIT $1`;
    case 'postings_over_time':
      return `
SELECT to_char(d.day, 'YYYY-MM-DD') AS day, ds.name AS source, count(*)::int AS postings
FROM ${s}.fact_posting f JOIN ${s}.dim_date d ON d.date_key = f.posted_date_key JOIN ${s}.dim_source ds ON ds.source_key = f.source_key
GROUP BY d.day, ds.name ORDER BY d.day, ds.name LIMIT $1`;
    case 'top_companies':
      return `
SELECT c.name AS company, count(*)::int AS postings
FROM ${s}.fact_posting f JOIN ${s}.dim_company c ON c.company_key = f.company_key
GROUP BY c.name ORDER BY postings DESC, c.name LIMIT $1`;
    case 'remote_share':
      return `
SELECT COALESCE(remote, 'unknown') AS remote, count(*)::int AS postings,
       (count(*)::float8 / NULLIF(sum(count(*)) OVER (), 0))::float8 AS share
FROM ${s}.fact_posting GROUP BY 1 ORDER BY postings DESC, 1 LIMIT $1`;
    case 'contract_mix':
      return `
SELECT COALESCE(contract_type, 'unknown') AS contract_type, count(*)::int AS postings
FROM ${s}.fact_posting GROUP BY 1 ORDER BY postings DESC, 1 LIMIT $1`;
    case 'market_postings':
      // One compact row per posting, newest first: the job-market dashboard filters these in the page.
      return `
SELECT f.posting_id AS id, ds.name AS source, to_char(f.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS posted_day,
       c.name AS company, l.region, l.departement, l.city, f.contract_type, f.working_time, f.remote, f.seniority,
       f.salary_min_eur_year AS salary_min, f.salary_max_eur_year AS salary_max, f.salary_predicted, sk.skills
FROM ${s}.fact_posting f
JOIN ${s}.dim_source ds ON ds.source_key = f.source_key
LEFT JOIN ${s}.dim_company c ON c.company_key = f.company_key
LEFT JOIN ${s}.dim_location l ON l.location_key = f.location_key
LEFT JOIN (
  SELECT b.posting_id, string_agg(d.name, '|' ORDER BY d.name) AS skills
  FROM ${s}.bridge_posting_skill b JOIN ${s}.dim_skill d ON d.skill_key = b.skill_key
  GROUP BY b.posting_id
) sk ON sk.posting_id = f.posting_id
ORDER BY f.posted_at DESC NULLS LAST, f.posting_id LIMIT $1`;
  }
}
