/**
 * The Container Apps environment of the collector and the runner, in the apps subnet: its
 * jobs reach storage and Key Vault through the subnet's service endpoints and the database
 * through its private endpoint.
 */
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment/index.js';
import type { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace/index.js';
import { type AzureStackContext, NAME } from './context.ts';
import type { AzureNetwork } from './network.ts';

/** The one workload profile: no base charge, billed per vCPU-second and GiB-second of executions. */
export const WORKLOAD_PROFILE = 'Consumption';

export function addAppsEnvironment(
  ctx: AzureStackContext,
  network: AzureNetwork,
  workspace: LogAnalyticsWorkspace,
): ContainerAppEnvironment {
  return new ContainerAppEnvironment(ctx.scope, 'apps_environment', {
    ...ctx.where,
    name: `cae-${NAME}`,
    logAnalyticsWorkspaceId: workspace.id,
    infrastructureSubnetId: network.appsSubnet.id,
    workloadProfile: [{ name: WORKLOAD_PROFILE, workloadProfileType: 'Consumption' }],
  });
}
