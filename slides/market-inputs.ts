/**
 * The run's market snapshot and its analysis, made when missing: the deck never says
 * "run jobbench analyze first". The analysis is the one `jobbench analyze` writes
 * (analyzeMarket → renderAnalysisMarkdown → writeAnalysis, the same three calls), redone
 * when there is none for the run or the one there was made from another snapshot.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { readAnalysis, writeAnalysis } from '../analysis/analysis-store.ts';
import { renderAnalysisMarkdown } from '../analysis/render-markdown.ts';
import { analyzeMarket, type AnalysisReport } from '../analysis/report.ts';
import { readMarketSnapshot, type MarketSnapshot } from '../results/market-snapshot.ts';

export interface MarketInputs {
  snapshot: MarketSnapshot;
  snapshotFile: string;
  analysis: AnalysisReport;
  analysisFile: string;
  /** True when this build ran the analysis (there was none, or it was stale). */
  analyzed: boolean;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The snapshot of this run: `market/<runId>.json`, else `market-latest.json` when it is this run's. */
async function snapshotOf(
  resultsDir: string,
  runId: string,
): Promise<{ snapshot: MarketSnapshot; file: string } | null> {
  for (const file of [path.join(resultsDir, 'market', `${runId}.json`), path.join(resultsDir, 'market-latest.json')]) {
    if (!(await exists(file))) continue;
    const snapshot = await readMarketSnapshot(file);
    if (snapshot.runId === runId) return { snapshot, file };
  }
  return null;
}

/** An analysis is current when it was made from this very snapshot (same run, same snapshot time). */
export function isCurrent(analysis: AnalysisReport, snapshot: MarketSnapshot): boolean {
  return analysis.runId === snapshot.runId && analysis.snapshotGeneratedAt === snapshot.generatedAt;
}

/**
 * Null when the run stored no snapshot (no provider loaded postings): the deck then says
 * so from the results. `analysisDir` defaults to `<resultsDir>/analysis`, where
 * `jobbench analyze` writes.
 */
export async function marketInputs(
  resultsDir: string,
  runId: string,
  analysisDir = path.join(resultsDir, 'analysis'),
): Promise<MarketInputs | null> {
  const found = await snapshotOf(resultsDir, runId);
  if (!found) return null;
  const analysisFile = path.join(analysisDir, `${runId}.json`);
  if (await exists(analysisFile)) {
    const stored = await readAnalysis(analysisFile).catch(() => null);
    if (stored && isCurrent(stored, found.snapshot))
      return { snapshot: found.snapshot, snapshotFile: found.file, analysis: stored, analysisFile, analyzed: false };
  }
  const analysis = analyzeMarket(found.snapshot);
  const written = await writeAnalysis(analysis, renderAnalysisMarkdown(analysis), analysisDir);
  return {
    snapshot: found.snapshot,
    snapshotFile: found.file,
    analysis,
    analysisFile: written.jsonFile,
    analyzed: true,
  };
}
