/**
 * One batch's merge from the staging table into the star schema, as BigQuery DML. Every
 * statement is a MERGE or a keyed DELETE, so running a batch twice changes nothing
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax#merge_statement).
 */
import { FACT_POSTING_COLUMNS } from '../core/index.ts';

/** Backquoted table name inside the default dataset. */
const t = (name: string) => `\`${name}\``;

/** How the batch compares to what is stored: rows of { state, n }. */
export function classifySql(stage: string): string {
  return `
SELECT CASE WHEN f.posting_id IS NULL THEN 'inserted'
            WHEN f.content_hash = st.content_hash THEN 'unchanged'
            ELSE 'updated' END AS state,
       COUNT(*) AS n
FROM ${t(stage)} st LEFT JOIN ${t('fact_posting')} f ON f.posting_id = st.posting_id
GROUP BY state`;
}

const FACT_COLUMNS = FACT_POSTING_COLUMNS;

/**
 * A GoogleSQL string literal. JSON's escapes (\" \\ \n \uXXXX…) are all valid GoogleSQL
 * escapes (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#string_and_bytes_literals).
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** Staging expression for each fact column (`RUN_ID` stands for the load's run). */
const FACT_SOURCE: Record<(typeof FACT_COLUMNS)[number], string> = {
  posting_id: 's.posting_id',
  source_key: 's.source_key',
  source_id: 's.source_id',
  company_key: 's.company_key',
  location_key: 's.location_key',
  posted_date_key: 's.posted_date_key',
  url: 's.url',
  title: 's.title',
  description: 's.description',
  contract_type: 's.contract_type',
  working_time: 's.working_time',
  remote: 's.remote',
  seniority: 's.seniority',
  salary_min_eur_year: 's.salary_min',
  salary_max_eur_year: 's.salary_max',
  salary_predicted: 's.salary_predicted',
  salary_raw: 's.salary_raw',
  location_raw: 's.location_raw',
  posted_at: 's.posted_at',
  collected_at: 's.collected_at',
  raw_key: 's.raw_key',
  duplicates: 's.duplicates',
  content_hash: 's.content_hash',
  first_run_id: 'RUN_ID',
  last_run_id: 'RUN_ID',
};

/**
 * The merge statements, in order: dimensions, stale skills, facts, skills. They run as one
 * script; the run id is written as a literal because query parameters do not reach the
 * statements of a script on the emulator (they do on BigQuery).
 */
export function mergeStatements(stage: string, runId: string): string[] {
  const st = t(stage);
  const source = (column: (typeof FACT_COLUMNS)[number]) => FACT_SOURCE[column].replace('RUN_ID', stringLiteral(runId));
  const updated = FACT_COLUMNS.filter((c) => c !== 'posting_id' && c !== 'first_run_id');
  return [
    `MERGE ${t('dim_source')} d USING (SELECT DISTINCT source_key, source FROM ${st}) s ON d.source_key = s.source_key
     WHEN NOT MATCHED THEN INSERT (source_key, name) VALUES (s.source_key, s.source)`,
    `MERGE ${t('dim_company')} d USING (SELECT DISTINCT company_key, company FROM ${st} WHERE company_key IS NOT NULL) s
     ON d.company_key = s.company_key
     WHEN NOT MATCHED THEN INSERT (company_key, name) VALUES (s.company_key, s.company)`,
    `MERGE ${t('dim_location')} d USING (
       SELECT location_key, MIN(city) AS city, MIN(postal_code) AS postal_code, MIN(departement) AS departement,
              MIN(region) AS region, MIN(country) AS country, MIN(lat) AS lat, MIN(lon) AS lon
       FROM ${st} WHERE location_key IS NOT NULL GROUP BY location_key) s
     ON d.location_key = s.location_key
     WHEN NOT MATCHED THEN INSERT (location_key, city, postal_code, departement, region, country, lat, lon)
       VALUES (s.location_key, s.city, s.postal_code, s.departement, s.region, s.country, s.lat, s.lon)`,
    `MERGE ${t('dim_date')} d USING (
       SELECT DISTINCT posted_date_key, posted_day, posted_year, posted_quarter, posted_month, posted_iso_week, posted_iso_dow
       FROM ${st} WHERE posted_date_key IS NOT NULL) s
     ON d.date_key = s.posted_date_key
     WHEN NOT MATCHED THEN INSERT (date_key, day, year, quarter, month, iso_week, iso_day_of_week)
       VALUES (s.posted_date_key, s.posted_day, s.posted_year, s.posted_quarter, s.posted_month, s.posted_iso_week, s.posted_iso_dow)`,
    `MERGE ${t('dim_skill')} d USING (SELECT DISTINCT skill FROM ${st}, UNNEST(skills) AS skill) s ON d.name = s.skill
     WHEN NOT MATCHED THEN INSERT (skill_key, name) VALUES (TO_HEX(MD5(s.skill)), s.skill)`,
    // Postings whose content changed lose their skills first; the last MERGE re-adds them.
    `DELETE FROM ${t('bridge_posting_skill')} WHERE posting_id IN (
       SELECT s.posting_id FROM ${st} s JOIN ${t('fact_posting')} f ON f.posting_id = s.posting_id
       WHERE f.content_hash <> s.content_hash)`,
    `MERGE ${t('fact_posting')} f USING ${st} s ON f.posting_id = s.posting_id
     WHEN MATCHED AND f.content_hash <> s.content_hash THEN UPDATE SET
       ${updated.map((c) => `${c} = ${source(c)}`).join(', ')}
     WHEN NOT MATCHED THEN INSERT (${FACT_COLUMNS.join(', ')})
       VALUES (${FACT_COLUMNS.map(source).join(', ')})`,
    `MERGE ${t('bridge_posting_skill')} b USING (
       SELECT DISTINCT s.posting_id, TO_HEX(MD5(skill)) AS skill_key FROM ${st} s, UNNEST(s.skills) AS skill) n
     ON b.posting_id = n.posting_id AND b.skill_key = n.skill_key
     WHEN NOT MATCHED THEN INSERT (posting_id, skill_key) VALUES (n.posting_id, n.skill_key)`,
  ];
}

/** Records the run in load_audit: a rerun updates its row and counts the attempt. */
export function auditSql(): string {
  return `
MERGE ${t('load_audit')} a USING (
  SELECT @run_id AS run_id, @received AS received, @inserted AS inserted, @updated AS updated, @unchanged AS unchanged,
         @batches AS batches, @checksum AS checksum, @source_keys AS source_keys, @duration_ms AS duration_ms) s
ON a.run_id = s.run_id
WHEN MATCHED THEN UPDATE SET received = s.received, inserted = s.inserted, updated = s.updated, unchanged = s.unchanged,
  batches = s.batches, checksum = s.checksum, source_keys = s.source_keys, duration_ms = s.duration_ms,
  attempts = a.attempts + 1, loaded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (run_id, received, inserted, updated, unchanged, batches, checksum, source_keys, duration_ms, attempts, loaded_at)
  VALUES (s.run_id, s.received, s.inserted, s.updated, s.unchanged, s.batches, s.checksum, s.source_keys, s.duration_ms, 1, CURRENT_TIMESTAMP())`;
}
