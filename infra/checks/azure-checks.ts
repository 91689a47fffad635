/** Azure gap checks. Pure functions over a stack's Terraform JSON. */
import {
  addressOf,
  blocks,
  references,
  resourcesOf,
  type Finding,
  type GapCheck,
  type TfJson,
  type TfResource,
} from './tf-json.ts';

/** Storage accounts encrypt twice at rest (service + infrastructure layer). */
export const storageInfrastructureEncryption: GapCheck = {
  id: 'JB_AZURE_STORAGE_INFRASTRUCTURE_ENCRYPTION',
  description: 'Every storage account sets infrastructure_encryption_enabled = true.',
  run(doc) {
    return resourcesOf(doc, 'azurerm_storage_account')
      .filter((account) => account.body.infrastructure_encryption_enabled !== true)
      .map((account) => ({
        check: 'JB_AZURE_STORAGE_INFRASTRUCTURE_ENCRYPTION',
        resource: addressOf(account),
        message: 'infrastructure_encryption_enabled is not true (it can only be set when the account is created)',
      }));
  },
};

/** PostgreSQL flexible servers refuse non-TLS connections (`require_secure_transport` = ON). */
export const postgresSecureTransport: GapCheck = {
  id: 'JB_AZURE_POSTGRES_SECURE_TRANSPORT',
  description: 'Every PostgreSQL flexible server has a server configuration require_secure_transport = on.',
  run(doc) {
    const settings = resourcesOf(doc, 'azurerm_postgresql_flexible_server_configuration');
    return resourcesOf(doc, 'azurerm_postgresql_flexible_server').flatMap((server): Finding[] => {
      const on = settings.some(
        (s) =>
          references(s.body.server_id, server.type, server.name) &&
          s.body.name === 'require_secure_transport' &&
          String(s.body.value).toLowerCase() === 'on',
      );
      return on
        ? []
        : [
            {
              check: 'JB_AZURE_POSTGRES_SECURE_TRANSPORT',
              resource: addressOf(server),
              message: 'no require_secure_transport = on configuration',
            },
          ];
    });
  },
};

/** Storage (blob service) and PostgreSQL send their logs somewhere through a diagnostic setting. */
export const diagnosticSettings: GapCheck = {
  id: 'JB_AZURE_DIAGNOSTIC_SETTINGS',
  description:
    'Every storage account (its blob service) and every PostgreSQL flexible server has a diagnostic setting with logs enabled and a destination.',
  run(doc) {
    const accounts = resourcesOf(doc, 'azurerm_storage_account').filter(
      (account) => !hasDiagnostics(doc, account, (target) => target.includes('/blobServices/default')),
    );
    const servers = resourcesOf(doc, 'azurerm_postgresql_flexible_server').filter(
      (server) => !hasDiagnostics(doc, server),
    );
    return [
      ...accounts.map((a) => ({
        check: 'JB_AZURE_DIAGNOSTIC_SETTINGS',
        resource: addressOf(a),
        message: 'no diagnostic setting with logs on its blob service',
      })),
      ...servers.map((s) => ({
        check: 'JB_AZURE_DIAGNOSTIC_SETTINGS',
        resource: addressOf(s),
        message: 'no diagnostic setting with logs on the server',
      })),
    ];
  },
};

function hasDiagnostics(
  doc: TfJson,
  target: TfResource,
  targetMatches: (target: string) => boolean = () => true,
): boolean {
  return resourcesOf(doc, 'azurerm_monitor_diagnostic_setting').some((setting) => {
    const id = setting.body.target_resource_id;
    const destination = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id'].some(
      (key) => typeof setting.body[key] === 'string' && setting.body[key] !== '',
    );
    const logs = blocks(setting.body.enabled_log).some(
      (log) => log.category !== undefined || log.category_group !== undefined,
    );
    return (
      typeof id === 'string' && references(id, target.type, target.name) && targetMatches(id) && destination && logs
    );
  });
}

export const AZURE_GAP_CHECKS: readonly GapCheck[] = [
  storageInfrastructureEncryption,
  postgresSecureTransport,
  diagnosticSettings,
];
