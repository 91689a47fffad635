/**
 * The daily collector: a Cloud Run job running `jobbench collect` (the extract stage alone:
 * sources → raw/, the run manifest under runs/, the sources' cursors under state/), started
 * every morning by Cloud Scheduler through the Cloud Run Admin API
 * (https://cloud.google.com/run/docs/execute/jobs-on-schedule, read 2026-12-05). The source keys
 * reach it as environment variables from Secret Manager; it never touches the warehouse.
 */
import type { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job/index.js';
import { CloudRunV2JobIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-job-iam-member/index.js';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job/index.js';
import type { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role/index.js';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member/index.js';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket/index.js';
import { collectorArgs } from '../../job-commands.ts';
import { addContainerJob } from './container-job.ts';
import { type GcpStackContext, NAME } from './context.ts';
import { grantLake, type LakeAccess } from './lake-access.ts';
import { addServiceAccount, memberOf } from './service-accounts.ts';
import type { SourceSecrets } from './source-secrets.ts';

/**
 * What `jobbench collect` does to the lake, as recorded: it lists its raw pages, reads the
 * sources' cursors and quotas, writes pages, manifests and cursors, and replaces the manifest
 * at each checkpoint and the cursors each run (a replacement needs storage.objects.delete).
 */
export const COLLECTOR_LAKE_ACCESS: LakeAccess = {
  list: ['raw/'],
  read: ['state/'],
  write: ['raw/', 'runs/', 'state/'],
  delete: ['runs/', 'state/'],
};

export function addCollector(
  ctx: GcpStackContext,
  lake: StorageBucket,
  deleter: ProjectIamCustomRole,
  secrets: SourceSecrets,
): CloudRunV2Job {
  const { scope, project, location } = ctx;
  const account = addServiceAccount(ctx, `${NAME}-collector`, 'jobbench collector (raw/, runs/, state/ of the lake)');
  const member = memberOf(account);
  grantLake(ctx, lake, deleter, 'collector', member, COLLECTOR_LAKE_ACCESS);
  // Each key is readable by the collector alone, secret by secret (never project-wide).
  const readers = Object.values(secrets).map(
    (secret) =>
      new SecretManagerSecretIamMember(scope, `collector_reads_${secret.node.id}`, {
        secretId: secret.id,
        role: 'roles/secretmanager.secretAccessor',
        member,
      }),
  );
  const job = addContainerJob(ctx, 'collector_job', {
    name: `${NAME}-collector`,
    account,
    args: collectorArgs('gcp'),
    settings: { PROJECT: project, BUCKET: lake.name, LOCATION: location, KEY_PREFIX: ctx.vars.keyPrefix.stringValue },
    secrets,
    cpu: '1',
    memory: '512Mi',
    timeoutSeconds: 1800,
    // A collection that failed once is tried once more: the next run resumes from the cursors anyway.
    maxRetries: 1,
    dependsOn: readers,
  });

  const scheduler = addServiceAccount(ctx, `${NAME}-scheduler`, 'jobbench scheduler (starts the collector job)');
  new CloudRunV2JobIamMember(scope, 'scheduler_runs_collector', {
    name: job.name,
    location,
    role: 'roles/run.invoker',
    member: memberOf(scheduler),
  });
  new CloudSchedulerJob(scope, 'collector_schedule', {
    name: `${NAME}-collector-daily`,
    description: 'Runs the collector every morning, Paris time',
    region: location,
    schedule: '0 6 * * *',
    timeZone: 'Europe/Paris',
    attemptDeadline: '320s',
    retryConfig: { retryCount: 1 },
    httpTarget: {
      httpMethod: 'POST',
      uri: `https://run.googleapis.com/v2/projects/${project}/locations/${location}/jobs/${job.name}:run`,
      oauthToken: { serviceAccountEmail: scheduler.email, scope: 'https://www.googleapis.com/auth/cloud-platform' },
    },
    dependsOn: ctx.services,
  });
  return job;
}
