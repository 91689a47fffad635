/**
 * The Azure side of jobbench as CDK for Terraform: a resource group holding the Blob
 * Storage lake, a PostgreSQL flexible server (free-tier B1ms) with a private endpoint in the
 * stack's VNet, one user-assigned managed identity per job with only the lake prefixes its
 * code uses, Log Analytics with diagnostic settings, a consumption budget, a Key Vault for
 * the sources' API keys, the daily collector and the in-region runner (Container Apps jobs
 * running the project's image). Secure by default: HTTPS/TLS 1.2 only, no shared keys, no
 * anonymous blobs, network default deny, Entra ID authentication everywhere, so no password
 * exists at all — nothing secret can reach the synthesized JSON.
 *
 * This file only composes the parts in ./stack/, one concern per file. Every part adds its
 * constructs directly on this stack with fixed construct ids, so the logical ids in the
 * Terraform JSON (and thus deployed state) do not depend on how the code is split. Only the
 * stack files and infra/app.ts import cdktf (docs/architecture.md); docs/infrastructure.md
 * has the diagram, costs and the deploy / run / teardown runbook.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAppsEnvironment } from './stack/apps-environment.ts';
import { addBudget } from './stack/budget.ts';
import { addCollector } from './stack/collector.ts';
import { addAzureStackBase } from './stack/context.ts';
import { addDatabase } from './stack/database.ts';
import { addDatabasePrivateAccess } from './stack/database-private-access.ts';
import { addIdentities } from './stack/identities.ts';
import { addKeyVault } from './stack/key-vault.ts';
import { addLake } from './stack/lake.ts';
import { addDiagnostics, addLogAnalytics } from './stack/monitoring.ts';
import { addNetwork } from './stack/network.ts';
import { addAzureOutputs } from './stack/outputs.ts';
import { addRunner } from './stack/runner.ts';
import { addAzureVariables } from './stack/variables.ts';

export { AZURE_LAKE_CONTAINER } from './stack/lake.ts';

/** The Azure stack; `new AzureStack(app, 'azure')` synthesizes to `stacks/azure/cdk.tf.json`. */
export class AzureStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const ctx = addAzureStackBase(this, addAzureVariables(this));

    const workspace = addLogAnalytics(ctx);
    const network = addNetwork(ctx);
    const lake = addLake(ctx, network);
    const identities = addIdentities(ctx, lake);
    const keys = addKeyVault(ctx, network, identities.collector.principalId);
    const db = addDatabase(ctx);
    const privateEndpoint = addDatabasePrivateAccess(ctx, network, db);
    addDiagnostics(ctx, workspace, { storageId: lake.storage.id, serverId: db.server.id, vaultId: keys.vault.id });
    addBudget(ctx);
    const environment = addAppsEnvironment(ctx, network, workspace);
    const collector = addCollector(ctx, environment, identities.collector, lake, keys);
    const runner = addRunner(ctx, environment, identities.runner, lake, db, privateEndpoint);
    addAzureOutputs(ctx, { lake, db, identities, vault: keys.vault, collector, runner, workspace });
  }
}
