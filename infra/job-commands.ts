/**
 * What the container jobs of the GCP and Azure stacks run, after the image's entrypoint
 * (`node bin/jobbench.js`, see the Dockerfile): the daily collector and the in-region runner.
 * One definition for both clouds, so their runners do the same work: the benchmark's default
 * workload (2,000 postings of the seeded sample source, benchmarks/scenarios/scenario.ts
 * DEFAULT_WORKLOAD, which the AWS runner uses too; infra/job-commands.test.ts holds them equal)
 * and the default scenario settings.
 */
import type { ProviderName } from '../providers/core/index.ts';

type Cloud = Exclude<ProviderName, 'local' | 'aws'>;

/** Where a job writes on its own disk: nothing there outlives the execution. */
const WORK_DIR = '/tmp/jobbench';

/** The scale of the runners' sample workload. */
export const RUNNER_SCALE = 2000;

/** `collect` of the live sources whose keys the job receives from its secret store. */
export function collectorArgs(cloud: Cloud): string[] {
  return ['collect', '--provider', cloud, '--sources', 'adzuna,francetravail'];
}

/** The benchmark in the region, its results published into the cloud's own lake. */
export function runnerArgs(cloud: Cloud): string[] {
  return [
    'run',
    '--provider',
    cloud,
    '--sources',
    'sample',
    '--scale',
    String(RUNNER_SCALE),
    '--vantage',
    'in-region',
    '--publish',
    '--data-dir',
    `${WORK_DIR}/data`,
    '--results-dir',
    `${WORK_DIR}/results`,
    '--dashboards-dir',
    `${WORK_DIR}/dashboards`,
  ];
}
