/**
 * What the AWS stack bills while it stands, from its synthesized Terraform JSON: the RDS
 * instance and its storage, the KMS key, secrets, alarms and CloudWatch Logs ingestion
 * and storage. Log volumes cannot be read from Terraform; they are small assumptions,
 * stated in each line's `basis` and marked `assumed`. Pure: no cdktf.
 */
import type { PlatformInventory, PlatformLine } from '../core/platform-inventory.ts';
import {
  booleanArgument,
  buildInventory,
  numberArgument,
  PLATFORM_HOURS_PER_MONTH,
  referencesResource,
  resourcesOf,
  roundQuantity,
  stringArgument,
  type InventoryRules,
  type TerraformDocument,
  type TerraformResource,
} from '../core/terraform-inventory.ts';

/**
 * Assumed monthly log volumes (GB), kept small and labelled: a daily collector and a few
 * runs a month write little; CloudTrail's S3 data events on the lake are the largest.
 */
export const AWS_LOG_ASSUMPTIONS = {
  /** Events CloudTrail delivers to a log group: management events plus S3 data events on the lake. */
  trailGb: 1,
  /** A log group written by the collector Lambda and the pipeline (JSON lines). */
  appGb: 0.1,
  /** Each PostgreSQL log RDS exports (connections, DDL, statements over 1 s). */
  rdsExportGb: 0.1,
  /** Enhanced Monitoring OS metrics (one JSON record per monitoring interval). */
  enhancedMonitoringGb: 0.5,
  /** VPC flow logs of the database subnets. */
  flowLogGb: 1,
} as const;

/** CloudWatch Logs storage is counted at its steady state: what a year of ingestion leaves stored, or less under a shorter retention. */
const MAX_STORED_MONTHS = 12;

// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html (read 2026-12-04):
// the master user secret RDS manages lives in Secrets Manager and is billed like any secret.
const RDS_SECRET_DOC = 'RDS keeps the master password in a Secrets Manager secret, billed as one';
// https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html (read 2026-12-04):
// "Your first two active budgets are free of charge. Each additional active budget costs $0.02 per day."
const FREE_BUDGETS = 2;
// RDSOSMetrics, the log group Enhanced Monitoring writes to, is not in the stack: its
// retention is assumed to be one month.
const ENHANCED_MONITORING_RETENTION_MONTHS = 1;

function line(
  item: string,
  quantity: number,
  unit: PlatformLine['unit'],
  resource: TerraformResource,
  basis: string,
  assumed = false,
): PlatformLine {
  return { item, quantity: roundQuantity(quantity), unit, resource: resource.address, basis, assumed };
}

function database(resources: readonly TerraformResource[], doc: TerraformDocument): PlatformLine[] {
  return resources.flatMap((db) => {
    const multiAz = booleanArgument(doc, db, 'multi_az', false);
    // Multi-AZ keeps a standby instance with its own storage: both are billed.
    const instances = multiAz.value ? 2 : 1;
    const instanceClass = stringArgument(db, 'instance_class');
    const storage = numberArgument(doc, db, 'allocated_storage');
    const storageType = typeof db.body.storage_type === 'string' ? `, storage_type = ${db.body.storage_type}` : '';
    const lines = [
      line(
        'rds.instance',
        PLATFORM_HOURS_PER_MONTH * instances,
        'instance-hour',
        db,
        `${PLATFORM_HOURS_PER_MONTH} h × ${instances} instance (instance_class = ${instanceClass}, ${multiAz.text})`,
      ),
      line(
        'rds.storage',
        storage.value * instances,
        'gb-month',
        db,
        `${storage.text}${storageType} × ${instances} instance`,
      ),
    ];
    if (booleanArgument(doc, db, 'manage_master_user_password', false).value) {
      lines.push(
        line('secretsmanager.secret', 1, 'resource-month', db, `manage_master_user_password = true: ${RDS_SECRET_DOC}`),
      );
    }
    const exports = Array.isArray(db.body.enabled_cloudwatch_logs_exports)
      ? db.body.enabled_cloudwatch_logs_exports.filter((e) => typeof e === 'string')
      : [];
    for (const name of exports) {
      const gb = AWS_LOG_ASSUMPTIONS.rdsExportGb;
      lines.push(
        line(
          'cloudwatch.logs-ingestion',
          gb,
          'gb-ingested',
          db,
          `enabled_cloudwatch_logs_exports "${name}": assumed ${gb} GB/month`,
          true,
        ),
      );
      lines.push(
        line(
          'cloudwatch.logs-storage',
          gb * MAX_STORED_MONTHS,
          'gb-month',
          db,
          `the "${name}" log group RDS creates never expires: assumed ${gb} GB/month × ${MAX_STORED_MONTHS} months kept (after a year)`,
          true,
        ),
      );
    }
    const interval = numberArgument(doc, db, 'monitoring_interval', 0);
    if (interval.value > 0) {
      const gb = AWS_LOG_ASSUMPTIONS.enhancedMonitoringGb;
      lines.push(
        line(
          'cloudwatch.logs-ingestion',
          gb,
          'gb-ingested',
          db,
          `Enhanced Monitoring, ${interval.text} s, into RDSOSMetrics: assumed ${gb} GB/month`,
          true,
        ),
      );
      lines.push(
        line(
          'cloudwatch.logs-storage',
          gb * ENHANCED_MONITORING_RETENTION_MONTHS,
          'gb-month',
          db,
          `RDSOSMetrics retention assumed one month: ${gb} GB kept`,
          true,
        ),
      );
    }
    return lines;
  });
}

