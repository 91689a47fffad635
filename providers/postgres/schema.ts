/**
 * The star schema in the Postgres dialect (docs/lake-and-warehouse.md "Warehouse: a star schema"). Every statement is
 * idempotent (`IF NOT EXISTS`), so `migrate()` can run on every start.
 */
import { quoteIdent } from './sql-client.ts';

export const SCHEMA_VERSION = 1;

export function schemaDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.dim_source (
  source_key SERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ${s}.dim_company (
  company_key SERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ${s}.dim_location (
  location_key TEXT PRIMARY KEY,
  city TEXT, postal_code TEXT, departement TEXT, region TEXT, country TEXT,
  lat DOUBLE PRECISION, lon DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS ${s}.dim_date (
  date_key INTEGER PRIMARY KEY,
  day DATE NOT NULL,
  year SMALLINT NOT NULL, quarter SMALLINT NOT NULL, month SMALLINT NOT NULL,
  iso_week SMALLINT NOT NULL, iso_day_of_week SMALLINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.dim_skill (
  skill_key SERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ${s}.fact_posting (
  posting_id TEXT PRIMARY KEY,
  source_key INTEGER NOT NULL REFERENCES ${s}.dim_source (source_key),
  source_id TEXT NOT NULL,
  company_key INTEGER REFERENCES ${s}.dim_company (company_key),
  location_key TEXT REFERENCES ${s}.dim_location (location_key),
  posted_date_key INTEGER REFERENCES ${s}.dim_date (date_key),
  url TEXT, title TEXT NOT NULL, description TEXT NOT NULL,
  contract_type TEXT, working_time TEXT, remote TEXT, seniority TEXT,
  salary_min_eur_year DOUBLE PRECISION, salary_max_eur_year DOUBLE PRECISION,
  salary_predicted BOOLEAN NOT NULL, salary_raw TEXT, location_raw TEXT,
  posted_at TIMESTAMPTZ, collected_at TIMESTAMPTZ NOT NULL, raw_key TEXT NOT NULL,
  duplicates JSONB,
  content_hash TEXT NOT NULL,
  first_run_id TEXT NOT NULL, last_run_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.bridge_posting_skill (
  posting_id TEXT NOT NULL REFERENCES ${s}.fact_posting (posting_id) ON DELETE CASCADE,
  skill_key INTEGER NOT NULL REFERENCES ${s}.dim_skill (skill_key),
  PRIMARY KEY (posting_id, skill_key)
);
CREATE TABLE IF NOT EXISTS ${s}.load_audit (
  run_id TEXT PRIMARY KEY,
  received INTEGER NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
  batches INTEGER NOT NULL, checksum TEXT NOT NULL, source_keys JSONB NOT NULL,
  duration_ms DOUBLE PRECISION NOT NULL, attempts INTEGER NOT NULL DEFAULT 1,
  loaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE ${s}.load_audit ADD COLUMN IF NOT EXISTS quality JSONB;
CREATE TABLE IF NOT EXISTS ${s}.schema_version (version INTEGER PRIMARY KEY);
INSERT INTO ${s}.schema_version (version) VALUES (${SCHEMA_VERSION}) ON CONFLICT DO NOTHING;
CREATE INDEX IF NOT EXISTS fact_posting_posted_date ON ${s}.fact_posting (posted_date_key);
CREATE INDEX IF NOT EXISTS bridge_posting_skill_skill ON ${s}.bridge_posting_skill (skill_key);
`;
}
