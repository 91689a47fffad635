/**
 * The warehouse load against its floor and a peer, on the same clean postings and the
 * same PostgreSQL server:
 * - ours: `PostgresWarehouse.load` (pg-client, COPY of JSON documents into a staging
 *   table, set-based merge into the star schema) into a fresh schema;
 * - floor: `psql \copy` of each posting's fact row (the fact_posting columns, with the
 *   dimension references as their natural values, as CSV) into a fresh logged table
 *   with the same primary key — no dimension, bridge or merge work, so it bounds ours;
 * - dlt: the pinned dlt (tools/python/perf.txt) loading the same postings with
 *   `write_disposition="merge"`, `primary_key="id"` into a fresh dataset.
 * Each returns rows per second over the distinct postings it stored.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { postingContentHash, type ObjectStore, type Posting } from '../providers/core/index.ts';
import type { RunManifest } from '../pipeline/lake/run-manifest.ts';
import { readCleanPostings } from '../pipeline/stages/transform/transform-stage.ts';
import { readVerifiedCleanLines } from '../pipeline/lake/clean-chunks.ts';
import { dropSchema, postgresProvider, psql } from './providers.ts';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));

export { DEFAULT_DSN } from './providers.ts';

/** The clean postings of a run, written once as NDJSON (dlt's input) and fact-row CSV (COPY's). */
export interface LoadInputs {
  ndjson: string;
  csv: string;
  /** Distinct posting ids: what each loader should end up storing. */
  rows: number;
}

