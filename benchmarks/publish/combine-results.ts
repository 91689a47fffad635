/**
 * One comparison from several runs. Each stack's runner measures its own cloud alone, in its
 * region; the choice needs the clouds side by side. This takes the newest successful result
 * of each cloud among the runs given and ranks them together, but only when they did the
 * same work: the same sources, scale and seed, and the same scenario settings. Runs that
 * differ are refused, naming the difference, never silently mixed.
 *
 * What a combination cannot give is interleaving: each cloud was measured at its own time,
 * so a slow hour on one cloud is not shared by the others. The comparison says so in its
 * `benchmark.interleaving`, and every provider keeps its vantage point.
 */
import { machineStamp, toolStamp } from '../environment-stamp.ts';
import { DEFAULT_WEIGHTS, rankProviders, type Weights } from '../recommend/recommend.ts';
import { weightSensitivity } from '../recommend/sensitivity.ts';
import { newRunId } from '../../pipeline/lake/lake-layout.ts';
import { RESULTS_SCHEMA_VERSION, type ProviderResult, type Results } from '../../results/schema.ts';

/** The runs cannot be compared: they did different work. */
export class IncomparableRunsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncomparableRunsError';
  }
}

/** The embedded provider is a reference on this machine, never a cloud a runner measures. */
const isCloud = (p: ProviderResult) => p.name !== 'local';

/** What must be equal for two runs' figures to be ranked together. */
function workOf(run: Results): Record<string, unknown> {
  const b = run.benchmark;
  return {
    sources: [...run.workload.sources].sort().join(','),
    scale: run.workload.scale,
    seed: run.workload.seed,
    repetitions: b?.repetitions,
    concurrency: b?.concurrency,
    targetRatePerSec: b?.targetRatePerSec,
    warmupOperations: b?.warmupOperations,
    operations: b?.operations,
    largeObjectBytes: b?.largeObjectBytes,
    faults: b?.faults ?? null,
    scenarios: b?.interleaving.startsWith('none') ? 'skipped' : 'run',
  };
}

export interface CombineOptions {
  weights?: Weights;
  now?: () => Date;
}

/**
 * The newest ok result of each cloud among `runs`, ranked together; null when fewer than two
 * clouds have one (nothing to compare). Throws IncomparableRunsError when the chosen runs did different work.
 */
export function combineRuns(runs: readonly Results[], options: CombineOptions = {}): Results | null {
  const newest = new Map<string, { run: Results; provider: ProviderResult }>();
  for (const run of [...runs].sort((a, b) => a.finishedAt.localeCompare(b.finishedAt))) {
    if (run.combinedFrom) continue; // an earlier comparison: its sources are among the runs
    for (const provider of run.providers.filter((p) => isCloud(p) && p.status === 'ok')) {
      newest.set(provider.name, { run, provider });
    }
  }
  if (newest.size < 2) return null;
  const chosen = [...newest.values()].sort((a, b) => a.provider.name.localeCompare(b.provider.name));
  // Each cloud's run was measured from its own place: only runs beside each service compare (an
  // emulator's, measured on this machine, are ranked as the method only and never name a cloud).
  const outside = chosen.filter(({ provider }) => provider.vantage?.kind !== 'in-region' && !provider.emulated);
  if (outside.length > 0) {
    throw new IncomparableRunsError(
      `${outside.map(({ provider, run }) => `${provider.name} (run ${run.runId})`).join(', ')} ${outside.length === 1 ? 'was' : 'were'} not measured in the region: separate runs compare only when each ran beside its cloud (the stacks' runners); run every cloud from one machine with jobbench run --provider ${chosen.map((c) => c.provider.name).join(',')} instead`,
    );
  }
  const [first] = chosen;
  const reference = workOf(first!.run);
  for (const { run, provider } of chosen.slice(1)) {
    const work = workOf(run);
    const differ = Object.keys(reference).filter((key) => reference[key] !== work[key]);
    if (differ.length > 0) {
      throw new IncomparableRunsError(
        `${first!.provider.name} (run ${first!.run.runId}) and ${provider.name} (run ${run.runId}) did different work: ` +
          differ.map((key) => `${key} ${String(reference[key])} vs ${String(work[key])}`).join(', ') +
          '; run every runner with the same settings',
      );
    }
  }
  const now = options.now ?? (() => new Date());
  const providers = chosen.map((c) => c.provider);
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const seed = first!.run.benchmark?.seed ?? first!.run.workload.seed;
  const ranked = rankProviders(providers, weights, { seed });
  const benchmark = first!.run.benchmark;
  const finishedAt = now().toISOString();
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: newRunId(now()),
    startedAt: chosen.map((c) => c.run.startedAt).sort()[0]!,
    finishedAt,
    status: 'ok',
    tool: toolStamp(),
    machine: machineStamp(),
    workload: first!.run.workload,
    providers,
    ...(benchmark
      ? {
          benchmark: {
            ...benchmark,
            emulated: providers.some((p) => p.emulated),
            interleaving: `none across clouds: each cloud measured by its own run (${chosen.map((c) => `${c.provider.name} ${c.run.runId}`).join(', ')}), at its own time`,
            priceTables: Object.fromEntries(providers.map((p) => [p.name, p.cost?.priceTableVersion ?? null])),
            regions: Object.fromEntries(providers.map((p) => [p.name, p.region])),
          },
        }
      : {}),
    combinedFrom: chosen.map(({ run, provider }) => ({
      provider: provider.name,
      runId: run.runId,
      finishedAt: run.finishedAt,
      machine: run.machine,
    })),
    recommendation: ranked ? { ...ranked, sensitivity: weightSensitivity(providers, weights) } : null,
  };
}
