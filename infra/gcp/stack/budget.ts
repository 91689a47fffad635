/** A monthly billing budget on the project, alerting the operator's address by email. */
import { Fn } from 'cdktf';
import { BillingBudget } from '@cdktf/provider-google/lib/billing-budget/index.js';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel/index.js';
import { type GcpStackBase, NAME } from './context.ts';

export function addBudget(base: GcpStackBase): void {
  const { scope, vars, services, projectInfo } = base;
  const channel = new MonitoringNotificationChannel(scope, 'alert_email_channel', {
    displayName: 'jobbench alerts',
    type: 'email',
    labels: { email_address: vars.alertEmail.stringValue },
    dependsOn: services,
  });
  new BillingBudget(scope, 'budget', {
    billingAccount: vars.billingAccount.stringValue,
    displayName: `${NAME}-monthly`,
    budgetFilter: { projects: [`projects/${projectInfo.number}`] },
    amount: {
      specifiedAmount: {
        currencyCode: vars.budgetCurrency.stringValue,
        units: Fn.tostring(vars.budgetAmount.numberValue),
      },
    },
    thresholdRules: [
      { thresholdPercent: 0.5 },
      { thresholdPercent: 0.9 },
      { thresholdPercent: 1.0, spendBasis: 'FORECASTED_SPEND' },
    ],
    allUpdatesRule: { monitoringNotificationChannels: [channel.id], disableDefaultIamRecipients: false },
    dependsOn: services,
  });
}
