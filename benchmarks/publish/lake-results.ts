/**
 * Results in the lake. A runner deployed beside a cloud's services (docs/infrastructure.md)
 * has no disk the operator can read: it publishes its results file, the market snapshot of
 * its run and the raw latency samples into its own lake under `results/<runId>/`, and
 * `jobbench results pull` brings them into the operator's results directory, where the
 * dashboards and `jobbench recommend` read them like any other run.
 *
 * The layout, under the lake's key prefix:
 *   results/<runId>/results.json                          the results file (validated both ways)
 *   results/<runId>/market.json                           the run's market snapshot, when it wrote one
 *   results/<runId>/samples/<provider>/<scenario>.ndjson.gz  raw samples, as results/samples/ holds them
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../lib/atomic-write.ts';
import type { ObjectStore } from '../../providers/core/index.ts';
import { type MarketSnapshot, writeMarketSnapshot } from '../../results/market-snapshot.ts';
import { isSafePathSegment } from '../../results/path-segment.ts';
import type { Results } from '../../results/schema.ts';
import { validateResults } from '../../results/validate.ts';

export const LAKE_RESULTS_PREFIX = 'results/';

/** Every file under `dir`, as paths relative to it with `/` separators; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const out: string[] = [];
  for (const entry of entries) {
    // Links are never followed: the lake gets what the run wrote, nothing it points to.
    if (entry.isDirectory())
      out.push(...(await filesUnder(path.join(dir, entry.name))).map((f) => `${entry.name}/${f}`));
    else if (entry.isFile()) out.push(entry.name);
  }
  return out.sort();
}

async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Copies run `runId` of `resultsDir` into the lake; returns the keys written, the results
 * file last, so a reader that finds it finds the rest too.
 */
export async function publishResults(store: ObjectStore, resultsDir: string, runId: string): Promise<string[]> {
  if (!isSafePathSegment(runId)) throw new Error(`not a run id: ${JSON.stringify(runId)}`);
  const resultsFile = path.join(resultsDir, 'runs', `${runId}.json`);
  const text = await readFile(resultsFile, 'utf8');
  validateResults(JSON.parse(text) as unknown, resultsFile);
  const base = `${LAKE_RESULTS_PREFIX}${runId}/`;
  const written: string[] = [];
  const market = await readIfPresent(path.join(resultsDir, 'market', `${runId}.json`));
  if (market) {
    await store.put(`${base}market.json`, market, { contentType: 'application/json' });
    written.push(`${base}market.json`);
  }
  const samplesDir = path.join(resultsDir, 'samples', runId);
  for (const file of await filesUnder(samplesDir)) {
    const key = `${base}samples/${file}`;
    await store.put(key, await readFile(path.join(samplesDir, file)));
    written.push(key);
  }
  await store.put(`${base}results.json`, text, { contentType: 'application/json' });
  written.push(`${base}results.json`);
  return written;
}

export interface PulledRun {
  runId: string;
  results: Results;
  /** Files written into the results directory, relative to it. */
  files: string[];
}

/** A lake key under `results/` split into its run id and the rest, or null when it is not one of ours. */
function parseResultsKey(key: string): { runId: string; rest: string } | null {
  if (!key.startsWith(LAKE_RESULTS_PREFIX)) return null;
  const [runId, ...rest] = key.slice(LAKE_RESULTS_PREFIX.length).split('/');
  if (!runId || !isSafePathSegment(runId) || rest.length === 0) return null;
  // Every segment becomes a path segment on the operator's disk: each must be a plain name.
  if (!rest.every(isSafePathSegment)) return null;
  return { runId, rest: rest.join('/') };
}

/**
 * Brings every published run of the lake into `resultsDir` (`runs/<runId>.json`,
 * `market/<runId>.json` and `market-latest.json`, `samples/<runId>/…`). A run whose results file is missing (still
 * being published) or invalid is skipped with a warning; nothing else in the directory
 * changes. Keys that are not plain names are skipped too: a lake is input like any other.
 */
export async function pullResults(
  store: ObjectStore,
  resultsDir: string,
  warn: (message: string) => void = () => {},
): Promise<PulledRun[]> {
  const byRun = new Map<string, string[]>();
  for await (const info of store.list(LAKE_RESULTS_PREFIX)) {
    const parsed = parseResultsKey(info.key);
    if (!parsed) {
      warn(`skipped lake object ${JSON.stringify(info.key)}: not a published results file`);
      continue;
    }
    byRun.set(parsed.runId, [...(byRun.get(parsed.runId) ?? []), parsed.rest]);
  }
  const pulled: PulledRun[] = [];
  for (const [runId, rests] of [...byRun].sort(([a], [b]) => a.localeCompare(b))) {
    if (!rests.includes('results.json')) {
      warn(`skipped run ${runId}: its results.json is not in the lake (yet)`);
      continue;
    }
    const base = `${LAKE_RESULTS_PREFIX}${runId}/`;
    const text = new TextDecoder().decode(await store.get(`${base}results.json`));
    let results: Results;
    try {
      results = validateResults(JSON.parse(text) as unknown, `${base}results.json`);
    } catch (error) {
      warn(`skipped run ${runId}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      continue;
    }
    if (results.runId !== runId) {
      warn(`skipped run ${runId}: its results.json belongs to run ${results.runId}`);
      continue;
    }
    const files: string[] = [];
    const write = async (relative: string, body: string | Uint8Array) => {
      const target = path.join(resultsDir, relative);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, body);
      files.push(relative);
    };
    for (const rest of rests.filter((r) => r.startsWith('samples/')).sort()) {
      await write(
        path.join('samples', runId, ...rest.slice('samples/'.length).split('/')),
        await store.get(base + rest),
      );
    }
    if (rests.includes('market.json')) {
      // Through the snapshot writer: checked, and made the newest (market-latest.json), which the dashboards read.
      const text = new TextDecoder().decode(await store.get(`${base}market.json`));
      try {
        const written = await writeMarketSnapshot(JSON.parse(text) as MarketSnapshot, resultsDir);
        files.push(path.relative(resultsDir, written));
      } catch (error) {
        warn(
          `run ${runId}: its market snapshot is not valid, left out: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }
    }
    await write(path.join('runs', `${runId}.json`), text);
    pulled.push({ runId, results, files });
  }
  return pulled;
}
