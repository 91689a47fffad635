/**
 * Reads what the dashboards are built from: every stored results file (plus latest.json)
 * and the newest market snapshot. An unreadable run file is skipped with a warning so
 * one stale file never blocks the dashboards.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { readMarketSnapshot, type MarketSnapshot } from '../results/market-snapshot.ts';
import type { Results } from '../results/schema.ts';
import { listRunFiles, readResultsFile } from '../results/store.ts';

/** There is nothing to build from: no results directory, or no valid run in it. */
export class NoResultsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoResultsError';
  }
}

export interface DashboardInputs {
  /** Valid runs, each once, in no particular order. */
  runs: Results[];
  snapshot: MarketSnapshot | null;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function readDashboardInputs(
  resultsDir: string,
  warn: (message: string) => void = () => {},
): Promise<DashboardInputs> {
  if (!(await exists(resultsDir)))
    throw new NoResultsError(
      `There is no results directory at ${resultsDir}: run \`jobbench run\` first or point --results at one.`,
    );
  const files = await listRunFiles(resultsDir);
  const latest = path.join(resultsDir, 'latest.json');
  if (await exists(latest)) files.push(latest);
  const byId = new Map<string, Results>();
  for (const file of files) {
    try {
      const results = await readResultsFile(file);
      byId.set(results.runId, results);
    } catch (error) {
      warn(`skipped ${path.relative(process.cwd(), file)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const snapshotFile = path.join(resultsDir, 'market-latest.json');
  let snapshot: MarketSnapshot | null = null;
  if (await exists(snapshotFile)) {
    try {
      snapshot = await readMarketSnapshot(snapshotFile);
    } catch (error) {
      warn(`skipped ${snapshotFile}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { runs: [...byId.values()], snapshot };
}
