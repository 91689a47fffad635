/**
 * Where results live: `results/runs/<runId>.json` per run and `results/latest.json`,
 * both validated before they are written (an invalid file is never published).
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Results } from './schema.ts';
import { validateResults } from './validate.ts';

export interface WrittenResults {
  runFile: string;
  latestFile: string;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

export async function writeResults(results: Results, dir: string): Promise<WrittenResults> {
  validateResults(results, `results of run ${results.runId}`);
  const runsDir = path.join(dir, 'runs');
  await mkdir(runsDir, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const runFile = path.join(runsDir, `${results.runId}.json`);
  const latestFile = path.join(dir, 'latest.json');
  await writeAtomic(runFile, text);
  await writeAtomic(latestFile, text);
  return { runFile, latestFile };
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
    return (await readdir(runsDir)).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(runsDir, f));
  } catch {
    return [];
  }
}
