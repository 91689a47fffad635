/**
 * The star schema in the Postgres dialect (docs/lake-and-warehouse.md "Warehouse: a star schema"). Every statement is
 * idempotent (`IF NOT EXISTS`), so `migrate()` can run on every start.
 *
 * Version 2: the references between tables are checked per statement by triggers
 * (integrity-sql.ts) instead of per row by foreign keys; migrating a version 1 schema
 * drops its foreign keys and adds the triggers.
 */
import { integrityDdl } from './integrity-sql.ts';
import { quoteIdent } from './sql-client.ts';

export const SCHEMA_VERSION = 2;

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
  source_key INTEGER NOT NULL,
  source_id TEXT NOT NULL,
  company_key INTEGER,
  location_key TEXT,
  posted_date_key INTEGER,
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
  posting_id TEXT NOT NULL,
  skill_key INTEGER NOT NULL,
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
${integrityDdl(schema)}`;
}
