/**
 * The floor of our own schema: `psql \copy` of exactly the rows our load writes — the fact
 * rows and the skill bridge rows, dimension keys resolved — into a fresh schema made by our
 * migration (the same primary keys, secondary indexes and reference checks), the dimension
 * tables filled beforehand. A client writes this schema's rows for less only by splitting
 * them over several connections, so ours ÷ this floor shows how much of the load's time is
 * the client's, and this floor ÷ the raw COPY of the fact rows alone (load-peers.ts
 * `measureCopyFloor`) is about the most `loadVsCopy` can reach while the star schema keeps
 * its bridge, indexes and reference checks.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ObjectStore, Posting } from '../providers/core/index.ts';
import { readVerifiedCleanLines } from '../pipeline/lake/clean-chunks.ts';
import type { RunManifest } from '../pipeline/lake/run-manifest.ts';
import { dropSchema, postgresProvider, psql } from './providers.ts';

const run = promisify(execFile);

/** The dimension tables, in an order that satisfies their references (they have none among them). */
const DIMENSIONS = ['dim_source', 'dim_company', 'dim_location', 'dim_date', 'dim_skill'] as const;

/** Our load's rows of a run, as CSV files: what the floor copies. */
export interface SchemaCopyInputs {
  fact: string;
  bridge: string;
  dimensions: Record<(typeof DIMENSIONS)[number], string>;
  factRows: number;
  bridgeRows: number;
}

const count = async (dsn: string, table: string) =>
  Number((await psql(dsn, `COPY (SELECT count(*) FROM ${table}) TO STDOUT`)).trim());

/**
 * Loads the run once with our loader into a scratch schema and writes its rows out, in
 * primary-key order (the order our load sends new rows in), then drops the schema.
 */
export async function prepareSchemaCopyInputs(
  store: ObjectStore,
  manifest: RunManifest,
  dsn: string,
  dir: string,
): Promise<SchemaCopyInputs> {
  const schema = `perf_schema_src_${process.pid}`;
  await dropSchema(dsn, schema);
  const provider = await postgresProvider(dsn, schema);
  try {
    await provider.warehouse.migrate();
    const hashes = new WeakMap<Posting, string>();
    const postings = (async function* () {
      for await (const line of readVerifiedCleanLines(store, manifest)) {
        hashes.set(line.posting, line.contentHash);
        yield line.posting;
      }
    })();
    await provider.warehouse.load(postings, { runId: manifest.runId, contentHashOf: (p) => hashes.get(p) });
    const file = (name: string) => path.join(dir, `schema-floor-${name}.csv`);
    const dump = (table: string, order: string) =>
      psql(dsn, `\\copy (SELECT * FROM ${schema}.${table} ORDER BY ${order}) TO '${file(table)}' WITH (FORMAT csv)`);
    await dump('fact_posting', 'posting_id');
    await dump('bridge_posting_skill', 'posting_id, skill_key');
    for (const table of DIMENSIONS) await dump(table, '1');
    return {
      fact: file('fact_posting'),
      bridge: file('bridge_posting_skill'),
      dimensions: Object.fromEntries(DIMENSIONS.map((table) => [table, file(table)])) as SchemaCopyInputs['dimensions'],
      factRows: await count(dsn, `${schema}.fact_posting`),
      bridgeRows: await count(dsn, `${schema}.bridge_posting_skill`),
    };
  } finally {
    await provider.close();
    await dropSchema(dsn, schema);
  }
}

/**
 * One timed `psql` session copying the fact rows then the bridge rows into a fresh schema
 * (migration and dimension rows outside the timing). Rows per second count fact rows, as
 * the other load figures do.
 */
export async function measureSchemaCopyFloor(
  inputs: SchemaCopyInputs,
  dsn: string,
  tag: string,
): Promise<{ rows: number; bridgeRows: number; seconds: number }> {
  const schema = `perf_schema_floor_${tag}`;
  await dropSchema(dsn, schema);
  const provider = await postgresProvider(dsn, schema);
  try {
    await provider.warehouse.migrate();
    for (const table of DIMENSIONS)
      await psql(dsn, `\\copy ${schema}.${table} FROM '${inputs.dimensions[table]}' WITH (FORMAT csv)`);
    const started = performance.now();
    await run('psql', [
      dsn,
      '-v',
      'ON_ERROR_STOP=1',
      '-X',
      '-q',
      '-c',
      `\\copy ${schema}.fact_posting FROM '${inputs.fact}' WITH (FORMAT csv)`,
      '-c',
      `\\copy ${schema}.bridge_posting_skill FROM '${inputs.bridge}' WITH (FORMAT csv)`,
    ]);
    const seconds = (performance.now() - started) / 1000;
    return {
      rows: await count(dsn, `${schema}.fact_posting`),
      bridgeRows: await count(dsn, `${schema}.bridge_posting_skill`),
      seconds,
    };
  } finally {
    await provider.close();
    await dropSchema(dsn, schema);
  }
}
