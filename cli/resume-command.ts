/**
 * The command line that continues a run: the providers to resume, the run id, and every
 * option that decides what the resume reads (workload, data and results directories)
 * when it differs from its default. A resume with another --scale or --data-dir would
 * read other pages or another lake.
 */
import { DEFAULT_WORKLOAD } from '../benchmarks/scenarios/scenario.ts';
import { DEFAULT_DIRS } from './defaults.ts';

export interface ResumableRun {
  sources: readonly string[];
  scale: number;
  seed: number;
  dataDir: string;
  resultsDir: string;
}

export function resumeCommand(run: ResumableRun, providers: readonly string[], runId: string): string {
  const words = ['jobbench', 'run', '--provider', providers.join(',')];
  const sources = run.sources.join(',');
  if (sources !== DEFAULT_WORKLOAD.sources.join(',')) words.push('--sources', sources);
  if (run.scale !== DEFAULT_WORKLOAD.scale) words.push('--scale', String(run.scale));
  if (run.seed !== DEFAULT_WORKLOAD.seed) words.push('--seed', String(run.seed));
  if (run.dataDir !== DEFAULT_DIRS.data) words.push('--data-dir', shellWord(run.dataDir));
  if (run.resultsDir !== DEFAULT_DIRS.results) words.push('--results-dir', shellWord(run.resultsDir));
  words.push('--resume', runId);
  return words.join(' ');
}

/** A directory quoted for a POSIX shell when it holds anything but plain path characters. */
function shellWord(value: string): string {
  return /^[\w./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
