/**
 * The in-region runner: a Container Apps job started by hand (`az containerapp job start`),
 * in the stack's VNet, that runs the whole benchmark beside the services it measures and
 * publishes its results into the lake under results/. Its identity signs in to Blob Storage
 * (DefaultAzureCredential, AZURE_CLIENT_ID) and to PostgreSQL with an Entra token per
 * connection (JOBBENCH_AZURE_PG_ENTRA_AUTH), as the database role named after the identity,
 * which the operator creates once (docs/infrastructure.md, Azure). The connection goes to the
 * server's usual host name, which inside the VNet resolves to its private endpoint.
 *
 * Sizing: 2 vCPU and 4 GiB (a Consumption-profile pair, which allows 2 GiB per vCPU:
 * https://learn.microsoft.com/azure/container-apps/containers, not re-read here),
 * an hour at most, and no retry: a benchmark that failed is looked at, not rerun blindly.
 */
import type { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment/index.js';
import { ContainerAppJob } from '@cdktf/provider-azurerm/lib/container-app-job/index.js';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint/index.js';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';
import { AZURE_CONFIG } from '../../../providers/azure/config.ts';
import { jobEnvironment } from '../../job-environment.ts';
import { runnerArgs } from '../../job-commands.ts';
import { WORKLOAD_PROFILE } from './apps-environment.ts';
import { type AzureStackContext, NAME } from './context.ts';
import type { AzureDatabase } from './database.ts';
import type { AzureLake } from './lake.ts';

/**
 * The runner's own warehouse schema: it creates and owns it (the role has CREATE on the
 * database), apart from the `jobbench` schema the operator's runs from outside create and own.
 */
export const RUNNER_PG_SCHEMA = 'jobbench_runner';

/** What the runner runs, after the image's `node bin/jobbench.js` (shared with GCP). */
export const RUNNER_ARGS = runnerArgs('azure');

export function addRunner(
  ctx: AzureStackContext,
  environment: ContainerAppEnvironment,
  identity: UserAssignedIdentity,
  lake: AzureLake,
  db: AzureDatabase,
  privateEndpoint: PrivateEndpoint,
): ContainerAppJob {
  return new ContainerAppJob(ctx.scope, 'runner_job', {
    ...ctx.where,
    name: `caj-${NAME}-runner`,
    containerAppEnvironmentId: environment.id,
    workloadProfileName: WORKLOAD_PROFILE,
    replicaTimeoutInSeconds: 3600,
    replicaRetryLimit: 0,
    manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
    identity: { type: 'UserAssigned', identityIds: [identity.id] },
    template: {
      container: [
        {
          name: 'runner',
          image: ctx.vars.image.stringValue,
          args: RUNNER_ARGS,
          cpu: 2,
          memory: '4Gi',
          env: [
            // DefaultAzureCredential picks the user-assigned identity by its client id.
            { name: 'AZURE_CLIENT_ID', value: identity.clientId },
            ...Object.entries(
              jobEnvironment('JOBBENCH_AZURE_', AZURE_CONFIG, {
                ACCOUNT: lake.storage.name,
                CONTAINER: lake.container.name,
                REGION: ctx.vars.region.stringValue,
                // The user is the identity's name: the role pgaadauth_create_principal gives it.
                DATABASE_URL: `postgres://${identity.name}@${db.server.fqdn}:5432/${db.database.name}`,
                PG_ENTRA_AUTH: 'true',
                PG_SCHEMA: RUNNER_PG_SCHEMA,
              }),
            ).map(([name, value]) => ({ name, value })),
          ],
        },
      ],
    },
    // A run before the endpoint's DNS record exists would go to the public address, which the firewall refuses.
    dependsOn: [privateEndpoint],
  });
}
