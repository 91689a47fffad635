/**
 * One batch's merge, as set-based SQL over a staging table of JSON documents: COPY is
 * the fastest way into Postgres, and doing the star-schema split in SQL keeps the batch
 * to a handful of round trips whatever its size.
 */
import { quoteIdent } from './sql-client.ts';

/** Temporary tables; `ON COMMIT DROP` because every batch runs in its own transaction. */
export const STAGE_RAW = 'jobbench_stage_raw';
export const STAGE = 'jobbench_stage';

export function createStageRawSql(): string {
  return `CREATE TEMP TABLE ${STAGE_RAW} (doc JSONB NOT NULL, content_hash TEXT NOT NULL) ON COMMIT DROP`;
}

/** Typed staging rows, one per id (the newest copy wins when a batch repeats an id). */
export function createStageSql(): string {
  return `
CREATE TEMP TABLE ${STAGE} ON COMMIT DROP AS
SELECT DISTINCT ON (doc->>'id')
  doc->>'id' AS posting_id,
  doc->>'source' AS source,
  doc->>'sourceId' AS source_id,
  doc->>'url' AS url,
  doc->>'title' AS title,
  doc->>'company' AS company,
  doc->>'description' AS description,
  doc->'location'->>'raw' AS location_raw,
  doc->'location'->>'city' AS city,
  doc->'location'->>'postalCode' AS postal_code,
  doc->'location'->>'departement' AS departement,
  doc->'location'->>'region' AS region,
  doc->'location'->>'country' AS country,
  (doc->'location'->>'lat')::double precision AS lat,
  (doc->'location'->>'lon')::double precision AS lon,
  doc->>'contractType' AS contract_type,
  doc->>'workingTime' AS working_time,
  doc->>'remote' AS remote,
  doc->>'seniority' AS seniority,
  (doc->'salary'->>'minEurYear')::double precision AS salary_min,
  (doc->'salary'->>'maxEurYear')::double precision AS salary_max,
  COALESCE((doc->'salary'->>'predicted')::boolean, false) AS salary_predicted,
  doc->'salary'->>'raw' AS salary_raw,
  doc->'skills' AS skills,
  (doc->>'postedAt')::timestamptz AS posted_at,
  (doc->>'collectedAt')::timestamptz AS collected_at,
  doc->>'rawKey' AS raw_key,
  doc->'duplicates' AS duplicates,
  content_hash,
  CASE WHEN COALESCE(doc->'location'->>'city', doc->'location'->>'postalCode', doc->'location'->>'departement',
                     doc->'location'->>'region', doc->'location'->>'country') IS NULL THEN NULL
       ELSE md5(concat_ws('|', doc->'location'->>'city', doc->'location'->>'postalCode', doc->'location'->>'departement',
                          doc->'location'->>'region', doc->'location'->>'country')) END AS location_key
FROM ${STAGE_RAW}
ORDER BY doc->>'id', (doc->>'collectedAt') DESC`;
}

/** How the batch compares to what is stored: rows of { state, n }. */
export function classifySql(schema: string): string {
  const s = quoteIdent(schema);
  return `
SELECT CASE WHEN f.posting_id IS NULL THEN 'inserted'
            WHEN f.content_hash = st.content_hash THEN 'unchanged'
            ELSE 'updated' END AS state,
       count(*)::int AS n
FROM ${STAGE} st LEFT JOIN ${s}.fact_posting f ON f.posting_id = st.posting_id
GROUP BY 1`;
}

