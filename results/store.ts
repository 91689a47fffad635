/**
 * Where results live: `results/runs/<runId>.json` per run and `results/latest.json`,
 * both validated before they are written (an invalid file is never published).
 *
 * A run's results are written again only when it is resumed. A resume that ends worse
 * than what the run already recorded (a finished run resumed into a failure) does not
 * replace it: neither the run's file nor latest.json changes, and the caller is told
 * which outcome was kept. The failed attempt is reported, not stored.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import path from 'node:path';
import type { Results } from './schema.ts';
import { validateResults } from './validate.ts';

export interface WrittenResults {
  runFile: string;
  latestFile: string;
  /** Set when the run's file already held a better outcome, which was kept (nothing was written). */
  kept: { status: Results['status']; finishedAt: string } | null;
}

/** Outcomes from worst to best: a resume may replace a run's results with an equal or better one. */
const OUTCOME_RANK: Readonly<Record<Results['status'], number>> = { failed: 0, partial: 1, ok: 2 };

export async function writeResults(results: Results, dir: string): Promise<WrittenResults> {
  validateResults(results, `results of run ${results.runId}`);
  const runsDir = path.join(dir, 'runs');
  await mkdir(runsDir, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const runFile = path.join(runsDir, `${results.runId}.json`);
  const latestFile = path.join(dir, 'latest.json');
  const stored = await storedOutcome(runFile);
  if (stored && OUTCOME_RANK[stored.status] > OUTCOME_RANK[results.status])
    return { runFile, latestFile, kept: stored };
  await writeFileAtomic(runFile, text);
  await writeFileAtomic(latestFile, text);
  return { runFile, latestFile, kept: null };
}

/** What an earlier attempt of the same run recorded; null when nothing valid is stored. */
async function storedOutcome(runFile: string): Promise<{ status: Results['status']; finishedAt: string } | null> {
  let stored: Results;
  try {
    stored = await readResultsFile(runFile);
  } catch {
    return null; // none yet, or unreadable: the new results are better than nothing
  }
  return { status: stored.status, finishedAt: stored.finishedAt };
}

export async function readResultsFile(file: string): Promise<Results> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON`);
  }
  return validateResults(value, file);
}

/** Every stored run, oldest first (run ids start with their UTC timestamp). */
export async function listRunFiles(dir: string): Promise<string[]> {
  const runsDir = path.join(dir, 'runs');
  try {
    return (await readdir(runsDir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(runsDir, f));
  } catch {
    return [];
  }
}
