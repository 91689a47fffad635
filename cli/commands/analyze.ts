/** `jobbench analyze`: the job-market analysis of a market snapshot, stored and printed. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { writeAnalysis } from '../../analysis/analysis-store.ts';
import { renderAnalysisMarkdown } from '../../analysis/render-markdown.ts';
import { analyzeMarket } from '../../analysis/report.ts';
import { readMarketSnapshot } from '../../results/market-snapshot.ts';
import type { Io } from '../io.ts';
import { UsageError } from '../usage-error.ts';

export interface AnalyzeCommandOptions {
  /** Market snapshot to analyze (default `results/market-latest.json`). */
  snapshot: string;
  /** Where `<runId>.json` and `<runId>.md` go (default `results/analysis`). */
  outDir: string;
  /** Print the report as JSON instead of Markdown. */
  json: boolean;
}

export async function analyzeCommand(
  options: AnalyzeCommandOptions,
  io: Pick<Io, 'stdout' | 'stderr' | 'cwd'>,
): Promise<number> {
  const file = path.resolve(io.cwd, options.snapshot);
  try {
    await access(file);
  } catch {
    throw new UsageError(
      `No market snapshot at ${options.snapshot}: run \`jobbench run\` first to collect postings and write it.`,
    );
  }
  const snapshot = await readMarketSnapshot(file).catch((error: unknown) => {
    throw new UsageError(
      `${options.snapshot} is not a readable market snapshot (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): rerun \`jobbench run\` to rewrite it.`,
    );
  });
  const report = analyzeMarket(snapshot);
  const markdown = renderAnalysisMarkdown(report);
  const written = await writeAnalysis(report, markdown, path.resolve(io.cwd, options.outDir));
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    io.stdout(
      `\nAnalysis: ${path.relative(io.cwd, written.markdownFile)} (also ${path.relative(io.cwd, written.jsonFile)})\n`,
    );
  }
  return 0;
}
