/**
 * The in-region runner: a Cloud Run job in the stack's region running the whole benchmark
 * (`jobbench run … --vantage in-region --publish`) beside Cloud Storage and BigQuery, so its
 * figures measure the cloud rather than the operator's network. It is started by hand
 * (`gcloud run jobs execute jobbench-runner --region <region> --wait`), never on a schedule,
 * and publishes its results under results/<runId>/ of the lake, where `jobbench results pull`
 * finds them. Its own service account holds what the run was recorded using, and no secret:
 * it runs the offline sample source.
 */
import type { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job/index.js';
import type { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role/index.js';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { runnerArgs } from '../../job-commands.ts';
import { addContainerJob } from './container-job.ts';
import { type GcpStackContext, NAME } from './context.ts';
import { grantLake, type LakeAccess } from './lake-access.ts';
import { addServiceAccount, memberOf } from './service-accounts.ts';
import { type GcpWarehouse, grantWarehouse } from './warehouse.ts';

/** The runner's command after the image's entrypoint (shared with Azure). */
export const RUNNER_ARGS = runnerArgs('gcp');

/**
 * A whole run as recorded, then its results published: the pipeline's prefixes without the
 * pull's results/ listing and reads, plus writing results/ (its pipeline reruns read an earlier
 * run's manifest, clean chunks and quarantine objects to copy them).
 */
export const RUNNER_LAKE_ACCESS: LakeAccess = {
  list: ['raw/', 'clean/', 'quarantine/', 'runs/', 'bench/'],
  read: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'],
  write: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/', 'results/'],
  delete: ['raw/', 'clean/', 'quarantine/', 'runs/', 'state/', 'bench/'],
};

export function addRunner(
  ctx: GcpStackContext,
  lake: StorageBucket,
  deleter: ProjectIamCustomRole,
  datasets: GcpWarehouse,
): CloudRunV2Job {
  const account = addServiceAccount(ctx, `${NAME}-runner`, 'jobbench in-region runner (the benchmark, results/)');
  const member = memberOf(account);
  grantLake(ctx, lake, deleter, 'runner', member, RUNNER_LAKE_ACCESS);
  grantWarehouse(ctx, 'runner', member, datasets);
  return addContainerJob(ctx, 'runner_job', {
    name: `${NAME}-runner`,
    account,
    args: [...RUNNER_ARGS],
    settings: {
      PROJECT: ctx.project,
      BUCKET: lake.name,
      DATASET: datasets.warehouse.datasetId,
      LOCATION: ctx.location,
      KEY_PREFIX: ctx.vars.keyPrefix.stringValue,
    },
    cpu: '2',
    memory: '4Gi',
    timeoutSeconds: 3600,
    // A benchmark is not retried blindly: a failed run is read, then started again by hand.
    maxRetries: 0,
  });
}
