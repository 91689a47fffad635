/**
 * `jobbench results pull`: for each deployed stack (its Terraform outputs), open that cloud's
 * lake with the operator's credentials, copy every published run into the results directory,
 * then rank the newest pulled run of each cloud together (benchmarks/publish/combine-results.ts)
 * as the results directory's latest run, which `jobbench dashboards` and `jobbench recommend` read.
 * A cloud whose lake cannot be read is reported and the others are still pulled.
 */
import path from 'node:path';
import { combineRuns, IncomparableRunsError } from '../../benchmarks/publish/combine-results.ts';
import { pullResults, type PulledRun } from '../../benchmarks/publish/lake-results.ts';
import { DEFAULT_WEIGHTS, noRecommendationLine, type Weights } from '../../benchmarks/recommend/recommend.ts';
import type { ProviderName } from '../../providers/core/index.ts';
import { vantageLabel } from '../../results/vantage.ts';
import { writeResults } from '../../results/store.ts';
import type { Io } from '../io.ts';
import { openLake } from '../open-lake.ts';
import { oneLine, UsageError } from '../usage-error.ts';

export interface ResultsPullOptions {
  stackOutputs: string[];
  resultsDir: string;
  weights?: Partial<Weights>;
  json: boolean;
}

interface CloudPull {
  cloud: ProviderName;
  stackOutputs: string;
  runs: PulledRun[];
  error: string | null;
}

export async function resultsPullCommand(options: ResultsPullOptions, io: Io): Promise<number> {
  const { readStackOutputs, withStackOutputs } = await import('../../infra/stack-outputs.ts');
  // Every file is read and checked before any lake is opened: a wrong path is exit 2, nothing pulled.
  const stacks = await Promise.all(
    options.stackOutputs.map(async (file) => ({ file, outputs: await readStackOutputs(path.resolve(io.cwd, file)) })),
  );
  const clouds = stacks.map((s) => s.outputs.cloud);
  const twice = clouds.find((cloud, i) => clouds.indexOf(cloud) !== i);
  if (twice) throw new UsageError(`--stack-outputs: two files describe ${twice}; give one per cloud`);
  const resultsDir = path.resolve(io.cwd, options.resultsDir);
  const warn = (message: string) => io.stderr(`jobbench: ${message}\n`);
  const pulls: CloudPull[] = [];
  for (const { file, outputs } of stacks) {
    const pull: CloudPull = { cloud: outputs.cloud, stackOutputs: file, runs: [], error: null };
    try {
      const env = withStackOutputs(io.env, outputs);
      // Stack outputs describe clouds only: no local data directory is involved.
      const lake = await openLake(outputs.cloud, env, io.cwd);
      try {
        pull.runs = await pullResults(lake.store, resultsDir, (message) => warn(`${outputs.cloud}: ${message}`));
      } finally {
        await lake.close();
      }
    } catch (error) {
      pull.error = oneLine(error);
    }
    pulls.push(pull);
  }

  // Every pulled run of each lake's own cloud: the newest one that ended ok is the cloud's figure,
  // so a failed newest run does not hide an earlier good one.
  const pulledRuns = pulls.flatMap((p) =>
    p.runs.map((r) => ({ ...r.results, providers: r.results.providers.filter((q) => q.name === p.cloud) })),
  );
  let comparison: Awaited<ReturnType<typeof combineRuns>> = null;
  let incomparable: string | null = null;
  try {
    comparison = combineRuns(pulledRuns, { weights: { ...DEFAULT_WEIGHTS, ...options.weights } });
  } catch (error) {
    if (!(error instanceof IncomparableRunsError)) throw error;
    incomparable = error.message;
  }
  const written = comparison ? await writeResults(comparison, resultsDir) : null;

  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          pulled: pulls.map((p) => ({
            cloud: p.cloud,
            stackOutputs: p.stackOutputs,
            runs: p.runs.map((r) => r.runId),
            error: p.error,
          })),
          comparison: comparison ? { runId: comparison.runId, file: written!.runFile } : null,
          incomparable,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const pull of pulls) {
      if (pull.error) {
        io.stdout(`${pull.cloud}: could not read the lake: ${pull.error}\n`);
        continue;
      }
      const newest = pull.runs[pull.runs.length - 1];
      const vantage = newest?.results.providers.find((p) => p.name === pull.cloud)?.vantage;
      io.stdout(
        pull.runs.length === 0
          ? `${pull.cloud}: no published run in the lake yet (start the runner job: docs/infrastructure.md)\n`
          : `${pull.cloud}: pulled ${pull.runs.length} run${pull.runs.length === 1 ? '' : 's'}, newest ${newest!.runId} (${vantageLabel(vantage)})\n`,
      );
    }
    if (incomparable) io.stdout(`no comparison: ${incomparable}\n`);
    else if (!comparison) io.stdout('no comparison: it needs a published run of at least two clouds\n');
    else {
      io.stdout(
        `comparison: ${path.relative(io.cwd, written!.runFile)} (also ${path.relative(io.cwd, written!.latestFile)}); read it with jobbench recommend and jobbench dashboards\n`,
      );
      const none = noRecommendationLine(comparison.recommendation);
      io.stdout(
        none
          ? `${none}\n`
          : `recommendation: ${comparison.recommendation!.decision!.cloud} — ${comparison.recommendation!.decision!.reason}\n`,
      );
    }
  }
  return pulls.some((p) => p.error) || incomparable ? 1 : 0;
}
