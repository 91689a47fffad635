/**
 * One Cloud Run job running the project's image (`jobbench_image`, the repository's
 * Dockerfile: ENTRYPOINT `node bin/jobbench.js`) with the job's arguments, under its own
 * service account, with the provider's settings named from its own settings table
 * (infra/job-environment.ts, so an unknown name is a type error) and any secrets as
 * environment variables read from Secret Manager at start.
 */
import { Op } from 'cdktf';
import { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job/index.js';
import type { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import type { ITerraformDependable } from 'cdktf';
import { GCP_CONFIG } from '../../../providers/gcp/config.ts';
import { jobEnvironment } from '../../job-environment.ts';
import type { GcpStackContext } from './context.ts';

export interface ContainerJobOptions {
  name: string;
  account: ServiceAccount;
  /** After the entrypoint: `collect …`, `run …`. */
  args: string[];
  /** Provider settings, by their key in providers/gcp/config.ts. */
  settings: Partial<Record<(typeof GCP_CONFIG)[number]['key'], string>>;
  /** Environment variable name → the secret whose latest version it receives. */
  secrets?: Record<string, SecretManagerSecret>;
  cpu: string;
  memory: string;
  timeoutSeconds: number;
  maxRetries: number;
  dependsOn?: ITerraformDependable[];
}

export function addContainerJob(ctx: GcpStackContext, id: string, options: ContainerJobOptions): CloudRunV2Job {
  const env = [
    ...Object.entries(jobEnvironment('JOBBENCH_GCP_', GCP_CONFIG, options.settings)).map(([name, value]) => ({
      name,
      value,
    })),
    // https://cloud.google.com/run/docs/configuring/jobs/secrets (read 2026-12-05): resolved when each task starts.
    ...Object.entries(options.secrets ?? {}).map(([name, secret]) => ({
      name,
      valueSource: { secretKeyRef: { secret: secret.secretId, version: 'latest' } },
    })),
  ];
  return new CloudRunV2Job(ctx.scope, id, {
    name: options.name,
    location: ctx.location,
    deletionProtection: Op.not(ctx.vars.teardown.booleanValue) as unknown as boolean,
    template: {
      taskCount: 1,
      parallelism: 1,
      template: {
        serviceAccount: options.account.email,
        maxRetries: options.maxRetries,
        timeout: `${options.timeoutSeconds}s`,
        containers: [
          {
            image: ctx.vars.image.stringValue,
            args: options.args,
            resources: { limits: { cpu: options.cpu, memory: options.memory } },
            env,
          },
        ],
      },
    },
    dependsOn: [...ctx.services, ...(options.dependsOn ?? [])],
  });
}
