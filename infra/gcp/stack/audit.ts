/** Data Access audit logs (who read or wrote which object / table); ADMIN_READ rounds out the picture. */
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config/index.js';
import type { GcpStackBase } from './context.ts';

export function addAuditLogs(base: GcpStackBase): void {
  for (const service of ['storage.googleapis.com', 'bigquery.googleapis.com']) {
    new ProjectIamAuditConfig(base.scope, `audit_${service.split('.')[0]}`, {
      project: base.project,
      service,
      auditLogConfig: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
    });
  }
}
