/**
 * The stack's Terraform outputs: the deployed names `jobbench run --stack-outputs` and
 * `jobbench results pull --stack-outputs` read (infra/stack-outputs.ts), and the names the
 * operator types (jobs to start, the runner's database role). Never a secret: no password
 * exists, and the source keys live in Key Vault only.
 */
import { TerraformOutput } from 'cdktf';
import type { ContainerAppJob } from '@cdktf/provider-azurerm/lib/container-app-job/index.js';
import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault/index.js';
import type { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace/index.js';
import type { AzureStackContext } from './context.ts';
import type { AzureDatabase } from './database.ts';
import type { AzureIdentities } from './identities.ts';
import type { AzureLake } from './lake.ts';

export interface AzureOutputSources {
  lake: AzureLake;
  db: AzureDatabase;
  identities: AzureIdentities;
  vault: KeyVault;
  collector: ContainerAppJob;
  runner: ContainerAppJob;
  workspace: LogAnalyticsWorkspace;
}

export function addAzureOutputs(ctx: AzureStackContext, from: AzureOutputSources): void {
  const { lake, db, identities, vault, collector, runner, workspace } = from;
  const outputs: Record<string, { value: string | number; description: string }> = {
    jobbench_cloud: {
      value: 'azure',
      description: 'Which cloud these outputs describe (read by jobbench run --stack-outputs).',
    },
    region: { value: ctx.group.location, description: 'Azure region.' },
    resource_group: { value: ctx.group.name, description: 'Resource group holding every resource.' },
    storage_account: { value: lake.storage.name, description: 'Storage account of the lake.' },
    lake_container: {
      value: lake.container.name,
      description: 'Blob container holding raw/, clean/, quarantine/, runs/, state/, bench/ and results/.',
    },
    blob_endpoint: { value: lake.storage.primaryBlobEndpoint, description: 'Blob service endpoint.' },
    db_host: { value: db.server.fqdn, description: 'PostgreSQL flexible server host name.' },
    db_port: { value: 5432, description: 'PostgreSQL port.' },
    db_name: { value: db.database.name, description: 'Warehouse database name.' },
    db_user: {
      value: ctx.vars.operatorName.stringValue,
      description: 'Entra principal that signs in to PostgreSQL from outside (token as password).',
    },
    runner_db_user: {
      value: identities.runner.name,
      description:
        "The runner's database role (create it once: pgaadauth_create_principal, see docs/infrastructure.md).",
    },
    pipeline_identity_client_id: {
      value: identities.pipeline.clientId,
      description: 'Client id of the managed identity holding the pipeline role (for automation).',
    },
    key_vault_uri: { value: vault.vaultUri, description: 'Key Vault holding the source API keys.' },
    collector_job: { value: collector.name, description: 'Container Apps job of the daily collector.' },
    runner_job: {
      value: runner.name,
      description: 'Container Apps job of the in-region runner (az containerapp job start).',
    },
    log_analytics_workspace_id: { value: workspace.id, description: 'Workspace receiving the diagnostic logs.' },
  };
  for (const [name, output] of Object.entries(outputs)) {
    // Construct ids must differ from the variables'; Terraform itself allows `output.region` next to `var.region`.
    new TerraformOutput(ctx.scope, `output_${name}`, output).overrideLogicalId(name);
  }
}
