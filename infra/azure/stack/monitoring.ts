/**
 * Log Analytics, and the diagnostic settings that send the audit trail of data access
 * there: blob reads and writes, PostgreSQL connections and slow statements, Key Vault reads.
 */
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace/index.js';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting/index.js';
import { type AzureStackContext, NAME } from './context.ts';

export function addLogAnalytics(ctx: AzureStackContext): LogAnalyticsWorkspace {
  return new LogAnalyticsWorkspace(ctx.scope, 'log_analytics', {
    ...ctx.where,
    name: `log-${NAME}`,
    sku: 'PerGB2018',
    retentionInDays: 30,
    // ~5 GB a month, the free ingestion allowance; logging pauses for the day beyond it.
    dailyQuotaGb: 0.16,
  });
}

/** The resources whose data access is audited. */
export interface AuditedResources {
  storageId: string;
  serverId: string;
  vaultId: string;
}

export function addDiagnostics(ctx: AzureStackContext, workspace: LogAnalyticsWorkspace, audited: AuditedResources) {
  // Category groups: https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#category-groups.
  // Metric categories differ: the blob service has only "Transaction".
  for (const [diagnosticId, target, categoryGroup, metrics] of [
    ['storage_blob_diagnostics', `${audited.storageId}/blobServices/default`, 'audit', 'Transaction'],
    ['postgres_diagnostics', audited.serverId, 'allLogs', 'AllMetrics'],
    ['key_vault_diagnostics', audited.vaultId, 'audit', 'AllMetrics'],
  ] as const) {
    new MonitorDiagnosticSetting(ctx.scope, diagnosticId, {
      name: `diag-${NAME}`,
      targetResourceId: target,
      logAnalyticsWorkspaceId: workspace.id,
      enabledLog: [{ categoryGroup }],
      enabledMetric: [{ category: metrics }],
    });
  }
}
