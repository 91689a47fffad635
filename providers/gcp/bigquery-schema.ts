/**
 * The star schema in BigQuery SQL: the same tables and columns as the Postgres schema
 * (providers/postgres/schema.ts), with the keys BigQuery can make without sequences:
 * dimension keys are the hex MD5 of the natural key (the Postgres location key already
 * is), dates are `YYYYMMDD` integers. Every statement is `IF NOT EXISTS`.
 */
export const SCHEMA_VERSION = 1;

const TABLES: Record<string, string> = {
  dim_source: 'source_key STRING NOT NULL, name STRING NOT NULL',
  dim_company: 'company_key STRING NOT NULL, name STRING NOT NULL',
  dim_location: `location_key STRING NOT NULL, city STRING, postal_code STRING, departement STRING, region STRING,
    country STRING, lat FLOAT64, lon FLOAT64`,
  dim_date: `date_key INT64 NOT NULL, day DATE NOT NULL, year INT64 NOT NULL, quarter INT64 NOT NULL, month INT64 NOT NULL,
    iso_week INT64 NOT NULL, iso_day_of_week INT64 NOT NULL`,
  dim_skill: 'skill_key STRING NOT NULL, name STRING NOT NULL',
  fact_posting: `posting_id STRING NOT NULL, source_key STRING NOT NULL, source_id STRING NOT NULL, company_key STRING,
    location_key STRING, posted_date_key INT64, url STRING, title STRING NOT NULL, description STRING NOT NULL,
    contract_type STRING, working_time STRING, remote STRING, seniority STRING,
    salary_min_eur_year FLOAT64, salary_max_eur_year FLOAT64, salary_predicted BOOL NOT NULL, salary_raw STRING,
    location_raw STRING, posted_at TIMESTAMP, collected_at TIMESTAMP NOT NULL, raw_key STRING NOT NULL,
    duplicates STRING, content_hash STRING NOT NULL, first_run_id STRING NOT NULL, last_run_id STRING NOT NULL`,
  bridge_posting_skill: 'posting_id STRING NOT NULL, skill_key STRING NOT NULL',
  load_audit: `run_id STRING NOT NULL, received INT64 NOT NULL, inserted INT64 NOT NULL, updated INT64 NOT NULL,
    unchanged INT64 NOT NULL, batches INT64 NOT NULL, checksum STRING NOT NULL, source_keys STRING NOT NULL,
    duration_ms FLOAT64 NOT NULL, attempts INT64 NOT NULL, loaded_at TIMESTAMP NOT NULL`,
  schema_version: 'version INT64 NOT NULL',
};

/** DDL statements, one per table (run as one script job). */
export function schemaStatements(): string[] {
  return [
    ...Object.entries(TABLES).map(([table, columns]) => `CREATE TABLE IF NOT EXISTS ${table} (${columns})`),
    `INSERT INTO schema_version (version) SELECT ${SCHEMA_VERSION} FROM (SELECT 1) WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = ${SCHEMA_VERSION})`,
  ];
}

/** Schema of the staging table a load job fills from NDJSON (see `stageRow`). */
export const STAGE_FIELDS = [
  ['posting_id', 'STRING', 'REQUIRED'],
  ['source', 'STRING', 'REQUIRED'],
  ['source_key', 'STRING', 'REQUIRED'],
  ['source_id', 'STRING', 'REQUIRED'],
  ['url', 'STRING'],
  ['title', 'STRING', 'REQUIRED'],
  ['company', 'STRING'],
  ['company_key', 'STRING'],
  ['description', 'STRING', 'REQUIRED'],
  ['location_raw', 'STRING'],
  ['location_key', 'STRING'],
  ['city', 'STRING'],
  ['postal_code', 'STRING'],
  ['departement', 'STRING'],
  ['region', 'STRING'],
  ['country', 'STRING'],
  ['lat', 'FLOAT'],
  ['lon', 'FLOAT'],
  ['contract_type', 'STRING'],
  ['working_time', 'STRING'],
  ['remote', 'STRING'],
  ['seniority', 'STRING'],
  ['salary_min', 'FLOAT'],
  ['salary_max', 'FLOAT'],
  ['salary_predicted', 'BOOLEAN', 'REQUIRED'],
  ['salary_raw', 'STRING'],
  ['skills', 'STRING', 'REPEATED'],
  ['posted_at', 'TIMESTAMP'],
  ['posted_date_key', 'INTEGER'],
  ['posted_day', 'DATE'],
  ['posted_year', 'INTEGER'],
  ['posted_quarter', 'INTEGER'],
  ['posted_month', 'INTEGER'],
  ['posted_iso_week', 'INTEGER'],
  ['posted_iso_dow', 'INTEGER'],
  ['collected_at', 'TIMESTAMP', 'REQUIRED'],
  ['raw_key', 'STRING', 'REQUIRED'],
  ['duplicates', 'STRING'],
  ['content_hash', 'STRING', 'REQUIRED'],
] as const;

export function stageSchema(): { fields: Array<{ name: string; type: string; mode: string }> } {
  return { fields: STAGE_FIELDS.map(([name, type, mode]) => ({ name, type, mode: mode ?? 'NULLABLE' })) };
}