/** How many of the batch's (id, content hash) pairs ($1 ids, $2 hashes) the fact table already holds. */
export function storedMatchesSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
SELECT count(*)::int AS n
FROM unnest($1::text[], $2::text[]) AS b(posting_id, content_hash)
JOIN ${s}.fact_posting f ON f.posting_id = b.posting_id AND f.content_hash = b.content_hash`;
}

/** Stored (id, content hash) rows of the ids in $1, by the primary key's index. */
export function fingerprintsSql(schema: string): string {
  return `SELECT posting_id AS id, content_hash FROM ${quoteIdent(schema)}.fact_posting WHERE posting_id = ANY($1::text[])`;
}

/**
 * Statements that upsert the dimensions, the fact rows and the skill bridge. Each
 * dimension takes its new keys in sorted order: two batches merging at once then wait for
 * each other on a shared new key at most, and never in a cycle (a deadlock).
 */
export function mergeStatements(schema: string, runIdParam = '$1'): string[] {
  return [...stagedDimensionStatements(schema), ...stagedFactStatements(schema, runIdParam)];
}

/** The dimension upserts of mergeStatements, from the staging table. */
export function stagedDimensionStatements(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `INSERT INTO ${s}.dim_source (name) SELECT DISTINCT source FROM ${STAGE} ORDER BY 1 ON CONFLICT (name) DO NOTHING`,
    `INSERT INTO ${s}.dim_company (name) SELECT DISTINCT company FROM ${STAGE} WHERE company IS NOT NULL ORDER BY 1 ON CONFLICT (name) DO NOTHING`,
    `INSERT INTO ${s}.dim_location (location_key, city, postal_code, departement, region, country, lat, lon)
       SELECT DISTINCT ON (location_key) location_key, city, postal_code, departement, region, country, lat, lon
       FROM ${STAGE} WHERE location_key IS NOT NULL ORDER BY location_key
       ON CONFLICT (location_key) DO NOTHING`,
    `INSERT INTO ${s}.dim_date (date_key, day, year, quarter, month, iso_week, iso_day_of_week)
       SELECT DISTINCT to_char(d, 'YYYYMMDD')::int, d, extract(year FROM d), extract(quarter FROM d), extract(month FROM d),
              extract(week FROM d), extract(isodow FROM d)
       FROM (SELECT (posted_at AT TIME ZONE 'UTC')::date AS d FROM ${STAGE} WHERE posted_at IS NOT NULL) days
       ORDER BY 1
       ON CONFLICT (date_key) DO NOTHING`,
    `INSERT INTO ${s}.dim_skill (name) SELECT DISTINCT jsonb_array_elements_text(skills) FROM ${STAGE} ORDER BY 1 ON CONFLICT (name) DO NOTHING`,
  ];
}

/** The fact and bridge merge of mergeStatements, once the dimensions hold the staging table's values. */
export function stagedFactStatements(schema: string, runIdParam = '$1'): string[] {
  const s = quoteIdent(schema);
  return [
    // Rows whose content changed lose their skills first; the insert below re-adds them.
    `DELETE FROM ${s}.bridge_posting_skill b USING ${STAGE} st, ${s}.fact_posting f
       WHERE b.posting_id = st.posting_id AND f.posting_id = st.posting_id AND f.content_hash <> st.content_hash`,
    `INSERT INTO ${s}.fact_posting AS f (posting_id, source_key, source_id, company_key, location_key, posted_date_key, url, title,
         description, contract_type, working_time, remote, seniority, salary_min_eur_year, salary_max_eur_year,
         salary_predicted, salary_raw, location_raw, posted_at, collected_at, raw_key, duplicates, content_hash,
         first_run_id, last_run_id)
       SELECT st.posting_id, ds.source_key, st.source_id, dc.company_key, st.location_key,
              CASE WHEN st.posted_at IS NULL THEN NULL ELSE to_char(st.posted_at AT TIME ZONE 'UTC', 'YYYYMMDD')::int END,
              st.url, st.title, st.description, st.contract_type, st.working_time, st.remote, st.seniority,
              st.salary_min, st.salary_max, st.salary_predicted, st.salary_raw, st.location_raw, st.posted_at,
              st.collected_at, st.raw_key, st.duplicates, st.content_hash, ${runIdParam}, ${runIdParam}
       FROM ${STAGE} st
       JOIN ${s}.dim_source ds ON ds.name = st.source
       LEFT JOIN ${s}.dim_company dc ON dc.name = st.company
       ON CONFLICT (posting_id) DO UPDATE SET
         source_key = EXCLUDED.source_key, source_id = EXCLUDED.source_id, company_key = EXCLUDED.company_key,
         location_key = EXCLUDED.location_key, posted_date_key = EXCLUDED.posted_date_key, url = EXCLUDED.url,
         title = EXCLUDED.title, description = EXCLUDED.description, contract_type = EXCLUDED.contract_type,
         working_time = EXCLUDED.working_time, remote = EXCLUDED.remote, seniority = EXCLUDED.seniority,
         salary_min_eur_year = EXCLUDED.salary_min_eur_year, salary_max_eur_year = EXCLUDED.salary_max_eur_year,
         salary_predicted = EXCLUDED.salary_predicted, salary_raw = EXCLUDED.salary_raw, location_raw = EXCLUDED.location_raw,
         posted_at = EXCLUDED.posted_at, collected_at = EXCLUDED.collected_at, raw_key = EXCLUDED.raw_key,
         duplicates = EXCLUDED.duplicates, content_hash = EXCLUDED.content_hash, last_run_id = EXCLUDED.last_run_id
       WHERE f.content_hash <> EXCLUDED.content_hash`,
    `INSERT INTO ${s}.bridge_posting_skill (posting_id, skill_key)
       SELECT DISTINCT st.posting_id, sk.skill_key
       FROM ${STAGE} st CROSS JOIN LATERAL jsonb_array_elements_text(st.skills) AS skill(name)
       JOIN ${s}.dim_skill sk ON sk.name = skill.name
       ON CONFLICT DO NOTHING`,
  ];
}

export function upsertAuditSql(schema: string): string {
  const s = quoteIdent(schema);
  return `INSERT INTO ${s}.load_audit (run_id, received, inserted, updated, unchanged, batches, checksum, source_keys, duration_ms, quality)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb)
    ON CONFLICT (run_id) DO UPDATE SET received = EXCLUDED.received, inserted = EXCLUDED.inserted, updated = EXCLUDED.updated,
      unchanged = EXCLUDED.unchanged, batches = EXCLUDED.batches, checksum = EXCLUDED.checksum,
      source_keys = EXCLUDED.source_keys, duration_ms = EXCLUDED.duration_ms, quality = EXCLUDED.quality,
      attempts = ${s}.load_audit.attempts + 1, loaded_at = now()`;
}

/**
 * The dimension upserts of a batch whose values were collected in the client
 * (direct-rows.ts), one statement per table, from arrays: the same rows in the same order
 * as stagedDimensionStatements (`ORDER BY` in SQL, so in the database's collation), hence
 * the same keys. Parameters: $1 sources, $2 companies, $3…$11 each posting's id and its
 * location's key, city, postal code, département, région, country, lat, lon (postings
 * without a location key left out), $12 days 'YYYY-MM-DD', $13 skills. The locations are
 * sorted by posting id first, as the staging table is, so `DISTINCT ON` sees its rows in
 * the same order and keeps the same one of a key's rows.
 */
export function arrayDimensionStatements(schema: string): Array<{ table: string; sql: string; params: number[] }> {
  const s = quoteIdent(schema);
  return [
    {
      table: 'dim_source',
      sql: `INSERT INTO ${s}.dim_source (name) SELECT DISTINCT n FROM unnest($1::text[]) n ORDER BY 1 ON CONFLICT (name) DO NOTHING`,
      params: [0],
    },
    {
      table: 'dim_company',
      sql: `INSERT INTO ${s}.dim_company (name) SELECT DISTINCT n FROM unnest($1::text[]) n ORDER BY 1 ON CONFLICT (name) DO NOTHING`,
      params: [1],
    },
    {
      table: 'dim_location',
      sql: `INSERT INTO ${s}.dim_location (location_key, city, postal_code, departement, region, country, lat, lon)
       SELECT DISTINCT ON (location_key) location_key, city, postal_code, departement, region, country, lat, lon
       FROM (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                  $8::float8[], $9::float8[])
               AS st(posting_id, location_key, city, postal_code, departement, region, country, lat, lon)
             ORDER BY posting_id) st
       ORDER BY location_key
       ON CONFLICT (location_key) DO NOTHING`,
      params: [2, 3, 4, 5, 6, 7, 8, 9, 10],
    },
    {
      table: 'dim_date',
      sql: `INSERT INTO ${s}.dim_date (date_key, day, year, quarter, month, iso_week, iso_day_of_week)
       SELECT DISTINCT to_char(d, 'YYYYMMDD')::int, d, extract(year FROM d), extract(quarter FROM d), extract(month FROM d),
              extract(week FROM d), extract(isodow FROM d)
       FROM unnest($1::date[]) d ORDER BY 1 ON CONFLICT (date_key) DO NOTHING`,
      params: [11],
    },
    {
      table: 'dim_skill',
      sql: `INSERT INTO ${s}.dim_skill (name) SELECT DISTINCT n FROM unnest($1::text[]) n ORDER BY 1 ON CONFLICT (name) DO NOTHING`,
      params: [12],
    },
  ];
}

/** The surrogate keys of the names in $1 sources, $2 companies, $3 skills: rows of { kind, name, key }. */
export function dimensionKeysSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
SELECT 's' AS kind, name, source_key AS key FROM ${s}.dim_source WHERE name = ANY($1::text[])
UNION ALL SELECT 'c', name, company_key FROM ${s}.dim_company WHERE name = ANY($2::text[])
UNION ALL SELECT 'k', name, skill_key FROM ${s}.dim_skill WHERE name = ANY($3::text[])`;
}
