/** One interleaved round of the load comparison: ours, the COPY floor, dlt. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCopyFloor, measureDlt, measureOurLoad, prepareLoadInputs, type LoadInputs } from './load-peers.ts';
import type { PreparedRun } from './prepare-run.ts';
import { measureSchemaCopyFloor, prepareSchemaCopyInputs, type SchemaCopyInputs } from './schema-copy-floor.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The perf Python environment (tools/python/perf.txt) through the project's venv helper,
 * `ensureVenv('perf')`. benchmarks may not import tools/ (docs/architecture.md), so the
 * helper runs in a child process; it prints the venv's python path.
 */
async function perfPython(log: (line: string) => void): Promise<string> {
  const script = `const { ensureVenv } = await import(process.argv[1]); const env = await ensureVenv('perf', { log: (l) => console.error(l) }); console.log(env.python);`;
  log('checking the perf Python environment (dlt; created on first use)…');
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script, path.join(ROOT, 'tools', 'python', 'venv.ts')],
    {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 20 * 60_000,
    },
  );
  return stdout.trim().split('\n').at(-1)!;
}

export interface LoadBench {
  prepared: PreparedRun;
  inputs: LoadInputs;
  /** Our load's own rows, for the floor of our schema (schema-copy-floor.ts). */
  schemaInputs: SchemaCopyInputs;
  dsn: string;
  work: string;
  python: string | null;
  dltSkipped: string | null;
  dltVersion: string | null;
  psqlVersion: string | null;
  serverVersion: string | null;
}

export async function openLoadBench(
  prepared: PreparedRun,
  dsn: string,
  work: string,
  log: (line: string) => void,
): Promise<LoadBench> {
  const inputs = await prepareLoadInputs(prepared.store, prepared.manifest, work);
  const schemaInputs = await prepareSchemaCopyInputs(prepared.store, prepared.manifest, dsn, work);
  if (schemaInputs.factRows !== inputs.rows)
    throw new Error(`our load stored ${schemaInputs.factRows} postings, expected ${inputs.rows}`);
  let python: string | null = null;
  let dltSkipped: string | null = null;
  let dltVersion: string | null = null;
  try {
    python = await perfPython(log);
    dltVersion = (await run(python, ['-c', 'import dlt; print(dlt.__version__)'])).stdout.trim();
  } catch (error) {
    dltSkipped = `skipped: the perf Python environment (dlt) could not be created: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  const psqlVersion = (await run('psql', ['--version']).catch(() => ({ stdout: '' }))).stdout.trim() || null;
  const serverVersion =
    (await run('psql', [dsn, '-X', '-At', '-c', 'SHOW server_version']).catch(() => ({ stdout: '' }))).stdout.trim() ||
    null;
  return { prepared, inputs, schemaInputs, dsn, work, python, dltSkipped, dltVersion, psqlVersion, serverVersion };
}

export async function loadRound(
  bench: LoadBench,
  rep: number,
  series: Record<string, number[]>,
  log: (line: string) => void,
): Promise<void> {
  const tag = `${process.pid}_${rep}`;
  const push = (key: string, value: number) => {
    series[key] ??= [];
    series[key].push(value);
  };
  // Alternate which side goes first so a warm cache favours neither.
  const ours = async () => {
    const r = await measureOurLoad(bench.prepared.store, bench.prepared.manifest, bench.dsn, tag);
    if (r.rows !== bench.inputs.rows)
      throw new Error(`our load stored ${r.rows} postings, expected ${bench.inputs.rows}`);
    push('load.ours', r.rows / r.seconds);
    return r;
  };
  const floor = async () => {
    const r = await measureCopyFloor(bench.inputs, bench.dsn, tag);
    if (r.rows !== bench.inputs.rows)
      throw new Error(`psql \\copy stored ${r.rows} rows, expected ${bench.inputs.rows}`);
    push('load.copy', r.rows / r.seconds);
    return r;
  };
  const schemaFloor = async () => {
    const r = await measureSchemaCopyFloor(bench.schemaInputs, bench.dsn, tag);
    if (r.rows !== bench.inputs.rows || r.bridgeRows !== bench.schemaInputs.bridgeRows)
      throw new Error(
        `psql \\copy into our schema stored ${r.rows} facts and ${r.bridgeRows} bridge rows, expected ${bench.inputs.rows} and ${bench.schemaInputs.bridgeRows}`,
      );
    push('load.schemaCopy', r.rows / r.seconds);
    return r;
  };
  const dlt = async () => {
    if (!bench.python || bench.dltSkipped) return null;
    const r = await measureDlt(bench.python, bench.inputs, bench.dsn, tag, bench.work);
    if (r.rows !== bench.inputs.rows) throw new Error(`dlt stored ${r.rows} rows, expected ${bench.inputs.rows}`);
    push('load.dlt', r.rows / r.seconds);
    return r;
  };
  const order = rep % 2 === 0 ? [ours, floor, schemaFloor, dlt] : [dlt, schemaFloor, floor, ours];
  for (const step of order) await step();
  const last = (key: string) => Math.round(series[key]?.at(-1) ?? Number.NaN);
  log(
    `  load: ours ${last('load.ours')} rows/s, psql \\copy ${last('load.copy')} rows/s, psql \\copy into our schema ${last('load.schemaCopy')} rows/s, dlt ${last('load.dlt')} rows/s`,
  );
}
