/**
 * Where analyses live: `results/analysis/<runId>.json` (the report) and `<runId>.md`
 * (its Markdown rendering), written atomically like the results files.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import path from 'node:path';
import { assertSafePathSegment } from '../results/path-segment.ts';
import type { AnalysisReport } from './report.ts';

export interface WrittenAnalysis {
  jsonFile: string;
  markdownFile: string;
}

/**
 * Writes `<runId>.json` and `<runId>.md` into `outDir`. The run id comes from a snapshot
 * file, so it is checked again here, whoever built the report: a run id that is not one
 * plain file name writes nothing.
 */
export async function writeAnalysis(
  report: AnalysisReport,
  markdown: string,
  outDir: string,
): Promise<WrittenAnalysis> {
  assertSafePathSegment('run id', report.runId);
  const jsonFile = path.join(outDir, `${report.runId}.json`);
  const markdownFile = path.join(outDir, `${report.runId}.md`);
  await mkdir(outDir, { recursive: true });
  await writeFileAtomic(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(markdownFile, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return { jsonFile, markdownFile };
}

export async function readAnalysis(file: string): Promise<AnalysisReport> {
  const value = JSON.parse(await readFile(file, 'utf8')) as Partial<AnalysisReport>;
  if (value.reportVersion !== 1 || typeof value.runId !== 'string')
    throw new Error(`${file} is not a jobbench analysis report`);
  return value as AnalysisReport;
}

/** The newest analysis JSON in `dir` (run ids sort by time), or null. */
export async function latestAnalysisFile(dir: string): Promise<string | null> {
  try {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    return files.length > 0 ? path.join(dir, files[files.length - 1]!) : null;
  } catch {
    return null;
  }
}
