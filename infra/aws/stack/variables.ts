/**
 * The AWS stack's Terraform input variables. Everything an operator may change between
 * accounts is a variable with a safe default, except `alert_email`, which has none on
 * purpose: alerts that reach nobody are worse than a plan that asks.
 */
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { DEFAULT_AWS_REGION } from '../../../providers/aws/config.ts';

/** The stack's variables, by the role they play in the resources. */
export interface AwsVariables {
  /** `region`: every regional resource. */
  region: TerraformVariable;
  /** `budget_amount`: monthly AWS Budgets limit in USD. */
  budgetAmount: TerraformVariable;
  /** `alert_email`: receives budget alerts and failure alarms. */
  alertEmail: TerraformVariable;
  /** `allowed_cidr`: who may reach PostgreSQL on 5432. */
  allowedCidr: TerraformVariable;
  /** `teardown`: lifts every protection that would block `terraform destroy`. */
  teardown: TerraformVariable;
  /** `collector_package`: path of the collector Lambda zip. */
  collectorPackage: TerraformVariable;
  /** `runner_package`: path of the in-region runner Lambda zip. */
  runnerPackage: TerraformVariable;
  /** `key_prefix`: the pipeline's lake key prefix (JOBBENCH_AWS_KEY_PREFIX). */
  keyPrefix: TerraformVariable;
  /** `db_backup_retention_days`: RDS automated backup retention. */
  backupDays: TerraformVariable;
}

/** Declares the variables on the stack (order kept: it is the order of `variable` in the JSON). */
export function addAwsVariables(scope: Construct): AwsVariables {
  const region = new TerraformVariable(scope, 'region', {
    type: 'string',
    default: DEFAULT_AWS_REGION,
    description: 'AWS region for every regional resource (Paris by default, near the French job market).',
  });
  const budgetAmount = new TerraformVariable(scope, 'budget_amount', {
    type: 'number',
    // Above what the stack costs standing (its platform line, about 18.50 USD a month in eu-west-3 from the
    // committed inventory × the price table), so an alert means a run or a change costs more than expected.
    default: 25,
    description:
      'Monthly AWS Budgets limit in USD; alerts at 80 % actual and 100 % forecast. The standing stack costs about 18.50 a month (docs/infrastructure.md), so 25 leaves room for runs.',
  });
  const alertEmail = new TerraformVariable(scope, 'alert_email', {
    type: 'string',
    description: 'Address that receives budget alerts and pipeline failure alarms (SNS asks to confirm).',
  });
  const allowedCidr = new TerraformVariable(scope, 'allowed_cidr', {
    type: 'string',
    default: '10.42.0.0/16',
    description: 'CIDR allowed to reach PostgreSQL on 5432 (the VPC itself by default; the database is never public).',
  });
  const teardown = new TerraformVariable(scope, 'teardown', {
    type: 'bool',
    default: false,
    description:
      'Set to true and apply once before `terraform destroy`: lifts RDS deletion protection, skips the final snapshot and lets Terraform empty the buckets.',
  });
  const collectorPackage = new TerraformVariable(scope, 'collector_package', {
    type: 'string',
    // cdktf.out/stacks/aws/ → the project root's dist/collector/, where `npm run package:collector` writes it.
    default: '../../../dist/collector/aws-collector.zip',
    description:
      'Path of the collector Lambda zip built by `npm run package:collector` (handler `index.handler`), relative to this stack directory.',
  });
  const keyPrefix = new TerraformVariable(scope, 'key_prefix', {
    type: 'string',
    default: '',
    description:
      'Same as JOBBENCH_AWS_KEY_PREFIX (e.g. "team-a/"): the pipeline role is limited to <key_prefix>raw/, clean/, … .',
  });
  const backupDays = new TerraformVariable(scope, 'db_backup_retention_days', {
    type: 'number',
    default: 7,
    description: 'RDS automated backup retention; accounts on the AWS Free plan may have to lower it to 1.',
  });
  const runnerPackage = new TerraformVariable(scope, 'runner_package', {
    type: 'string',
    default: '../../../dist/collector/aws-runner.zip',
    description:
      'Path of the in-region runner Lambda zip built by `npm run package:collector` (handler `index.handler`), relative to this stack directory.',
  });
  return {
    region,
    budgetAmount,
    alertEmail,
    allowedCidr,
    teardown,
    collectorPackage,
    runnerPackage,
    keyPrefix,
    backupDays,
  };
}