/** RFC 4180 quoting, what COPY's csv format reads. */
const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`;
const cell = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? csvField(value) : String(value);

function factRow(p: Posting, runId: string): string {
  const day = p.postedAt ? Number(p.postedAt.slice(0, 10).replaceAll('-', '')) : null;
  const loc = p.location;
  return [
    p.id,
    p.source,
    p.sourceId,
    p.company,
    [loc.city, loc.postalCode, loc.departement, loc.region, loc.country].filter(Boolean).join('|') || null,
    day,
    p.url,
    p.title,
    p.description,
    p.contractType,
    p.workingTime,
    p.remote,
    p.seniority,
    p.salary.minEurYear ?? null,
    p.salary.maxEurYear ?? null,
    p.salary.predicted ?? false,
    p.salary.raw ?? null,
    loc.raw ?? null,
    p.postedAt,
    p.collectedAt,
    p.rawKey,
    p.duplicates ? JSON.stringify(p.duplicates) : null,
    postingContentHash(p),
    runId,
    runId,
  ]
    .map(cell)
    .join(',');
}

const FLOOR_COLUMNS = `posting_id TEXT PRIMARY KEY, source TEXT NOT NULL, source_id TEXT NOT NULL, company TEXT, location_key TEXT,
  posted_date_key INTEGER, url TEXT, title TEXT NOT NULL, description TEXT NOT NULL, contract_type TEXT, working_time TEXT,
  remote TEXT, seniority TEXT, salary_min_eur_year DOUBLE PRECISION, salary_max_eur_year DOUBLE PRECISION,
  salary_predicted BOOLEAN NOT NULL, salary_raw TEXT, location_raw TEXT, posted_at TIMESTAMPTZ, collected_at TIMESTAMPTZ NOT NULL,
  raw_key TEXT NOT NULL, duplicates JSONB, content_hash TEXT NOT NULL, first_run_id TEXT NOT NULL, last_run_id TEXT NOT NULL`;

async function writeLines(file: string, lines: AsyncIterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for await (const line of lines)
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Writes the run's clean postings once (the last copy of an id wins, as in our merge). */
export async function prepareLoadInputs(store: ObjectStore, manifest: RunManifest, dir: string): Promise<LoadInputs> {
  const latest = new Map<string, Posting>();
  for await (const p of readCleanPostings(store, manifest)) {
    const prior = latest.get(p.id);
    if (!prior || prior.collectedAt <= p.collectedAt) latest.set(p.id, p);
  }
  const ndjson = path.join(dir, 'postings.ndjson');
  const csv = path.join(dir, 'facts.csv');
  const values = [...latest.values()];
  await writeLines(
    ndjson,
    (async function* () {
      for (const p of values) yield JSON.stringify(p);
    })(),
  );
  await writeLines(
    csv,
    (async function* () {
      for (const p of values) yield factRow(p, manifest.runId);
    })(),
  );
  return { ndjson, csv, rows: latest.size };
}

/** Our load into a fresh schema (dropped afterwards); migration is outside the timing. */
export async function measureOurLoad(
  store: ObjectStore,
  manifest: RunManifest,
  dsn: string,
  tag: string,
): Promise<{ rows: number; seconds: number }> {
  const schema = `perf_ours_${tag}`;
  await dropSchema(dsn, schema);
  const provider = await postgresProvider(dsn, schema);
  try {
    await provider.warehouse.migrate();
    const started = performance.now();
    // As the load stage hands them over: verified chunk by chunk, each posting's content
    // hash from that check passed along (pipeline/stages/load/load.ts).
    const contentHashes = new WeakMap<Posting, string>();
    const postings = (async function* () {
      for await (const line of readVerifiedCleanLines(store, manifest)) {
        contentHashes.set(line.posting, line.contentHash);
        yield line.posting;
      }
    })();
    const info = await provider.warehouse.load(postings, {
      runId: manifest.runId,
      contentHashOf: (posting) => contentHashes.get(posting),
    });
    const seconds = (performance.now() - started) / 1000;
    return { rows: info.inserted + info.updated + info.unchanged, seconds };
  } finally {
    await provider.close();
    await dropSchema(dsn, schema);
  }
}

/** `psql \copy` of the fact rows into a fresh logged table with the same primary key. */
export async function measureCopyFloor(
  inputs: LoadInputs,
  dsn: string,
  tag: string,
): Promise<{ rows: number; seconds: number }> {
  const table = `perf_floor_${tag}`;
  await psql(dsn, `DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${FLOOR_COLUMNS})`);
  try {
    const started = performance.now();
    await psql(dsn, `\\copy ${table} FROM '${inputs.csv}' WITH (FORMAT csv)`);
    const seconds = (performance.now() - started) / 1000;
    const rows = Number((await psql(dsn, `COPY (SELECT count(*) FROM ${table}) TO STDOUT`)).trim());
    return { rows, seconds };
  } finally {
    await psql(dsn, `DROP TABLE IF EXISTS ${table}`);
  }
}

/** dlt's merge load of the same postings into a fresh dataset (dropped afterwards). */
export async function measureDlt(
  python: string,
  inputs: LoadInputs,
  dsn: string,
  tag: string,
  workDir: string,
): Promise<{ rows: number; seconds: number }> {
  const dataset = `perf_dlt_${tag}`;
  // dlt insists on a password; under trust authentication (this machine's loopback
  // PostgreSQL) the server ignores it, so a placeholder stands in when the DSN has none.
  const url = new URL(dsn);
  if (!url.password) url.password = 'unused';
  try {
    const { stdout } = await run(
      python,
      [path.join(HERE, 'dlt-load.py'), inputs.ndjson, dataset, path.join(workDir, `dlt-${tag}`), url.toString()],
      {
        maxBuffer: 16 * 1024 * 1024,
        timeout: 20 * 60_000,
        env: { ...process.env, RUNTIME__DLTHUB_TELEMETRY: 'false', RUNTIME__LOG_LEVEL: 'WARNING' },
      },
    );
    const last = stdout.trim().split('\n').at(-1) ?? '{}';
    const parsed = JSON.parse(last) as { seconds: number };
    const rows = Number((await psql(dsn, `COPY (SELECT count(*) FROM ${dataset}.postings) TO STDOUT`)).trim());
    return { rows, seconds: parsed.seconds };
  } finally {
    // dlt's merge keeps a `<dataset>_staging` schema next to the dataset.
    await psql(dsn, `DROP SCHEMA IF EXISTS ${dataset} CASCADE; DROP SCHEMA IF EXISTS ${dataset}_staging CASCADE`).catch(
      () => '',
    );
  }
}
