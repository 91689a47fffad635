/** A monthly consumption budget on the resource group, alerting at 80 % actual and 100 % forecast. */
import { Fn } from 'cdktf';
import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group/index.js';
import { type AzureStackContext, NAME } from './context.ts';

export function addBudget(ctx: AzureStackContext): void {
  const contactEmails = [ctx.vars.alertEmail.stringValue];
  new ConsumptionBudgetResourceGroup(ctx.scope, 'budget', {
    name: `budget-${NAME}`,
    resourceGroupId: ctx.group.id,
    amount: ctx.vars.budgetAmount.numberValue,
    timeGrain: 'Monthly',
    // A budget starts on the first of a month; the start is fixed at creation, then ignored.
    timePeriod: { startDate: Fn.formatdate("YYYY-MM-01'T'00:00:00Z", Fn.timestamp()) },
    notification: [
      { enabled: true, threshold: 80, operator: 'GreaterThan', thresholdType: 'Actual', contactEmails },
      { enabled: true, threshold: 100, operator: 'GreaterThan', thresholdType: 'Forecasted', contactEmails },
    ],
    lifecycle: { ignoreChanges: ['time_period'] },
  });
}
