/** The monthly AWS Budgets limit: e-mail at 80 % of actual spend and at 100 % forecast. */
import { Fn } from 'cdktf';
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget/index.js';
import { NAME, type AwsStackContext } from './context.ts';

/** Adds the budget with its two notifications to `alert_email`. */
export function addBudget(ctx: AwsStackContext): void {
  const email = ctx.vars.alertEmail;
  new BudgetsBudget(ctx.scope, 'budget', {
    name: `${NAME}-monthly`,
    budgetType: 'COST',
    limitAmount: Fn.tostring(ctx.vars.budgetAmount.numberValue),
    limitUnit: 'USD',
    timeUnit: 'MONTHLY',
    notification: [
      {
        comparisonOperator: 'GREATER_THAN',
        threshold: 80,
        thresholdType: 'PERCENTAGE',
        notificationType: 'ACTUAL',
        subscriberEmailAddresses: [email.stringValue],
      },
      {
        comparisonOperator: 'GREATER_THAN',
        threshold: 100,
        thresholdType: 'PERCENTAGE',
        notificationType: 'FORECASTED',
        subscriberEmailAddresses: [email.stringValue],
      },
    ],
  });
}
