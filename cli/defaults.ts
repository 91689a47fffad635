/**
 * The command line's own defaults: the provider a command uses and where commands read and
 * write. Several commands share them (a run writes `results/`, `recommend` and `dashboards`
 * read it), and a resume repeats only what differs from them. The workload and benchmark
 * defaults belong to the benchmark (benchmarks/scenarios/scenario.ts).
 */
import path from 'node:path';

export const DEFAULT_PROVIDER = 'local';

export const DEFAULT_DIRS = {
  /** The local provider's lake, warehouse and spool. */
  data: '.jobbench',
  results: 'results',
  dashboards: 'dashboards/out',
} as const;

/** A file under the default results directory, as help texts print it (`results/latest.json`). */
export function defaultResultsPath(...segments: string[]): string {
  return path.posix.join(DEFAULT_DIRS.results, ...segments);
}