function logGroups(resources: readonly TerraformResource[], doc: TerraformDocument): PlatformLine[] {
  const trails = resourcesOf(doc, 'aws_cloudtrail');
  return resources.flatMap((group) => {
    const fromTrail = trails.some((trail) => referencesResource(trail.body, group));
    const gb = fromTrail ? AWS_LOG_ASSUMPTIONS.trailGb : AWS_LOG_ASSUMPTIONS.appGb;
    const what = fromTrail ? 'CloudTrail events delivered here' : 'collector and pipeline logs';
    const retention = numberArgument(doc, group, 'retention_in_days', 0);
    // 0 (unset) means the group never expires.
    const months =
      retention.value === 0 ? MAX_STORED_MONTHS : Math.min(MAX_STORED_MONTHS, retention.value / (365 / 12));
    return [
      line('cloudwatch.logs-ingestion', gb, 'gb-ingested', group, `${what}: assumed ${gb} GB/month`, true),
      line(
        'cloudwatch.logs-storage',
        gb * months,
        'gb-month',
        group,
        `${retention.text}: assumed ${gb} GB/month × ${roundQuantity(months)} months kept (uncompressed, an upper bound)`,
        true,
      ),
    ];
  });
}

function flowLogs(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources.map((flow) => {
    const gb = AWS_LOG_ASSUMPTIONS.flowLogGb;
    const destination =
      typeof flow.body.log_destination_type === 'string' ? flow.body.log_destination_type : 'cloud-watch-logs';
    // Flow logs delivered to S3 are vended logs, billed per GB delivered at their own rate
    // (https://aws.amazon.com/cloudwatch/pricing/, "Vended Logs", not re-read); the table prices them as log ingestion.
    const where =
      destination === 's3'
        ? 'delivered to S3 (vended logs; priced as log ingestion here)'
        : `delivered to ${destination}`;
    return line(
      'cloudwatch.logs-ingestion',
      gb,
      'gb-ingested',
      flow,
      `VPC flow logs ${where}: assumed ${gb} GB/month`,
      true,
    );
  });
}

function alarms(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources.map((alarm) => {
    // A metric-math alarm bills one alarm metric per metric it queries.
    const queries = Array.isArray(alarm.body.metric_query)
      ? alarm.body.metric_query.filter((q) => typeof q === 'object' && q !== null && 'metric' in q).length
      : 0;
    const metrics = Math.max(1, queries);
    const period = typeof alarm.body.period === 'number' ? alarm.body.period : null;
    const resolution =
      period !== null && period < 60
        ? `high resolution (period = ${period})`
        : `standard resolution${period === null ? '' : ` (period = ${period})`}`;
    return line('cloudwatch.alarm', metrics, 'resource-month', alarm, `1 alarm, ${metrics} metric, ${resolution}`);
  });
}

function each(item: string, what: string) {
  return (resources: readonly TerraformResource[]): PlatformLine[] =>
    resources.map((r) => line(item, 1, 'resource-month', r, what));
}

function budgets(resources: readonly TerraformResource[]): PlatformLine[] {
  return resources
    .slice(FREE_BUDGETS)
    .map((b) => line('budgets.budget', 1, 'resource-month', b, `budget beyond the first ${FREE_BUDGETS} free ones`));
}

// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html (read 2026-12-05):
// "There is no additional charge for using gateway endpoints." Interface and Gateway Load
// Balancer endpoints bill per endpoint-hour and GB processed, which no price item covers yet.
const GATEWAY_ENDPOINT_FREE =
  'gateway endpoints (S3, DynamoDB) have no charge: "There is no additional charge for using gateway endpoints" (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html, read 2026-12-05)';

/** No line for a Gateway endpoint (free); any other kind is refused until it has price items. */
function vpcEndpoints(resources: readonly TerraformResource[]): PlatformLine[] {
  for (const endpoint of resources) {
    // The provider's default vpc_endpoint_type is Gateway.
    const kind = endpoint.body.vpc_endpoint_type ?? 'Gateway';
    if (kind !== 'Gateway')
      throw new Error(
        `${endpoint.address}: vpc_endpoint_type ${JSON.stringify(kind)} bills per endpoint-hour and GB processed; add its price items before counting it`,
      );
  }
  return [];
}

const METERED_BY_RUN =
  'lake storage and requests are metered by the run; the log buckets hold small log objects not priced here';
const FREE_CONFIG = 'configuration, no charge of its own';

export const AWS_INVENTORY_RULES: InventoryRules = {
  cloud: 'aws',
  types: {
    aws_db_instance: { lines: database },
    aws_kms_key: {
      lines: each(
        'kms.key',
        '1 customer managed key (rotated key material may add key-months: https://aws.amazon.com/kms/pricing/, not re-read)',
      ),
    },
    aws_secretsmanager_secret: { lines: each('secretsmanager.secret', '1 secret') },
    aws_cloudwatch_metric_alarm: { lines: alarms },
    aws_cloudwatch_log_group: { lines: logGroups },
    aws_flow_log: { lines: flowLogs },
    aws_budgets_budget: {
      lines: budgets,
      otherwise: `the first ${FREE_BUDGETS} budgets of an account are free (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html)`,
    },
    aws_cloudtrail: {
      free: "the first trail's management events are free (https://aws.amazon.com/cloudtrail/pricing/, not re-read); S3 data events on the lake are billed per event with the run's requests (not priced here); its delivery to CloudWatch Logs is the trail log group's line",
    },
    aws_cloudwatch_log_metric_filter: {
      free: 'filters are free; each publishes one custom metric, inside the 10 custom metrics CloudWatch gives every month (https://aws.amazon.com/cloudwatch/pricing/, not re-read)',
    },
    aws_lambda_function: { free: 'billed per request and GB-second of its runs only' },
    aws_scheduler_schedule: { free: 'EventBridge Scheduler bills invocations only' },
    aws_sqs_queue: { free: 'billed per request only' },
    aws_sns_topic: { free: 'billed per publish and delivery only' },
    aws_sns_topic_subscription: { free: 'billed per delivery only' },
    aws_athena_workgroup: { free: 'billed per TB its queries scan only' },
    aws_glue_catalog_database: {
      free: 'Glue Data Catalog storage is free for the first million objects (https://aws.amazon.com/glue/pricing/, not re-read)',
    },
    aws_glue_catalog_table: {
      free: 'Glue Data Catalog storage is free for the first million objects (https://aws.amazon.com/glue/pricing/, not re-read)',
    },
    aws_s3_bucket: { free: METERED_BY_RUN },
    aws_vpc: { free: 'a VPC has no charge' },
    aws_subnet: { free: 'a subnet has no charge' },
    aws_security_group: { free: 'a security group has no charge' },
    aws_vpc_security_group_egress_rule: { free: 'a security group rule has no charge' },
    aws_vpc_security_group_ingress_rule: { free: 'a security group rule has no charge' },
    aws_vpc_endpoint: { lines: vpcEndpoints, otherwise: GATEWAY_ENDPOINT_FREE },
    aws_default_security_group: { free: 'a security group has no charge' },
    aws_db_subnet_group: { free: FREE_CONFIG },
    aws_db_parameter_group: { free: FREE_CONFIG },
    aws_kms_alias: { free: 'an alias has no charge' },
    aws_s3_account_public_access_block: { free: FREE_CONFIG },
  },
  patterns: [
    { match: /^aws_iam_/, free: 'IAM has no charge' },
    { match: /^aws_s3_bucket_/, free: `bucket ${FREE_CONFIG}` },
  ],
};

/** The AWS stack's platform inventory from its `cdk.tf.json`. */
export function awsPlatformInventory(doc: TerraformDocument): PlatformInventory {
  return buildInventory(doc, AWS_INVENTORY_RULES);
}
