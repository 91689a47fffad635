/**
 * Builds both dashboards from stored results: `cloud-comparison.html` from every results
 * file, `job-market.html` from the newest market snapshot (none when there is no
 * snapshot yet). Each is one self-contained HTML file that opens offline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toCloudPageData } from './cloud/cloud-data.ts';
import { renderCloudComparison } from './cloud/cloud-html.ts';
import { NoResultsError, readDashboardInputs } from './inputs.ts';
import { loadFranceMap } from './market/france-map.ts';
import { toMarketPageData } from './market/market-data.ts';
import { renderJobMarket } from './market/market-html.ts';
import { providerColour } from './palette.ts';

export { NoResultsError };

export interface BuildDashboardsOptions {
  /** Directory holding runs/, latest.json and market-latest.json. */
  resultsDir: string;
  /** Where the HTML files are written (created if needed). */
  outDir: string;
  /** Told about files that were skipped (unreadable or invalid). */
  onWarning?: (message: string) => void;
}

export interface BuiltDashboards {
  /** Path of job-market.html, or null when there is no market snapshot. */
  jobMarket: string | null;
  cloudComparison: string;
}

export async function buildDashboards(options: BuildDashboardsOptions): Promise<BuiltDashboards> {
  const { runs, snapshot } = await readDashboardInputs(options.resultsDir, options.onWarning);
  if (runs.length === 0)
    throw new NoResultsError(`There are no valid results in ${options.resultsDir}: run \`jobbench run\` first.`);
  await mkdir(options.outDir, { recursive: true });
  const cloudComparison = path.join(options.outDir, 'cloud-comparison.html');
  await writeFile(cloudComparison, await renderCloudComparison(toCloudPageData(runs, providerColour)));
  let jobMarket: string | null = null;
  if (snapshot) {
    const run = runs.find((r) => r.runId === snapshot.runId);
    const provider = run?.providers.find((p) => p.name === snapshot.provider);
    const data = toMarketPageData(
      snapshot,
      await loadFranceMap(),
      run ? { tool: run.tool, emulated: provider?.emulated ?? true } : null,
    );
    jobMarket = path.join(options.outDir, 'job-market.html');
    await writeFile(jobMarket, await renderJobMarket(data));
  }
  return { jobMarket, cloudComparison };
}
