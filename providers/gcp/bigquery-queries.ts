/**
 * The named analytic queries in GoogleSQL, answering with the same columns as the
 * Postgres ones (providers/postgres/analytic-queries.ts). BigQuery's PERCENTILE_CONT is an
 * analytic function, so the salary quartiles are computed per group with OVER and then
 * collapsed. Salaries are compared on the midpoint of the posted range. The limit is an
 * integer the caller validated, written into the text.
 */
import { WAREHOUSE_TABLES, type AnalyticQuery } from '../core/index.ts';

const MIDPOINT = `(COALESCE(f.salary_min_eur_year, f.salary_max_eur_year) + COALESCE(f.salary_max_eur_year, f.salary_min_eur_year)) / 2`;

function salaryStats(group: string, alias: string, from: string, limit: number): string {
  return `
SELECT grp AS ${alias}, COUNT(*) AS postings, COUNT(mid) AS with_salary,
       MAX(p25) AS p25, MAX(p50) AS median, MAX(p75) AS p75
FROM (
  SELECT grp, mid,
         PERCENTILE_CONT(mid, 0.25) OVER (PARTITION BY grp) AS p25,
         PERCENTILE_CONT(mid, 0.5) OVER (PARTITION BY grp) AS p50,
         PERCENTILE_CONT(mid, 0.75) OVER (PARTITION BY grp) AS p75
  FROM (SELECT ${group} AS grp, ${MIDPOINT} AS mid FROM ${from})
)
GROUP BY grp ORDER BY postings DESC, grp LIMIT ${limit}`;
}

export function analyticSql(name: AnalyticQuery, limit: number): string {
  switch (name) {
    case 'table_counts':
      return WAREHOUSE_TABLES.map(
        (table) => `SELECT '${table}' AS table_name, COUNT(*) AS row_count FROM \`${table}\``,
      ).join('\nUNION ALL\n');
    case 'posting_count':
      return 'SELECT COUNT(*) AS postings FROM `fact_posting`';
    case 'top_skills':
      return salaryStats(
        'sk.name',
        'skill',
        '`bridge_posting_skill` b JOIN `dim_skill` sk ON sk.skill_key = b.skill_key JOIN `fact_posting` f ON f.posting_id = b.posting_id',
        limit,
      );
    case 'salary_by_seniority':
      return salaryStats(`COALESCE(f.seniority, 'unknown')`, 'seniority', '`fact_posting` f', limit);
    case 'salary_by_region':
      return salaryStats(
        `COALESCE(l.region, 'unknown')`,
        'region',
        '`fact_posting` f LEFT JOIN `dim_location` l ON l.location_key = f.location_key',
        limit,
      );
    case 'postings_by_departement':
      return `
SELECT l.departement AS departement, MIN(l.region) AS region, COUNT(*) AS postings
FROM \`fact_posting\` f JOIN \`dim_location\` l ON l.location_key = f.location_key
WHERE l.departement IS NOT NULL
GROUP BY l.departement ORDER BY postings DESC, departement LIMIT ${limit}`;
    case 'postings_over_time':
      return `
SELECT FORMAT_DATE('%Y-%m-%d', d.day) AS day, ds.name AS source, COUNT(*) AS postings
FROM \`fact_posting\` f JOIN \`dim_date\` d ON d.date_key = f.posted_date_key JOIN \`dim_source\` ds ON ds.source_key = f.source_key
GROUP BY day, source ORDER BY day, source LIMIT ${limit}`;
    case 'top_companies':
      return `
SELECT c.name AS company, COUNT(*) AS postings
FROM \`fact_posting\` f JOIN \`dim_company\` c ON c.company_key = f.company_key
GROUP BY company ORDER BY postings DESC, company LIMIT ${limit}`;
    case 'remote_share':
      return `
SELECT remote, postings, postings / SUM(postings) OVER () AS share
FROM (SELECT COALESCE(remote, 'unknown') AS remote, COUNT(*) AS postings FROM \`fact_posting\` GROUP BY 1)
ORDER BY postings DESC, remote LIMIT ${limit}`;
    case 'contract_mix':
      return `
SELECT COALESCE(contract_type, 'unknown') AS contract_type, COUNT(*) AS postings
FROM \`fact_posting\` GROUP BY 1 ORDER BY postings DESC, contract_type LIMIT ${limit}`;
    case 'market_postings':
      // One compact row per posting, newest first: the job-market dashboard filters these in the page.
      return `
SELECT f.posting_id AS id, ds.name AS source, FORMAT_TIMESTAMP('%Y-%m-%d', f.posted_at, 'UTC') AS posted_day,
       c.name AS company, l.region AS region, l.departement AS departement, l.city AS city,
       f.contract_type AS contract_type, f.working_time AS working_time, f.remote AS remote, f.seniority AS seniority,
       f.salary_min_eur_year AS salary_min, f.salary_max_eur_year AS salary_max, f.salary_predicted AS salary_predicted,
       sks.skills AS skills
FROM \`fact_posting\` f
JOIN \`dim_source\` ds ON ds.source_key = f.source_key
LEFT JOIN \`dim_company\` c ON c.company_key = f.company_key
LEFT JOIN \`dim_location\` l ON l.location_key = f.location_key
LEFT JOIN (
  SELECT b.posting_id, STRING_AGG(sk.name, '|' ORDER BY sk.name) AS skills
  FROM \`bridge_posting_skill\` b JOIN \`dim_skill\` sk ON sk.skill_key = b.skill_key
  GROUP BY b.posting_id) sks ON sks.posting_id = f.posting_id
ORDER BY f.posted_at DESC NULLS LAST, f.posting_id LIMIT ${limit}`;
  }
}

/**
 * Stored (id, content hash) rows of the ids in the `@ids` array parameter. BigQuery has no
 * index: each call scans the two columns once, so callers send large batches.
 */
export const FINGERPRINTS_SQL =
  'SELECT posting_id AS id, content_hash FROM `fact_posting` WHERE posting_id IN UNNEST(@ids)';
