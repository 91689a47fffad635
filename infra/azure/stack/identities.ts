/**
 * Who touches the lake, each with its own grants (./lake-access.ts):
 * - the collector job's user-assigned identity (`id-jobbench-collector`);
 * - the in-region runner job's (`id-jobbench-runner`), which also signs in to PostgreSQL;
 * - the pipeline role, held by the operator (who runs `jobbench run` and `jobbench results
 *   pull` from outside Azure with DefaultAzureCredential, i.e. `az login`) and by
 *   `id-jobbench-pipeline`, the same grants for automation that signs in as a managed identity
 *   (a CI workflow given a federated credential:
 *   https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity,
 *   read 2026-12-05). A managed identity cannot be used from a laptop, so the operator holds
 *   the role directly.
 */
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity/index.js';
import { type AzureStackContext, NAME } from './context.ts';
import { AZURE_LAKE_ACCESS, addLakeRole } from './lake-access.ts';
import type { AzureLake } from './lake.ts';

export interface AzureIdentities {
  collector: UserAssignedIdentity;
  pipeline: UserAssignedIdentity;
  runner: UserAssignedIdentity;
}

export function addIdentities(ctx: AzureStackContext, lake: AzureLake): AzureIdentities {
  const pipeline = new UserAssignedIdentity(ctx.scope, 'pipeline_identity', {
    ...ctx.where,
    name: `id-${NAME}-pipeline`,
  });
  const collector = new UserAssignedIdentity(ctx.scope, 'collector_identity', {
    ...ctx.where,
    name: `id-${NAME}-collector`,
  });
  const runner = new UserAssignedIdentity(ctx.scope, 'runner_identity', { ...ctx.where, name: `id-${NAME}-runner` });
  const managed = (identity: UserAssignedIdentity) => ({
    principalId: identity.principalId,
    principalType: 'ServicePrincipal',
  });
  addLakeRole(ctx, lake, 'pipeline_blob_contributor', managed(pipeline), AZURE_LAKE_ACCESS.pipeline);
  addLakeRole(
    ctx,
    lake,
    'operator_blob_contributor',
    { principalId: ctx.client.objectId, principalType: ctx.vars.operatorType.stringValue },
    AZURE_LAKE_ACCESS.pipeline,
  );
  addLakeRole(ctx, lake, 'collector_blob_contributor', managed(collector), AZURE_LAKE_ACCESS.collector);
  addLakeRole(ctx, lake, 'runner_blob_contributor', managed(runner), AZURE_LAKE_ACCESS.runner);
  return { collector, pipeline, runner };
}
