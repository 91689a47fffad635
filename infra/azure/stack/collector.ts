/**
 * The daily collector: a scheduled Container Apps job running `jobbench collect` from the
 * project's image with its own identity. The sources' keys reach it as environment
 * variables the platform fills from Key Vault secrets (version: latest), resolved with the
 * job's identity (https://learn.microsoft.com/azure/container-apps/manage-secrets, read 2026-12-05); the job's definition holds only their ids.
 */
import type { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment/index.js';
import { ContainerAppJob } from '@cdktf/provider-azurerm/lib/container-app-job/index.js';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';
import { AZURE_CONFIG } from '../../../providers/azure/config.ts';
import { collectorArgs } from '../../job-commands.ts';
import { jobEnvironment } from '../../job-environment.ts';
import { WORKLOAD_PROFILE } from './apps-environment.ts';
import { type AzureStackContext, NAME } from './context.ts';
import { type AzureKeyVault, SOURCE_KEY_SECRETS } from './key-vault.ts';
import type { AzureLake } from './lake.ts';

export function addCollector(
  ctx: AzureStackContext,
  environment: ContainerAppEnvironment,
  identity: UserAssignedIdentity,
  lake: AzureLake,
  keys: AzureKeyVault,
): ContainerAppJob {
  const secrets = Object.keys(SOURCE_KEY_SECRETS) as (keyof typeof SOURCE_KEY_SECRETS)[];
  return new ContainerAppJob(ctx.scope, 'collector_job', {
    ...ctx.where,
    name: `caj-${NAME}-collector`,
    containerAppEnvironmentId: environment.id,
    workloadProfileName: WORKLOAD_PROFILE,
    replicaTimeoutInSeconds: 1800,
    replicaRetryLimit: 1,
    scheduleTriggerConfig: { cronExpression: '0 5 * * *', parallelism: 1, replicaCompletionCount: 1 },
    identity: { type: 'UserAssigned', identityIds: [identity.id] },
    secret: secrets.map((name) => ({
      name,
      keyVaultSecretId: `${keys.vault.vaultUri}secrets/${name}`,
      identity: identity.id,
    })),
    template: {
      container: [
        {
          name: 'collector',
          image: ctx.vars.image.stringValue,
          args: collectorArgs('azure'),
          cpu: 0.25,
          memory: '0.5Gi',
          env: [
            // DefaultAzureCredential picks the user-assigned identity by its client id.
            { name: 'AZURE_CLIENT_ID', value: identity.clientId },
            ...Object.entries(
              jobEnvironment('JOBBENCH_AZURE_', AZURE_CONFIG, {
                ACCOUNT: lake.storage.name,
                CONTAINER: lake.container.name,
                REGION: ctx.vars.region.stringValue,
                // No database: `collect --provider azure` opens the Blob lake alone (providers/azure/lake-store.ts).
              }),
            ).map(([name, value]) => ({ name, value })),
            ...secrets.map((name) => ({ name: SOURCE_KEY_SECRETS[name], secretName: name })),
          ],
        },
      ],
    },
    // The platform resolves the Key Vault references with the identity when it creates the job.
    dependsOn: [keys.collectorReads],
  });
}
