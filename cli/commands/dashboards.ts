/** `jobbench dashboards`: rebuild the HTML dashboards from stored results. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { buildDashboards, NoResultsError } from '../../dashboards/index.ts';
import { UsageError } from '../usage-error.ts';

export interface DashboardsCommandOptions {
  /** Results directory (runs/, latest.json, market-latest.json), relative to cwd. */
  resultsDir: string;
  /** Output directory of the HTML files, relative to cwd. */
  outDir: string;
}

export async function dashboardsCommand(
  options: DashboardsCommandOptions,
  io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string },
): Promise<number> {
  const resultsDir = path.resolve(io.cwd, options.resultsDir);
  const outDir = path.resolve(io.cwd, options.outDir);
  const present = await access(resultsDir).then(
    () => true,
    () => false,
  );
  // UsageError (an Error) so `jobbench dashboards` exits 2 with this one line.
  if (!present)
    throw new UsageError(
      `There is no results directory at ${options.resultsDir}: run \`jobbench run\` first or pass --results DIR.`,
    );
  const built = await buildDashboards({
    resultsDir,
    outDir,
    onWarning: (message) => io.stderr(`jobbench: ${message}\n`),
  }).catch((error: unknown) => {
    throw error instanceof NoResultsError ? new UsageError(error.message) : error;
  });
  io.stdout(`Cloud comparison: ${path.relative(io.cwd, built.cloudComparison)}\n`);
  io.stdout(
    built.jobMarket
      ? `Job market: ${path.relative(io.cwd, built.jobMarket)}\n`
      : 'Job market: no market snapshot yet (run `jobbench run` to collect one)\n',
  );
  return 0;
}
